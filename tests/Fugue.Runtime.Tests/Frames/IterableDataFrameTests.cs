using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

public sealed class IterableDataFrameTests
{
    private static IEnumerable<object?[]> Generate(int n, Action? onRead = null)
    {
        for (var i = 0; i < n; i++)
        {
            onRead?.Invoke();
            yield return R(i, "v" + i);
        }
    }

    [Fact]
    public void IsLazyUntilRead()
    {
        var reads = 0;
        var df = new IterableDataFrame(Generate(5, () => reads++), "a:long,b:str");
        Assert.False(df.IsBounded);
        Assert.True(df.IsLocal);
        Assert.Equal(0, reads);
        Assert.False(df.IsEmpty);
        Assert.Equal(1, reads);
        Rows.Equal(R(0L, "v0"), df.PeekArray());
        Assert.Equal(1, reads);
        Rows.Equal([R(0L, "v0"), R(1L, "v1")], df.Head(2).AsArray());
        Assert.Equal(2, reads);
        // The rows read ahead are not lost.
        Assert.Equal(5, df.AsArray().Count);
        Assert.Equal(5, reads);
    }

    [Fact]
    public void SecondReadOfASinglePassStreamFailsClearly()
    {
        var df = new IterableDataFrame(Generate(3), "a:long,b:str");
        Assert.Equal(3, df.AsArray().Count);
        var ex = Assert.Throws<InvalidOperationException>(() => df.AsArray());
        Assert.Equal("the IterableDataFrame with schema 'a:long,b:str' is a single-pass stream that was already read; call AsLocalBounded() (which caches it) before reading it more than once", ex.Message);
        Assert.Throws<InvalidOperationException>(() => df.PeekArray());
        Assert.Throws<InvalidOperationException>(() => df.AsBatches().ToList());
    }

    [Fact]
    public void CountNeedsMaterialisation()
    {
        var df = new IterableDataFrame(Generate(3), "a:long,b:str");
        var ex = Assert.Throws<InvalidOperationException>(() => df.Count());
        Assert.Contains("AsLocalBounded()", ex.Message, StringComparison.Ordinal);
        var bounded = df.AsLocalBounded();
        Assert.IsType<ArrayDataFrame>(bounded);
        Assert.Same(bounded, df.AsLocalBounded());
        Assert.True(df.IsCached);
        Assert.Equal(3, df.Count());
        // Once cached, the stream can be read any number of times.
        Assert.Equal(3, df.AsArray().Count);
        Assert.Equal(3, df.AsArray(["b"]).Count);
        Assert.Equal(3, df.AsBatches().Sum(b => b.Length));
        Assert.True(df.SelectColumns("b").Schema == "b:str");
    }

    [Fact]
    public void AsLocalBoundedKeepsMetadata()
    {
        var df = new IterableDataFrame(Generate(1), "a:long,b:str")
        {
            Metadata = new Dictionary<string, object?> { ["serialized"] = true },
        };
        Assert.Equal(true, df.AsLocalBounded().Metadata["serialized"]);
        Assert.Same(df, df.AsLocal());
    }

    [Fact]
    public void MetadataCopiesShareTheStreamAndItsCache()
    {
        var df = new IterableDataFrame(Generate(2), "a:long,b:str");
        var copy = df.WithMetadata(new Dictionary<string, object?> { ["m"] = 1 });
        Assert.Equal(2, df.AsLocalBounded().Count());
        Assert.False(df.AsLocalBounded().HasMetadata);
        var bounded = copy.AsLocalBounded();
        Assert.Equal(2, bounded.Count());
        Assert.Equal(1, bounded.Metadata["m"]);
        Assert.Equal(2, copy.AsArray().Count);
    }

    [Fact]
    public void ConversionErrorsSurfaceOnReadWithTheRowIndex()
    {
        var df = new IterableDataFrame([R(1), R(2), R("x")], "a:int");
        var ex = Assert.Throws<FugueValueConversionException>(() => df.AsArray());
        Assert.Equal(2, ex.RowIndex);
        Assert.Equal("a", ex.ColumnName);
    }

