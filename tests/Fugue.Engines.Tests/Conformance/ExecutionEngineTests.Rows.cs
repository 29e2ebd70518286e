using Fugue.Execution;
using Fugue.Partitioning;

namespace Fugue.Engines.Tests.Conformance;

public abstract partial class ExecutionEngineTests
{
    private const string Ddd = "a:double,b:double,c:double";
    private static readonly object?[][] NaRows = Rows([4, null, 6], [1, 2, 3], [4, null, null]);

    [Fact]
    public void DropNa_HowThreshSubset()
    {
        var a = Df(Ddd, NaRows);
        DfAssert.Equal(Engine.DropNa(a), Ddd, [1, 2, 3]);
        DfAssert.Equal(Engine.DropNa(a, DropNaHow.All), Ddd, NaRows);
        DfAssert.Equal(Engine.DropNa(a, thresh: 2), Ddd, [4, null, 6], [1, 2, 3]);
        DfAssert.Equal(Engine.DropNa(a, subset: ["a", "c"]), Ddd, [4, null, 6], [1, 2, 3]);
        DfAssert.Equal(Engine.DropNa(a, thresh: 1, subset: ["a", "c"]), Ddd, NaRows);
        DfAssert.Equal(Engine.DropNa(Df("a:double", [double.NaN], [1.0])), "a:double", [1.0]);
        Assert.Throws<ArgumentException>(() => Engine.DropNa(a, subset: ["x"]));
    }

    [Fact]
    public void FillNa_ValuesAndErrors()
    {
        var a = Df(Ddd, NaRows);
        DfAssert.Equal(Engine.FillNa(a, 1), Ddd, [4, 1, 6], [1, 2, 3], [4, 1, 1]);
        DfAssert.Equal(Engine.FillNa(a, new Dictionary<string, object?> { ["b"] = 99, ["c"] = -99 }), Ddd, [4, 99, 6], [1, 2, 3], [4, 99, -99]);
        DfAssert.Equal(Engine.FillNa(a, -99, ["c"]), Ddd, [4, null, 6], [1, 2, 3], [4, null, -99]);
        DfAssert.Equal(Engine.FillNa(a, new Dictionary<string, object?> { ["b"] = 0 }), Ddd, [4, 0, 6], [1, 2, 3], [4, 0, null]);
        DfAssert.Equal(Engine.FillNa(Df("a:double,s:str", [double.NaN, null]), new Dictionary<string, object?> { ["a"] = 1.5, ["s"] = "x" }), "a:double,s:str", [1.5, "x"]);
        Assert.ThrowsAny<ArgumentException>(() => Engine.FillNa(a, new Dictionary<string, object?> { ["b"] = null }));
        Assert.ThrowsAny<ArgumentException>(() => Engine.FillNa(a, null!));
        Assert.ThrowsAny<ArgumentException>(() => Engine.FillNa(a, new[] { 1, 2 }));
        Assert.ThrowsAny<ArgumentException>(() => Engine.FillNa(a, new Dictionary<string, object?>()));
        Assert.ThrowsAny<ArgumentException>(() => Engine.FillNa(a, new Dictionary<string, object?> { ["x"] = 1 }));
    }

    [Fact]
    public void Sample_Frac()
    {
        var a = Df("a:int", Enumerable.Range(0, 100).Select(i => new object?[] { i }).ToArray());
        Assert.ThrowsAny<ArgumentException>(() => Engine.Sample(a));
        Assert.ThrowsAny<ArgumentException>(() => Engine.Sample(a, n: 90, frac: 0.9));
        var f1 = Engine.Sample(a, frac: 0.8, replace: false).AsArray();
        var f2 = Engine.Sample(a, frac: 0.8, replace: true).AsArray();
        Assert.Equal(f1.Count, f1.Select(r => r[0]).Distinct().Count());
        Assert.True(f2.Select(r => r[0]).Distinct().Count() < f2.Count);
        var s1 = Engine.Sample(a, frac: 0.8, seed: 1).AsArray().Select(r => (int)r[0]!).ToList();
        var s2 = Engine.Sample(a, frac: 0.8, seed: 1).AsArray().Select(r => (int)r[0]!).ToList();
        var s3 = Engine.Sample(a, frac: 0.8, seed: 2).AsArray().Select(r => (int)r[0]!).ToList();
        Assert.Equal(s1, s2);
        Assert.NotEqual(s1, s3);
        Assert.InRange(s1.Count, 71, 89);
    }

