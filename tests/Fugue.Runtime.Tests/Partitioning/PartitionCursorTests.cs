using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Partitioning;

public class PartitionCursorTests
{
    private static readonly Schema Abcd = new(
        new Field("a", DataType.Int32), new Field("b", DataType.Int32), new Field("c", DataType.Int32), new Field("d", DataType.Int32));

    private static PartitionCursor NewCursor() =>
        PartitionSpec.FromDictionary([new("partition_by", new[] { "b", "a" })]).GetCursor(Abcd, 2);

    [Fact]
    public void Schemas()
    {
        var c = NewCursor();
        Assert.Equal(Abcd, c.RowSchema);
        Assert.Equal(new Schema(new Field("b", DataType.Int32), new Field("a", DataType.Int32)), c.KeySchema);
        Assert.Equal(2, c.PhysicalPartitionNo);
    }

    [Fact]
    public void SetRow()
    {
        var c = NewCursor();
        c.Set(new object?[] { 1, 2, 2, 2 }, 5, 6);
        Assert.Equal(new object?[] { 2, 1 }, c.KeyValueArray);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }, c.KeyValueDict);
        Assert.Equal(["b", "a"], c.KeyValueDict.Keys); // Fugue builds the dict in partition_by order
        Assert.Equal(2, c["c"]);
        Assert.Equal(new object?[] { 1, 2, 2, 2 }, c.Row);
        Assert.Equal(5, c.PartitionNo);
        Assert.Equal(2, c.PhysicalPartitionNo);
        Assert.Equal(6, c.SliceNo);
    }

    [Fact]
    public void SetThunkIsLazyAndEvaluatedOnce()
    {
        var c = NewCursor();
        var calls = 0;
        c.Set(() => { calls++; return new object?[] { 1, 2, 2, 2 }; }, 5, 6);
        Assert.Equal(0, calls);
        Assert.Equal(5, c.PartitionNo);
        Assert.Equal(6, c.SliceNo);
        Assert.Equal(0, calls);
        Assert.Equal(new object?[] { 2, 1 }, c.KeyValueArray);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }, c.KeyValueDict);
        Assert.Equal(2, c["d"]);
        Assert.Equal(4, c.Row.Count);
        Assert.Equal(1, calls);

        // a thunk that is replaced before being read is never called
        var unused = 0;
        c.Set(() => { unused++; return new object?[] { 9, 9, 9, 9 }; }, 6, 0);
        c.Set(new object?[] { 3, 4, 5, 6 }, 7, 0);
        Assert.Equal(new object?[] { 4, 3 }, c.KeyValueArray);
        Assert.Equal(0, unused);
    }

    [Fact]
    public void SetWithStateFactoryIsLazy()
    {
        var c = NewCursor();
        var rows = new List<object?[]> { new object?[] { 1, 2, 3, 4 }, new object?[] { 5, 6, 7, 8 } };
        var calls = 0;
        IReadOnlyList<object?> Factory(object state, int i)
        {
            calls++;
            return ((List<object?[]>)state)[i];
        }

        c.Set(Factory, rows, 1, 3, 0);
        Assert.Equal(0, calls);
        Assert.Equal(3, c.PartitionNo);
        Assert.Equal(new object?[] { 6, 5 }, c.KeyValueArray);
        Assert.Equal(7, c["c"]);
        Assert.Same(rows[1], c.Row);
        Assert.Equal(1, calls);

        c.Set(Factory, rows, 0, 4, 0);
        c.Set(new object?[] { 0, 0, 0, 0 }, 5, 0);
        Assert.Equal(new object?[] { 0, 0 }, c.KeyValueArray);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void NullsAndNoKeys()
    {
        var c = PartitionSpec.Empty.GetCursor(Abcd, 0);
        Assert.True(c.KeySchema.IsEmpty);
        c.Set(new object?[] { null, 1, null, 2 }, 0, 0);
        Assert.Empty(c.KeyValueArray);
        Assert.Empty(c.KeyValueDict);
        Assert.Null(c["a"]);
        Assert.Equal(2, c["d"]);
    }

    [Fact]
    public void RowIsNotCopied()
    {
        var c = NewCursor();
        var row = new object?[] { 1, 2, 3, 4 };
        c.Set(row, 1, 0);
        Assert.Same(row, c.Row);
    }

    [Fact]
    public void Errors()
    {
        var c = NewCursor();
        Assert.Empty(c.Row);
        Assert.Throws<InvalidOperationException>(() => c.KeyValueArray);
        c.Set(new object?[] { 1, 2, 3, 4 }, 1, 0);
        var e = Assert.Throws<KeyNotFoundException>(() => c["zz"]);
        Assert.Contains("'zz'", e.Message);
        c.Set(new object?[] { 1 }, 1, 0);
        Assert.Throws<InvalidOperationException>(() => c.KeyValueArray);
        Assert.Throws<KeyNotFoundException>(() => PartitionSpec.By("x").GetCursor(Abcd, 0));
    }
}
