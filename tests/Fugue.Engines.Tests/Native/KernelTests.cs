using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Native;

public class KernelTests
{
    private static RecordBatch Batch(string schema, params object?[][] rows)
    {
        var s = Schema.Parse(schema);
        var b = new RecordBatchBuilder(s);
        foreach (var r in rows)
        {
            b.AppendRow(r);
        }

        return b.Build();
    }

    private static List<object?[]> RowsOf(RecordBatch batch) => new ColumnarDataFrame(batch).AsArray();

    [Fact]
    public void SortIsStableWithNullPlacementIndependentOfDirection()
    {
        var batch = Batch("a:double,b:str", [2.0, "x"], [null, "y"], [1.0, "z"], [double.NaN, "w"], [2.0, "v"]);
        Assert.Equal([2, 0, 4, 1, 3], RowSorter.Sort(batch, [new SortKey(0, true, false)]));
        Assert.Equal([0, 4, 2, 1, 3], RowSorter.Sort(batch, [new SortKey(0, false, false)]));
        Assert.Equal([1, 3, 0, 4, 2], RowSorter.Sort(batch, [new SortKey(0, false, true)]));
        Assert.Equal([2, 4, 0, 3, 1], RowSorter.Sort(batch, [new SortKey(0, true, false), new SortKey(1, true, false)]));
    }

    [Fact]
    public void StringsSortByCodePoint()
    {
        var batch = Batch("s:str", ["b"], ["B"], ["é"], ["a"], ["中"], [""]);
        var perm = RowSorter.Sort(batch, [new SortKey(0, true, false)]);
        Assert.Equal(["", "B", "a", "b", "é", "中"], perm.Select(i => (string)batch.GetValue(i, 0)!));
    }

    [Fact]
    public void SortByNestedColumnIsAClearError()
    {
        var batch = Batch("a:[int]", [new object?[] { 1 }], [new object?[] { 2 }]);
        var ex = Assert.Throws<NotSupportedException>(() => RowSorter.Sort(batch, [new SortKey(0, true, false)]));
        Assert.Contains("[int]", ex.Message);
    }

    [Fact]
    public void TakeGathersEveryTypeWithNullsForNegativeIndices()
    {
        var s1 = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = "p" };
        var m1 = new[] { new KeyValuePair<object, object?>("k", 1L) };
        var batch = Batch(
            "a:int,b:bool,c:str,d:bytes,e:decimal(10,2),f:[long],g:{x:long,y:str},h:<str,long>,i:date,j:datetime",
            [1, true, "s", new byte[] { 1 }, 1.25m, new object?[] { 1L, null }, s1, m1, new DateOnly(2020, 1, 2), new DateTime(2020, 1, 2, 3, 4, 5)],
            [null, null, null, null, null, null, null, null, null, null]);
        var taken = ColumnKernels.Take(batch, [1, -1, 0, 0]);
        var rows = RowsOf(taken);
        Assert.Equal(4, rows.Count);
        Assert.All(rows[0], Assert.Null);
        Assert.All(rows[1], Assert.Null);
        Assert.Equal(RowsOf(batch)[0].Select(v => DfAssertRender(v)), rows[3].Select(v => DfAssertRender(v)));
    }

    [Fact]
    public void ConcatJoinsSlicedBatches()
    {
        var batch = Batch("a:int,s:str,l:[int]", [1, "a", new object?[] { 1 }], [2, null, null], [3, "c", new object?[] { 3, 4 }]);
        var all = ColumnKernels.Concat(batch.Schema, [batch.Slice(1, 2), RecordBatch.Empty(batch.Schema), batch.Slice(0, 1)]);
        Assert.Equal(
            ["2 | NULL | NULL", "3 | \"c\" | [3,4]", "1 | \"a\" | [1]"],
            RowsOf(all).Select(r => Conformance.DfAssert.Render(r)));
    }

    [Fact]
    public void RowIndexGroupsEqualRowsAndFindsAcrossBatches()
    {
        var a = Batch("k:str,v:double", ["x", 1.0], ["y", null], ["x", 1.0], ["y", double.NaN]);
        var keys = new RowKeys(a);
        var index = new RowIndex(keys, 2);
        Assert.Equal([0, 1, 0, 1], Enumerable.Range(0, 4).Select(index.GetOrAdd));
        var b = Batch("k:str,v:double", ["y", null], ["x", 2.0]);
        var probe = new RowKeys(b);
        Assert.Equal(1, index.Find(probe, 0));
        Assert.Equal(-1, index.Find(probe, 1));
    }

    [Fact]
    public void RowIndexGrows()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new object?[] { (long)(i % 1234) }).ToArray();
        var batch = Batch("a:long", rows);
        var index = new RowIndex(new RowKeys(batch), 1);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.Equal(i % 1234, index.GetOrAdd(i));
        }

        Assert.Equal(1234, index.Count);
    }

    private static string DfAssertRender(object? v) => Conformance.DfAssert.Render([v]);
}
