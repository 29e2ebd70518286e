using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

public sealed class ConversionTests
{
    private static readonly Dictionary<string, object?> Meta = new() { ["k"] = "v" };

    [Fact]
    public void ArrayToColumnarAndBack()
    {
        var df = new ArrayDataFrame([R(1, "a"), R(null, "b")], "a:int,b:str") { Metadata = Meta };
        var columnar = df.ToColumnar();
        Assert.Single(columnar.Batches);
        Assert.Equal(2, columnar.Count());
        Assert.Equal("v", columnar.Metadata["k"]);
        Assert.Equal(DataType.Int32, columnar.Batches[0].Column("a").Type);
        var back = columnar.ToArrayDataFrame();
        Rows.Equal(df.AsArray(), back.AsArray());
        Assert.Equal("v", back.Metadata["k"]);
        Assert.Same(df, df.ToArrayDataFrame());
        Assert.Same(columnar, columnar.ToColumnar());
        Assert.Same(df, df.AsLocalBounded());
        Assert.Same(columnar, columnar.AsLocal());
    }

    [Fact]
    public void ArrayDataFrameCopiesAnyFrame()
    {
        var stream = new IterableDataFrame([R(1)], "a:int") { Metadata = Meta };
        var copy = new ArrayDataFrame(stream);
        Rows.Equal([R(1)], copy.AsArray());
        Assert.Equal("v", copy.Metadata["k"]);
    }

    [Fact]
    public void FactoryHelpers()
    {
        Schema schema = "a:int";
        Assert.IsType<ArrayDataFrame>(DataFrame.From([R(1L)], schema));
        var batch = DataFrame.From([R(1)], schema).ToColumnar().Batches[0];
        Assert.Equal(1, DataFrame.From(batch).Count());
        Assert.Equal(2, DataFrame.From(schema, [batch, batch]).Count());
        Assert.False(DataFrame.FromStream([batch], schema).IsBounded);
        Assert.False(DataFrame.FromStream([R(1)], schema).IsBounded);
        Assert.True(DataFrame.Empty(schema).IsEmpty);
    }

    [Fact]
    public void ArrayDataFrameValidatesRows()
    {
        var ex = Assert.Throws<FugueDataFrameInitException>(() => new ArrayDataFrame([R(1, 2), R(1)], "a:int,b:int"));
        Assert.Equal("row 1 has 1 values but schema 'a:int,b:int' has 2 columns", ex.Message);
        var conv = Assert.Throws<FugueValueConversionException>(() => new ArrayDataFrame([R(1, 2), R(1, "q")], "a:int,b:int"));
        Assert.Equal("cannot convert \"q\" (String) to int at row 1, column 'b': the string is not an integer", conv.Message);
    }

    [Fact]
    public void ArrayDataFrameCopiesInputRows()
    {
        var row = R(1);
        var df = new ArrayDataFrame([row], "a:int");
        row[0] = 2;
        Rows.Equal([R(1)], df.AsArray());
        df.AsArray()[0][0] = 3;
        Rows.Equal([R(1)], df.AsArray());
        Assert.Same(df.Native, df.Rows);
    }

    [Fact]
    public void ColumnarDataFrameChecksBatchSchemas()
    {
        var batch = new ArrayDataFrame([R(1)], "b:int").ToColumnar().Batches[0];
        var ex = Assert.Throws<FugueDataFrameInitException>(() => new ColumnarDataFrame("a:int", [batch]));
        Assert.Equal("ColumnarDataFrame: a batch has schema 'b:int', expected 'a:int'", ex.Message);
    }

    [Fact]
    public void ColumnarOperationsAreZeroCopy()
    {
        var df = new ArrayDataFrame([R(1, "a"), R(2, "b"), R(3, "c")], "a:int,b:str").ToColumnar();
        var b = df.Batches[0];
        var selected = (ColumnarDataFrame)df.SelectColumns("b");
        Assert.Same(b.Column(1), selected.Batches[0].Column(0));
        var renamed = (ColumnarDataFrame)df.Rename(new Dictionary<string, string> { ["a"] = "x" });
        Assert.Same(b.Column(0), renamed.Batches[0].Column(0));
        var altered = (ColumnarDataFrame)df.AlterColumns("a:long");
        Assert.Same(b.Column(1), altered.Batches[0].Column(1));
        Assert.Equal(DataType.Int64, altered.Batches[0].Column(0).Type);
        var head = (ColumnarDataFrame)df.Head(2);
        Assert.Equal(2, head.Count());
        Rows.Equal([R(1, "a"), R(2, "b")], head.AsArray());
    }

    [Fact]
    public void ColumnListsCanBeGivenInAnyForm()
    {
        var df = new ArrayDataFrame([R(1, "a")], "a:int,b:str");
        Assert.True(df.SelectColumns(["b"]).Schema == "b:str");
        Assert.True(df.SelectColumns(new List<string> { "b" }).Schema == "b:str");
        Assert.True(df.DropColumns(["b"]).Schema == "a:int");
        Assert.Same(df, df.SelectColumns("a", "b"));
    }

    [Fact]
    public void MetadataIsCopiedNotShared()
    {
        var source = new Dictionary<string, object?> { ["a"] = 1 };
        var df = new ArrayDataFrame([R(1)], "a:int") { Metadata = source };
        source["a"] = 2;
        Assert.Equal(1, df.Metadata["a"]);
        Assert.True(df.HasMetadata);
        var other = df.WithMetadata(new Dictionary<string, object?> { ["b"] = true });
        Assert.Equal(1, df.Metadata["a"]);
        Assert.False(other.Metadata.ContainsKey("a"));
        Rows.Equal(df.AsArray(), other.AsArray());
        // Column operations do not carry metadata (as in Fugue).
        Assert.False(df.AlterColumns("a:long").HasMetadata);
    }

    [Fact]
    public void EmptyDataFrame()
    {
        var df = new EmptyDataFrame("a:int,b:str") { Metadata = Meta };
        Assert.True(df.IsEmpty);
        Assert.True(df.IsLocal && df.IsBounded);
        Assert.Equal(0, df.Count());
        Assert.Empty(df.AsArray());
        Assert.Empty(df.AsBatches());
        Assert.Throws<FugueDatasetEmptyException>(() => df.PeekArray());
        Assert.True(df.SelectColumns("b").Schema == "b:str");
        Assert.IsType<EmptyDataFrame>(df.AlterColumns("a:str"));
        Assert.True(df.Rename(new Dictionary<string, string> { ["a"] = "c" }).Schema == "c:int,b:str");
        Assert.Equal(0, df.ToColumnar().Count());
        Assert.Equal("v", df.ToColumnar().Metadata["k"]);
        Assert.Same(df.Native, df.Native);
        Assert.Throws<FugueDataFrameOperationException>(() => df.DropColumns("a", "b"));
    }
}