    [Fact]
    public void ColumnOperationsAreLazyAndConsumeTheSource()
    {
        var reads = 0;
        var df = new IterableDataFrame(Generate(3, () => reads++), "a:long,b:str");
        var selected = df.SelectColumns("b");
        var renamed = df.Rename(new Dictionary<string, string> { ["a"] = "x" });
        var altered = df.AlterColumns("a:str");
        Assert.IsType<IterableDataFrame>(selected);
        Assert.Equal(0, reads);
        Rows.Equal([R("v0"), R("v1"), R("v2")], selected.AsArray());
        // The projection read the shared source, so the other views cannot read it again.
        Assert.Throws<InvalidOperationException>(() => renamed.AsArray());
        Assert.Throws<InvalidOperationException>(() => altered.AsArray());
    }

    [Fact]
    public void ReplayableStreamsCanBeReadRepeatedly()
    {
        var opened = 0;
        var df = IterableDataFrame.Replayable(() =>
        {
            opened++;
            return Generate(2);
        }, "a:long,b:str");
        Assert.True(df.IsReplayable);
        Assert.Equal(2, df.Count());
        Assert.False(df.IsCached);
        Assert.Equal(2, df.AsArray().Count);
        Assert.Equal(2, df.AsArray().Count);
        Rows.Equal([R("0"), R("1")], df.AlterColumns("a:str").SelectColumns("a").AsArray());
        Assert.Equal(4, opened);
    }

    [Fact]
    public void BatchStreams()
    {
        Schema schema = "a:int";
        var b1 = new ArrayDataFrame([R(1), R(2)], schema).ToColumnar().Batches[0];
        var b2 = new ArrayDataFrame([R(3)], schema).ToColumnar().Batches[0];
        var df = new IterableDataFrame(new[] { RecordBatch.Empty(schema), b1, b2 }, schema);
        Assert.True(df.IsBatchStream);
        Assert.False(df.IsEmpty);
        Rows.Equal(R(1), df.PeekArray());
        Rows.Equal([R(1), R(2), R(3)], df.Head(3).AsArray());
        var bounded = df.AsLocalBounded();
        Assert.IsType<ColumnarDataFrame>(bounded);
        Assert.Equal(3, bounded.Count());
        Assert.Same(b1, ((ColumnarDataFrame)bounded).Batches[1]);

        Assert.Equal(3, IterableDataFrame.Replayable(() => new[] { b1, b2 }, schema).Count());

        var empty = new IterableDataFrame(new[] { RecordBatch.Empty(schema) }, schema);
        Assert.True(empty.IsEmpty);
        Assert.Throws<FugueDatasetEmptyException>(() => empty.PeekArray());
    }

    [Fact]
    public void BatchStreamsCheckTheSchema()
    {
        var batch = new ArrayDataFrame([R(1)], "b:int").ToColumnar().Batches[0];
        var df = new IterableDataFrame(new[] { batch }, "a:int");
        var ex = Assert.Throws<FugueDataFrameInitException>(() => df.AsArray());
        Assert.Equal("IterableDataFrame with schema 'a:int': a batch has schema 'b:int', expected 'a:int'", ex.Message);
    }

    [Fact]
    public void BatchStreamAlterNamesTheGlobalRow()
    {
        Schema schema = "a:str";
        var b1 = new ArrayDataFrame([R("1"), R("2")], schema).ToColumnar().Batches[0];
        var b2 = new ArrayDataFrame([R("3"), R("x")], schema).ToColumnar().Batches[0];
        var altered = new IterableDataFrame(new[] { b1, b2 }, schema).AlterColumns("a:int");
        var ex = Assert.Throws<FugueValueConversionException>(() => altered.AsArray());
        Assert.Equal(3, ex.RowIndex);
    }

    [Fact]
    public void RowStreamsBecomeBatches()
    {
        var df = new IterableDataFrame(Generate(20000), "a:long,b:str");
        var batches = df.AsBatches().ToList();
        Assert.Equal([16384, 3616], batches.Select(b => b.Length));
        Assert.Equal("v19999", batches[1].Column("b").GetValue(3615));
    }
}
