using System.Collections.Concurrent;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

public abstract partial class ExecutionEngineTests
{
    private static readonly object?[][] A5 = Rows([1, 2], [null, 2], [null, 1], [3, 4], [null, 4]);

    private static LocalDataFrame Identity(PartitionCursor cursor, LocalDataFrame df) => df;

    [Fact]
    public void Map_IdentityWithoutSpec()
    {
        var o = Engine.MapEngine.MapDataFrame(Df("a:double,b:int", A5), Identity, Schema.Parse("a:double,b:int"), PartitionSpec.Empty);
        DfAssert.Equal(o, "a:double,b:int", A5);
    }

    [Fact]
    public void Map_IdentityWithKeysAndPresort()
    {
        var o = Engine.Map(Df("a:double,b:int", A5), Identity, Schema.Parse("a:double,b:int"), new PartitionSpec(by: ["a"], presort: "b"));
        DfAssert.Equal(o, "a:double,b:int", A5);
    }

    [Fact]
    public void Map_SelectTopWithPresort()
    {
        var o = Engine.Map(Df("a:double,b:int", A5), SelectTop, Schema.Parse("a:double,b:int"), new PartitionSpec(by: ["a"], presort: "b"));
        DfAssert.Equal(o, "a:double,b:int", [null, 1], [1, 2], [3, 4]);
    }

    [Fact]
    public void Map_SelectTopWithDescendingPresort()
    {
        var o = Engine.Map(Df("a:double,b:int", A5), SelectTop, Schema.Parse("a:double,b:int"), new PartitionSpec(by: ["a"], presort: "b DESC"));
        DfAssert.Equal(o, "a:double,b:int", [null, 4], [1, 2], [3, 4]);
    }

    [Fact]
    public void Map_MultiKeyWithNulls()
    {
        var df = Df("a:double,b:double,c:int", [1, null, 1], [1, null, 0], [null, null, 2]);
        var o = Engine.Map(df, SelectTop, df.Schema, new PartitionSpec(by: ["a", "b"], presort: "c"));
        DfAssert.Equal(o, "a:double,b:double,c:int", [1, null, 0], [null, null, 2]);
    }

    [Fact]
    public void Map_DatetimeKeysWithNulls()
    {
        var dt = new DateTime(2020, 1, 1);
        var df = Df("a:datetime,b:int,c:double", [dt, 2, 1], [null, 2, null], [null, 1, null], [dt, 5, 1], [null, 4, null]);
        var o = Engine.Map(df, SelectTop, df.Schema, new PartitionSpec(by: ["a", "c"], presort: "b DESC"));
        DfAssert.Equal(o, "a:datetime,b:int,c:double", [null, 4, null], [dt, 5, 1]);
    }

    [Fact]
    public void Map_AddsNullDatetimeColumn()
    {
        var dt = new DateTime(2020, 1, 1);
        var df = Df("a:datetime,b:int", [dt, 2], [null, 3]);
        var output = Schema.Parse("a:datetime,b:int,nat:datetime");
        var o = Engine.Map(df, (c, p) => new ArrayDataFrame(p.AsArray().Select(r => new object?[] { r[0], r[1], null }), output), output, PartitionSpec.By("b"));
        DfAssert.Equal(o, "a:datetime,b:int,nat:datetime", [dt, 2, null], [null, 3, null]);
    }

    [Fact]
    public void Map_ListColumn()
    {
        var dt = new DateTime(2020, 1, 1);
        var df = Df("a:datetime,b:[int]", [dt, new object?[] { 1, 2 }]);
        var o = Engine.Map(df, Identity, df.Schema, PartitionSpec.By("a"));
        DfAssert.EqualOrdered(o, "a:datetime,b:[int]", [dt, new object?[] { 1, 2 }]);
    }

