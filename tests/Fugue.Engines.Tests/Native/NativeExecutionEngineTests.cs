using System.Collections.Concurrent;
using System.Globalization;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Native;

public class NativeExecutionEngineTests : ExecutionEngineTests
{
    protected override ExecutionEngine CreateEngine() => new NativeExecutionEngine(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 2 });

    // Cases moved here from the shared conformance suite: they observe driver-side side effects of the map functions
    // (a captured counter or collection), which only an in-process engine can show. The Dask engine has equivalents
    // observed through files (tests/Fugue.Dask.Tests/DaskEngineBehaviourTests.cs).
    private static readonly object?[][] A5 = Rows([1, 2], [null, 2], [null, 1], [3, 4], [null, 4]);

    private DataFrame ZipA => Df("a:int,b:int", [1, 2], [3, 4], [1, 5]);

    private DataFrame ZipB => Df("c:int,a:int", [6, 1], [2, 7]);

    private static LocalDataFrame CountFrames(PartitionCursor cursor, DataFrames dfs)
    {
        var v = string.Join(",", dfs.Items().Select(kv => kv.Key + kv.Value.AsArray().Count.ToString(CultureInfo.InvariantCulture)));
        var keys = cursor.KeyValueArray;
        return keys.Length == 0
            ? new ArrayDataFrame([[v]], Schema.Parse("v:str"))
            : new ArrayDataFrame([[.. keys, v]], cursor.KeySchema + "v:str");
    }

    [Fact]
    public void Map_WithNumPartitionsAndOnInit()
    {
        var inits = 0;
        void OnInit(int partitionNo, LocalDataFrame df)
        {
            Assert.True(partitionNo >= 0);
            Assert.InRange(df.AsArray().Count, 0, 5);
            Interlocked.Increment(ref inits);
        }

        var o = Engine.Map(
            Df("a:double,b:int", A5),
            SelectTop,
            Schema.Parse("a:double,b:int"),
            new PartitionSpec(by: ["a"], num: "3", presort: "b DESC"),
            OnInit);
        DfAssert.Equal(o, "a:double,b:int", [null, 4], [1, 2], [3, 4]);
        Assert.True(inits >= 1);
    }

    [Fact]
    public void Map_CoarseCallsSeeWholeSortedGroups()
    {
        // 100 groups x 10 rows, shuffled; each call must hold whole groups sorted by (a, b).
        var random = new Random(0);
        var rows = Enumerable.Range(0, 100).SelectMany(a => Enumerable.Range(0, 10).Select(b => new object?[] { a, b })).OrderBy(_ => random.Next()).ToArray();
        var df = Df("a:int,b:int", rows);
        var seen = new ConcurrentBag<int>();
        var o = Engine.Map(
            df,
            (c, p) =>
            {
                var data = p.AsArray();
                var sorted = data.OrderBy(r => (int)r[0]!).ThenBy(r => (int)r[1]!).ToList();
                Assert.Equal(sorted.Select(r => DfAssert.Render(r)), data.Select(r => DfAssert.Render(r)));
                foreach (var g in data.GroupBy(r => (int)r[0]!))
                {
                    Assert.Equal(10, g.Count());
                    seen.Add(g.Key);
                }

                return new ArrayDataFrame([new object?[] { data.Select(r => r[0]).Distinct().Count() }], Schema.Parse("n:long"));
            },
            Schema.Parse("n:long"),
            new PartitionSpec(by: ["a"], num: "6", algo: PartitionAlgo.Coarse, presort: "b"));
        var counts = o.AsArray().Select(r => (long)r[0]!).ToList();
        Assert.Equal(100, counts.Sum());
        Assert.Equal(100, seen.Distinct().Count());
        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public void Comap_InnerWithOnInit()
    {
        var inits = 0;
        void OnInit(int no, DataFrames dfs)
        {
            Assert.True(no >= 0);
            Assert.False(dfs.HasKey);
            Assert.Equal(2, dfs.Count);
            Assert.All(dfs, f => Assert.True(f.IsEmpty));
            inits++;
        }

        var z = Engine.Zip(new DataFrames(ZipA, ZipB), JoinType.Inner, new PartitionSpec(presort: "b,c"));
        var r = Engine.Comap(z, CountFrames, Schema.Parse("a:int,v:str"), onInit: OnInit);
        DfAssert.Equal(r, "a:int,v:str", [1, "_02,_11"]);
        Assert.True(inits >= 1);
    }

    [Fact]
    public void Comap_WithKeys()
    {
        var hasKey = 0;
        LocalDataFrame Named(PartitionCursor c, DataFrames dfs)
        {
            Assert.True(dfs.HasKey);
            return CountFrames(c, dfs);
        }

        void OnInit(int no, DataFrames dfs)
        {
            Assert.True(dfs.HasKey);
            hasKey++;
        }

        var xy = Engine.Zip(DataFrames.Of(("x", ZipA), ("y", ZipB)));
        DfAssert.Equal(Engine.Comap(xy, Named, Schema.Parse("a:int,v:str"), onInit: OnInit), "a:int,v:str", [1, "x2,y1"]);
        var xyz = Engine.Zip(DataFrames.Of(("x", ZipA), ("y", ZipB), ("z", ZipB)));
        DfAssert.Equal(Engine.Comap(xyz, Named, Schema.Parse("a:int,v:str"), onInit: OnInit), "a:int,v:str", [1, "x2,y1,z1"]);
        var z = Engine.Zip(DataFrames.Of(("z", Df("c:int,a:int", [6, 1]))), partitionSpec: PartitionSpec.By("a"));
        DfAssert.Equal(Engine.Comap(z, Named, Schema.Parse("a:int,v:str"), onInit: OnInit), "a:int,v:str", [1, "z1"]);
        Assert.True(hasKey >= 3);
    }
}
