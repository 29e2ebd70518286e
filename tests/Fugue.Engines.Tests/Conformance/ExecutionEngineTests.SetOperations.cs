namespace Fugue.Engines.Tests.Conformance;

public abstract partial class ExecutionEngineTests
{
    private const string Abc = "a:double,b:double,c:int";

    [Fact]
    public void Union_DistinctAndAll()
    {
        var a = Df(Abc, [1, 2, 3], [4, null, 6]);
        var b = Df(Abc, [1, 2, 33], [4, null, 6]);
        DfAssert.Equal(Engine.Union(a, b), Abc, [1, 2, 3], [4, null, 6], [1, 2, 33]);
        var all = Engine.Union(a, b, distinct: false);
        DfAssert.Equal(all, Abc, [1, 2, 3], [4, null, 6], [1, 2, 33], [4, null, 6]);
        var eight = Engine.Union(Engine.Union(a, b, distinct: false), all, distinct: false);
        Assert.Equal(8, eight.AsArray().Count);
    }

    [Fact]
    public void Union_NeedsIdenticalSchemas()
    {
        Assert.Throws<ArgumentException>(() => Engine.Union(Df("a:int", [1]), Df("a:long", [1])));
        Assert.Throws<ArgumentException>(() => Engine.Subtract(Df("a:int", [1]), Df("b:int", [1])));
        Assert.Throws<ArgumentException>(() => Engine.Intersect(Df("a:int", [1]), Df("a:int,b:int", [1, 2])));
    }

    [Fact]
    public void Subtract_Distinct()
    {
        var a = Df(Abc, [1, 2, 3], [1, 2, 3], [4, null, 6]);
        var b = Df(Abc, [1, 2, 33], [4, null, 6]);
        DfAssert.Equal(Engine.Subtract(a, b), Abc, [1, 2, 3]);
        var x = Df(Abc, [1, 2, 33]);
        var y = Df(Abc, [4, null, 6]);
        DfAssert.Equal(Engine.Subtract(Engine.Subtract(a, x), y), Abc, [1, 2, 3]);
    }

    [Fact]
    public void Subtract_AllIsMultiset()
    {
        var a = Df(Abc, [1, 2, 3], [1, 2, 3], [1, 2, 3], [4, null, 6], [4, null, 6], [7, 8, 9]);
        var b = Df(Abc, [1, 2, 3], [4, null, 6], [4, null, 6], [4, null, 6], [0, 0, 0]);
        DfAssert.Equal(Engine.Subtract(a, b, distinct: false), Abc, [1, 2, 3], [1, 2, 3], [7, 8, 9]);
    }

    [Fact]
    public void Intersect_Distinct()
    {
        var a = Df(Abc, [1, 2, 3], [4, null, 6], [4, null, 6]);
        var b = Df(Abc, [1, 2, 33], [4, null, 6], [4, null, 6], [4, null, 6]);
        DfAssert.Equal(Engine.Intersect(a, b), Abc, [4, null, 6]);
        var x = Df(Abc, [1, 2, 33]);
        var y = Df(Abc, [4, null, 6], [4, null, 6], [4, null, 6]);
        DfAssert.Equal(Engine.Intersect(Engine.Intersect(a, x), y), Abc);
    }

    [Fact]
    public void Intersect_AllIsMultiset()
    {
        var a = Df(Abc, [1, 2, 3], [1, 2, 3], [4, null, 6], [4, null, 6], [4, null, 6], [7, 8, 9]);
        var b = Df(Abc, [1, 2, 3], [4, null, 6], [4, null, 6], [1, 2, 33]);
        DfAssert.Equal(Engine.Intersect(a, b, distinct: false), Abc, [1, 2, 3], [4, null, 6], [4, null, 6]);
    }

    [Fact]
    public void Distinct_NullsCompareEqual()
    {
        var a = Df(Abc, [4, null, 6], [1, 2, 3], [4, null, 6]);
        DfAssert.Equal(Engine.Distinct(a), Abc, [4, null, 6], [1, 2, 3]);
        DfAssert.Equal(Engine.Distinct(Df("a:double", [double.NaN], [null], [1.0])), "a:double", [null], [1.0]);
    }

    [Fact]
    public void Distinct_NestedColumns()
    {
        var a = Df("a:[int],b:{x:str}", [new object?[] { 1, 2 }, new Dictionary<string, object?> { ["x"] = "p" }], [new object?[] { 1, 2 }, new Dictionary<string, object?> { ["x"] = "p" }], [new object?[] { 1 }, null]);
        Assert.Equal(2, Engine.Distinct(a).AsArray().Count);
    }
}
