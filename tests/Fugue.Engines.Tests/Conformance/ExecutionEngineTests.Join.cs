using Fugue.Execution;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

public abstract partial class ExecutionEngineTests
{
    [Fact]
    public void Join_Multiple()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("a:int,c:int", [1, 20], [3, 40]);
        var c = Df("a:int,d:int", [1, 200], [3, 400]);
        var r = Engine.Join(Engine.Join(a, b, JoinType.Inner), c, JoinType.Inner);
        DfAssert.Equal(r, "a:int,b:int,c:int,d:int", [1, 2, 20, 200], [3, 4, 40, 400]);
    }

    [Fact]
    public void Join_Cross()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("c:int", [6], [7]);
        DfAssert.Equal(Engine.Join(a, b, "Cross"), "a:int,b:int,c:int", [1, 2, 6], [1, 2, 7], [3, 4, 6], [3, 4, 7]);
        DfAssert.Equal(Engine.Join(a, Df("c:int"), "cross"), "a:int,b:int,c:int");
        DfAssert.Equal(Engine.Join(Df("a:int,b:int"), Df("c:int"), "cross"), "a:int,b:int,c:int");
    }

    [Fact]
    public void Join_Inner()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("c:int,a:int", [6, 1], [2, 7]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.Inner, ["a"]), "a:int,b:int,c:int", [1, 2, 6]);
        DfAssert.Equal(Engine.Join(b, a, JoinType.Inner), "c:int,a:int,b:int", [6, 1, 2]);
        DfAssert.Equal(Engine.Join(Df("a:int,b:int"), Df("c:int,a:int"), JoinType.Inner), "a:int,b:int,c:int");
    }

    [Fact]
    public void Join_OuterEmptyKeepsSchemas()
    {
        DfAssert.Equal(Engine.Join(Df("a:int,b:int"), Df("c:str,a:int"), "left_outer"), "a:int,b:int,c:str");
        DfAssert.Equal(Engine.Join(Df("a:int,b:str"), Df("c:int,a:int"), "right_outer"), "a:int,b:str,c:int");
        DfAssert.Equal(Engine.Join(Df("a:int,b:str"), Df("c:str,a:int"), "full_outer"), "a:int,b:str,c:str");
    }

    [Fact]
    public void Join_Outer()
    {
        var a = Df("a:int,b:str", [1, "2"], [3, "4"]);
        var b = Df("c:str,a:int", ["6", 1], ["2", 7]);
        DfAssert.Equal(Engine.Join(a, b, "left_outer"), "a:int,b:str,c:str", [1, "2", "6"], [3, "4", null]);
        DfAssert.Equal(Engine.Join(b, a, "left_outer"), "c:str,a:int,b:str", ["6", 1, "2"], ["2", 7, null]);
        var bd = Df("c:double,a:int", [6.0, 1], [2.0, 7]);
        DfAssert.Equal(Engine.Join(a, bd, "left_outer"), "a:int,b:str,c:double", [1, "2", 6.0], [3, "4", null]);
        DfAssert.Equal(Engine.Join(a, b, "right_outer"), "a:int,b:str,c:str", [1, "2", "6"], [7, null, "2"]);
        DfAssert.Equal(Engine.Join(a, b, "full_outer"), "a:int,b:str,c:str", [1, "2", "6"], [3, "4", null], [7, null, "2"]);
    }

    [Fact]
    public void Join_OuterKeepsIntAndBoolTypes()
    {
        var a = Df("a:int,b:str", [1, "2"], [3, "4"]);
        var bi = Df("c:int,a:int", [6, 1], [2, 7]);
        DfAssert.Equal(Engine.Join(a, bi, "left_outer"), "a:int,b:str,c:int", [1, "2", 6], [3, "4", null]);
        DfAssert.Equal(Engine.Join(bi, a, "right_outer"), "c:int,a:int,b:str", [6, 1, "2"], [null, 3, "4"]);
        var bb = Df("c:bool,a:int", [true, 1], [false, 7]);
        DfAssert.Equal(Engine.Join(a, bb, "left_outer"), "a:int,b:str,c:bool", [1, "2", true], [3, "4", null]);
        DfAssert.Equal(Engine.Join(bb, a, "right_outer"), "c:bool,a:int,b:str", [true, 1, "2"], [null, 3, "4"]);
    }

    [Fact]
    public void Join_Semi()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("c:int,a:int", [6, 1], [2, 7]);
        DfAssert.Equal(Engine.Join(a, b, "semi", ["a"]), "a:int,b:int", [1, 2]);
        DfAssert.Equal(Engine.Join(b, a, "left_semi"), "c:int,a:int", [6, 1]);
        DfAssert.Equal(Engine.Join(a, Df("c:int,a:int"), "semi"), "a:int,b:int");
        DfAssert.Equal(Engine.Join(Df("a:int,b:int"), Df("c:int,a:int"), "semi"), "a:int,b:int");
    }

    [Fact]
    public void Join_Anti()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("c:int,a:int", [6, 1], [2, 7]);
        DfAssert.Equal(Engine.Join(a, b, "anti", ["a"]), "a:int,b:int", [3, 4]);
        DfAssert.Equal(Engine.Join(b, a, "left_anti"), "c:int,a:int", [2, 7]);
        DfAssert.Equal(Engine.Join(a, Df("c:int,a:int"), "anti"), "a:int,b:int", [1, 2], [3, 4]);
        DfAssert.Equal(Engine.Join(Df("a:int,b:int"), Df("c:int,a:int"), "anti"), "a:int,b:int");
    }

    [Fact]
    public void Join_NullKeysNeverMatch()
    {
        var a = Df("a:double,b:double,c:int", [1, 2, 3], [4, null, 6]);
        var b = Df("a:double,b:double,d:int", [1, 2, 33], [4, null, 63]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.Inner), "a:double,b:double,c:int,d:int", [1, 2, 3, 33]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.LeftSemi), "a:double,b:double,c:int", [1, 2, 3]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.LeftAnti), "a:double,b:double,c:int", [4, null, 6]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.LeftOuter), "a:double,b:double,c:int,d:int", [1, 2, 3, 33], [4, null, 6, null]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.RightOuter), "a:double,b:double,c:int,d:int", [1, 2, 3, 33], [4, null, null, 63]);
        DfAssert.Equal(
            Engine.Join(a, b, JoinType.FullOuter),
            "a:double,b:double,c:int,d:int",
            [1, 2, 3, 33],
            [4, null, 6, null],
            [4, null, null, 63]);
    }

    [Fact]
    public void Join_ManyToMany()
    {
        var a = Df("k:str,x:int", ["a", 1], ["a", 2], ["b", 3], [null, 4]);
        var b = Df("k:str,y:int", ["a", 10], ["a", 20], ["c", 30], [null, 40]);
        DfAssert.Equal(Engine.Join(a, b, JoinType.Inner), "k:str,x:int,y:int", ["a", 1, 10], ["a", 1, 20], ["a", 2, 10], ["a", 2, 20]);
        DfAssert.Equal(
            Engine.Join(a, b, JoinType.FullOuter),
            "k:str,x:int,y:int",
            ["a", 1, 10],
            ["a", 1, 20],
            ["a", 2, 10],
            ["a", 2, 20],
            ["b", 3, null],
            [null, 4, null],
            ["c", null, 30],
            [null, null, 40]);
    }

    [Fact]
    public void Join_Errors()
    {
        var a = Df("a:int,b:int", [1, 2]);
        var b = Df("a:int,c:int", [1, 3]);
        Assert.Throws<ArgumentException>(() => Engine.Join(a, b, "outer"));
        Assert.Throws<ArgumentNullException>(() => Engine.Join(a, b, (string)null!));
        Assert.Throws<FugueSchemaException>(() => Engine.Join(a, b, "cross"));
        Assert.Throws<FugueSchemaException>(() => Engine.Join(a, Df("c:int", [1]), "inner"));
        Assert.Throws<FugueSchemaException>(() => Engine.Join(a, b, "inner", ["b"]));
        Assert.Throws<ArgumentException>(() => Engine.Join(a, b, "inner", ["a", "a"]));
        var ex = Assert.Throws<FugueSchemaException>(() => Engine.Join(Df("a:int,b:int,c:int"), Df("a:int,b:int,d:int"), "inner", ["a"]));
        Assert.Contains("b", ex.Message);
    }

    [Fact]
    public void Join_KeyTypesAreAligned()
    {
        var a = Df("a:int,b:int", [1, 2], [3, 4]);
        var b = Df("a:long,c:int", [1, 10], [5, 50]);
        DfAssert.Equal(Engine.Join(a, b, "full_outer"), "a:int,b:int,c:int", [1, 2, 10], [3, 4, null], [5, null, 50]);
    }

    [Fact]
    public void Join_SeedPageExamples()
    {
        var df1 = Df("a:str,b:str", ["k1", "a"], ["k2", "b"]);
        var df2 = Df("a:str,c:str", ["k2", "c"], ["k3", "d"]);
        DfAssert.Equal(Engine.Join(df1, df2, "semi", ["a"]), "a:str,b:str", ["k2", "b"]);
        DfAssert.Equal(Engine.Join(df1, df2, "anti"), "a:str,b:str", ["k1", "a"]);
        DfAssert.Equal(Engine.Join(df1, df2, "left_outer"), "a:str,b:str,c:str", ["k1", "a", null], ["k2", "b", "c"]);
        DfAssert.Equal(Engine.Join(df1, df2, "right_outer"), "a:str,b:str,c:str", ["k2", "b", "c"], ["k3", null, "d"]);
        DfAssert.Equal(Engine.Join(df1, df2, "full_outer"), "a:str,b:str,c:str", ["k1", "a", null], ["k2", "b", "c"], ["k3", null, "d"]);
        var renamed = df1.Rename(new Dictionary<string, string> { ["b"] = "c" });
        DfAssert.Equal(Engine.Join(df1, renamed, "inner"), "a:str,b:str,c:str", ["k1", "a", "a"], ["k2", "b", "b"]);
    }
}