    [Fact]
    public void Sample_N()
    {
        var a = Df("a:int", Enumerable.Range(0, 100).Select(i => new object?[] { i }).ToArray());
        var f1 = Engine.Sample(a, n: 90, replace: false).AsArray();
        var f2 = Engine.Sample(a, n: 90, replace: true).AsArray();
        Assert.Equal(f1.Count, f1.Select(r => r[0]).Distinct().Count());
        Assert.True(f2.Select(r => r[0]).Distinct().Count() < f2.Count);
        var s1 = Engine.Sample(a, n: 90, seed: 1).AsArray().Select(r => (int)r[0]!).ToList();
        var s2 = Engine.Sample(a, n: 90, seed: 1).AsArray().Select(r => (int)r[0]!).ToList();
        var s3 = Engine.Sample(a, n: 90, seed: 2).AsArray().Select(r => (int)r[0]!).ToList();
        Assert.Equal(s1, s2);
        Assert.NotEqual(s1, s3);
        Assert.InRange(s1.Count, 89, 91);
    }

    [Fact]
    public void Take_PresortNullsAndPartitions()
    {
        const string s = "a:str,b:int,c:long";
        var a = Df(s, ["a", 2, 3], ["a", 3, 4], ["b", 1, 2], ["b", 2, 2], [null, 4, 2], [null, 2, 1]);
        DfAssert.Equal(Engine.Take(a, 1, "b desc"), s, [null, 4, 2]);
        DfAssert.Equal(Engine.Take(a, 2, "a desc", NullPosition.First), s, [null, 4, 2], [null, 2, 1]);
        DfAssert.Equal(
            Engine.Take(a, 1, "a asc, b desc", partitionSpec: new PartitionSpec(by: ["a"], presort: "b DESC,c DESC")),
            s,
            ["a", 3, 4],
            ["b", 2, 2],
            [null, 4, 2]);
        DfAssert.Equal(
            Engine.Take(a, 1, null, partitionSpec: new PartitionSpec(by: ["c"], presort: "b ASC")),
            s,
            ["a", 2, 3],
            ["a", 3, 4],
            ["b", 1, 2],
            [null, 2, 1]);
        DfAssert.Equal(Engine.Take(a, 2, "a desc", NullPosition.Last), s, ["b", 1, 2], ["b", 2, 2]);
        DfAssert.Equal(Engine.Take(a, 2, "a", NullPosition.First), s, [null, 4, 2], [null, 2, 1]);
        DfAssert.Equal(Engine.Take(a, 0), s);
        Assert.Throws<ArgumentOutOfRangeException>(() => Engine.Take(a, -1));
    }

    [Fact]
    public void Take_NullKeysFormAGroup()
    {
        const string s = "a:str,b:int,c:long";
        var a = Df(s, ["a", 2, 3], [null, 4, 2], [null, 2, 1]);
        var one = Engine.Take(a, 1, partitionSpec: PartitionSpec.By("a")).AsArray();
        Assert.Equal(2, one.Count);
        Assert.Contains(one, r => (string?)r[0] == "a");
        Assert.Contains(one, r => r[0] is null);
        DfAssert.Equal(Engine.Take(a, 2, partitionSpec: PartitionSpec.By("a")), s, ["a", 2, 3], [null, 4, 2], [null, 2, 1]);
    }
}
