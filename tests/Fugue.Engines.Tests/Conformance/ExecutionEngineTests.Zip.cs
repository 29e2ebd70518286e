using System.Globalization;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

public abstract partial class ExecutionEngineTests
{
    /// <summary>Fugue's suite comap function: the key values, then "name+count" of each frame.</summary>
    private static LocalDataFrame CountFrames(PartitionCursor cursor, DataFrames dfs)
    {
        var v = string.Join(",", dfs.Items().Select(kv => kv.Key + kv.Value.AsArray().Count.ToString(CultureInfo.InvariantCulture)));
        var keys = cursor.KeyValueArray;
        return keys.Length == 0
            ? new ArrayDataFrame([[v]], Schema.Parse("v:str"))
            : new ArrayDataFrame([[.. keys, v]], cursor.KeySchema + "v:str");
    }

    private DataFrame ZipA => Df("a:int,b:int", [1, 2], [3, 4], [1, 5]);

    private DataFrame ZipB => Df("c:int,a:int", [6, 1], [2, 7]);

    [Fact]
    public void Comap_Errors()
    {
        Assert.Throws<InvalidOperationException>(() => Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.Cross, PartitionSpec.By("a")));
        Assert.Throws<NotSupportedException>(() => Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.LeftAnti));
        Assert.Throws<ArgumentException>(() => Engine.Zip(new DataFrames(Df("a:int", [1]), Df("b:int", [1]))));
        Assert.Throws<ArgumentException>(() => Engine.Comap(ZipA, CountFrames, Schema.Parse("v:str")));
        Assert.Throws<FugueSchemaException>(() => Engine.Zip(new DataFrames(ZipA, Df("a:long", [1]))));
    }

    [Fact]
    public void Comap_Outer()
    {
        var spec = new PartitionSpec(presort: "b,c");
        var left = Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.LeftOuter, spec);
        DfAssert.Equal(Engine.Comap(left, CountFrames, Schema.Parse("a:int,v:str")), "a:int,v:str", [1, "_02,_11"], [3, "_01,_10"]);
        var right = Engine.Zip(new DataFrames(ZipB, ZipA), JoinType.RightOuter, spec);
        DfAssert.Equal(Engine.Comap(right, CountFrames, Schema.Parse("a:int,v:str")), "a:int,v:str", [1, "_01,_12"], [3, "_00,_11"]);
        var full = Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.FullOuter, spec);
        DfAssert.Equal(Engine.Comap(full, CountFrames, Schema.Parse("a:int,v:str")), "a:int,v:str", [1, "_02,_11"], [3, "_01,_10"], [7, "_00,_11"]);
    }

    [Fact]
    public void Comap_Cross()
    {
        var cross = Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.Cross, new PartitionSpec(presort: "b,c"));
        DfAssert.Equal(Engine.Comap(cross, CountFrames, Schema.Parse("v:str")), "v:str", ["_03,_12"]);
    }

    [Fact]
    public void Comap_MissingSidesAreEmptyFramesOfTheirSchema()
    {
        var full = Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.FullOuter);
        var r = Engine.Comap(
            full,
            (c, dfs) => new ArrayDataFrame([[c.KeyValueArray[0], dfs[0].Schema.ToString() + "/" + dfs[1].Schema.ToString(), c["b"]]], Schema.Parse("a:int,s:str,b:int")),
            Schema.Parse("a:int,s:str,b:int"));
        DfAssert.Equal(r, "a:int,s:str,b:int", [1, "a:int,b:int/c:int,a:int", 2], [3, "a:int,b:int/c:int,a:int", 4], [7, "a:int,b:int/c:int,a:int", null]);
    }

    [Fact]
    public void Comap_PresortAppliesInsideEachFrame()
    {
        var a = Df("a:int,b:int", [1, 5], [1, 2], [1, 9]);
        var z = Engine.Zip(new DataFrames(a, ZipB), JoinType.Inner, new PartitionSpec(presort: "b desc"));
        var r = Engine.Comap(
            z,
            (c, dfs) => new ArrayDataFrame([[string.Join(",", dfs[0].AsArray().Select(row => row[1]))]], Schema.Parse("v:str")),
            Schema.Parse("v:str"));
        DfAssert.Equal(r, "v:str", ["9,5,2"]);
    }

    [Fact]
    public void Zip_SeedPageExamples()
    {
        var df1 = Df("a:str,b:str", ["k1", "a"], ["k1", "b"], ["k2", "b"], ["k2", "c"]);
        var df2 = Df("a:str,b:str", ["k2", "c"], ["k2", "d"], ["k3", "d"], ["k3", "e"]);
        Assert.Equal("a:str", Engine.Zip(new DataFrames(df1, df2), JoinType.Inner, PartitionSpec.By("a")).Schema.ToString());
        Assert.Equal("a:str,b:str", Engine.Zip(new DataFrames(df1, df2)).Schema.ToString());
        var output = Schema.Parse("key:str,value:[str]");
        LocalDataFrame Describe(PartitionCursor c, DataFrames dfs) =>
            new ArrayDataFrame(
                [[string.Join(",", c.KeyValueDict.Select(kv => kv.Key + "=" + kv.Value)), dfs.Select(f => (object?)string.Join(";", f.AsArray().Select(r => string.Join("/", r)))).ToArray()]],
                output);
        var left = Engine.Zip(new DataFrames(df1, df2), JoinType.LeftOuter, PartitionSpec.By("a"));
        DfAssert.Equal(
            Engine.Comap(left, Describe, output),
            "key:str,value:[str]",
            ["a=k1", new object?[] { "k1/a;k1/b", "" }],
            ["a=k2", new object?[] { "k2/b;k2/c", "k2/c;k2/d" }]);
        var inner = Engine.Zip(new DataFrames(df1, df2));
        DfAssert.Equal(Engine.Comap(inner, Describe, output), "key:str,value:[str]", ["a=k2,b=c", new object?[] { "k2/c", "k2/c" }]);
    }
}
