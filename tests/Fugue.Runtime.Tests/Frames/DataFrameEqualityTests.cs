using Fugue.Frames;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

public sealed class DataFrameEqualityTests
{
    private static readonly DataFrameEqualityOptions Ordered = new() { CheckOrder = true };

    [Fact]
    public void IgnoresOrderUnlessAsked()
    {
        var a = new ArrayDataFrame([R(2, "b"), R(1, "a"), R(null, "c")], "x:int,y:str");
        Assert.True(DataFrameEquality.AreEqual(a, [R(null, "c"), R(1, "a"), R(2, "b")], "x:int,y:str"));
        Assert.False(DataFrameEquality.AreEqual(a, [R(null, "c"), R(1, "a"), R(2, "b")], "x:int,y:str", Ordered));
        Assert.True(DataFrameEquality.AreEqual(a, [R(2, "b"), R(1, "a"), R(null, "c")], "x:int,y:str", Ordered));
    }

    [Fact]
    public void FloatingToleranceAndNullEqualsNaN()
    {
        var a = new ArrayDataFrame([R(1.0000000001), R(double.NaN), R(double.PositiveInfinity)], "x:double");
        Assert.True(DataFrameEquality.AreEqual(a, [R(1.0), R((object?)null), R(double.PositiveInfinity)], "x:double"));
        Assert.False(DataFrameEquality.AreEqual(a, [R(1.001), R((object?)null), R(double.PositiveInfinity)], "x:double"));
        Assert.True(DataFrameEquality.AreEqual(a, [R(1.001), R((object?)null), R(double.PositiveInfinity)], "x:double", new() { Digits = 2 }));
    }

    [Fact]
    public void SchemaAndCountAreChecked()
    {
        var a = new ArrayDataFrame([R(1)], "x:int");
        Assert.Equal("schema mismatch: actual 'x:int', expected 'x:long'", DataFrameEquality.Explain(a, new ArrayDataFrame([R(1)], "x:long")));
        Assert.True(DataFrameEquality.AreEqual(a, new ArrayDataFrame([R(1)], "y:long"), new() { CheckSchema = false }));
        Assert.Equal("row count mismatch: actual 1, expected 2", DataFrameEquality.Explain(a, new ArrayDataFrame([R(1), R(2)], "x:int")));
        Assert.True(DataFrameEquality.AreEqual(a, new ArrayDataFrame([R(5)], "x:int"), new() { CheckContent = false }));
    }

    [Fact]
    public void ExplainsTheFirstDifference()
    {
        var a = new ArrayDataFrame([R(1, "a"), R(2, "b")], "x:int,y:str");
        var ex = Assert.Throws<FugueDataFrameException>(() =>
            DataFrameEquality.ThrowIfDifferent(a, [R(1, "a"), R(2, "z")], "x:int,y:str"));
        Assert.Equal("sorted row 1 differs at column 'y': actual \"b\" (String), expected \"z\" (String)\n  actual:   [2, b]\n  expected: [2, z]", ex.Message);
        DataFrameEquality.ThrowIfDifferent(a, a);
    }

    [Fact]
    public void NestedValuesCompareStructurally()
    {
        const string schema = "a:[double],b:{c:int},m:<str,int>,d:bytes,t:datetime";
        var row = R(new object?[] { 1.0, null }, new Dictionary<string, object?> { ["c"] = 1 }, new Dictionary<string, int> { ["k"] = 1 }, new byte[] { 1 }, new DateTime(2020, 1, 1));
        var same = R(new object?[] { 1.0 + 1e-12, double.NaN }, new Dictionary<string, object?> { ["c"] = 1 }, new Dictionary<string, int> { ["k"] = 1 }, new byte[] { 1 }, new DateTime(2020, 1, 1));
        var other = R(new object?[] { 1.0, null }, new Dictionary<string, object?> { ["c"] = 2 }, new Dictionary<string, int> { ["k"] = 1 }, new byte[] { 1 }, new DateTime(2020, 1, 1));
        var df = new ArrayDataFrame([row], schema);
        Assert.True(DataFrameEquality.AreEqual(df, [same], schema));
        Assert.False(DataFrameEquality.AreEqual(df, [other], schema));
    }

    [Fact]
    public void WorksAcrossFrameTypes()
    {
        var rows = new[] { R(1L, "a"), R(2L, null) };
        var array = new ArrayDataFrame(rows, "a:long,b:str");
        Assert.True(DataFrameEquality.AreEqual(array.ToColumnar(), array));
        Assert.True(DataFrameEquality.AreEqual(new IterableDataFrame(rows, "a:long,b:str"), array));
        Assert.Equal("ArrayDataFrame(a:long,b:str)", array.ToString());
    }

    [Fact]
    public void ValueOrderIsTotal()
    {
        object?[] values = [null, double.NaN, true, 1, 2.5, "a", new byte[] { 1 }, new DateOnly(2020, 1, 1), new DateTime(2020, 1, 1), new object?[] { 1 }];
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < values.Length; j++)
            {
                var c = DataFrameEquality.CompareValues(values[i], values[j]);
                Assert.Equal(-c, DataFrameEquality.CompareValues(values[j], values[i]));
            }
        }

        Assert.True(DataFrameEquality.CompareValues(1, 2L) < 0);
        Assert.Equal(0, DataFrameEquality.CompareValues(1, 1.0));
    }
}