    [Fact]
    public void Map_StructColumnSurvives()
    {
        var s1 = new Dictionary<string, object?> { ["a"] = 1L };
        var s2 = new Dictionary<string, object?> { ["a"] = 2L };
        var df = Df("a:long,b:{a:long}", [1, s1], [2, s2], [1, null]);
        var o = Engine.Map(df, Identity, df.Schema, PartitionSpec.By("a"));
        DfAssert.Equal(o, "a:long,b:{a:long}", [1, s1], [2, s2], [1, null]);
        var projected = Engine.Map(df, (c, p) => (LocalDataFrame)p.SelectColumns("a"), Schema.Parse("a:long"), PartitionSpec.By("a"));
        DfAssert.Equal(projected, "a:long", [1], [2], [1]);
    }

    [Fact]
    public void Map_OutputsStructFromFlatInput()
    {
        var df = Df("a:long", [1], [2]);
        var output = Schema.Parse("a:long,c:{x:long}");
        var o = Engine.Map(
            df,
            (c, p) => new ArrayDataFrame(p.AsArray().Select(r => new object?[] { r[0], new Dictionary<string, object?> { ["x"] = r[0] } }), output),
            output,
            PartitionSpec.By("a"));
        DfAssert.Equal(o, "a:long,c:{x:long}", [1, new Dictionary<string, object?> { ["x"] = 1L }], [2, new Dictionary<string, object?> { ["x"] = 2L }]);
    }

    [Fact]
    public void Map_BinaryColumn()
    {
        var df = Df("a:int,b:bytes", [1, "p"u8.ToArray()], [2, "q"u8.ToArray()]);
        var o = Engine.Map(
            df,
            (c, p) => new ArrayDataFrame(p.AsArray().Select(r => new object?[] { r[0], ((byte[])r[1]!).Concat("x"u8.ToArray()).ToArray() }), p.Schema),
            df.Schema,
            PartitionSpec.Empty);
        DfAssert.Equal(o, "a:int,b:bytes", [1, "px"u8.ToArray()], [2, "qx"u8.ToArray()]);
    }

    [Fact]
    public void Map_WrongOutputSchemaIsAClearError()
    {
        var df = Df("a:int", [1]);
        var o = Engine.Map(df, Identity, Schema.Parse("b:int"), PartitionSpec.Empty);
        var ex = Assert.ThrowsAny<Exception>(() => o.AsArray());
        Assert.Contains("a:int", ex.Message);
        Assert.Contains("b:int", ex.Message);
    }

    [Fact]
    public void Map_SameNamesAreCastToTheOutputSchema()
    {
        var df = Df("a:int", [1], [2]);
        var o = Engine.Map(df, Identity, Schema.Parse("a:long"), PartitionSpec.Empty);
        DfAssert.Equal(o, "a:long", [1], [2]);
    }

    [Fact]
    public void Map_EmptyPartitionResults()
    {
        var df = Df("a:int,b:int", [0, 1], [1, 2], [2, 3]);
        LocalDataFrame OnlyZero(PartitionCursor c, LocalDataFrame p) =>
            new ArrayDataFrame(p.AsArray().Where(r => (int)r[0]! == 0), p.Schema);
        DfAssert.Equal(Engine.Map(df, OnlyZero, df.Schema, PartitionSpec.By("a")), "a:int,b:int", [0, 1]);
        DfAssert.Equal(Engine.Map(Df("a:int,b:int", [1, 2]), OnlyZero, df.Schema, PartitionSpec.By("a")), "a:int,b:int");
    }

    [Fact]
    public void Map_CursorHasKeysOfEachGroup()
    {
        var df = Df("a:int,b:str,c:int", [1, "x", 3], [2, "y", 4], [1, "x", 1]);
        var output = Schema.Parse("b:str,a:int,n:long");
        var o = Engine.Map(
            df,
            (c, p) => new ArrayDataFrame([[.. c.KeyValueArray, (long)p.AsArray().Count]], output),
            output,
            new PartitionSpec(by: ["b", "a"], presort: "c"));
        DfAssert.Equal(o, "b:str,a:int,n:long", ["x", 1, 2], ["y", 2, 1]);
    }
}
