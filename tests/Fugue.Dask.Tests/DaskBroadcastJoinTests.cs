using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// Joins with a small side broadcast to every partition of the other side, and with broadcasting disabled (a shuffle
// of both), against the native engine: every join type, null and duplicate keys, mixed key types, empty partitions
// and empty sides; and the hash partitioner's typed paths against its canonical-value reference.
[Collection(DaskCollection.Name)]
public sealed class DaskBroadcastJoinTests(DaskClusterFixture cluster)
{
    private const long Always = long.MaxValue;

    private static readonly JoinType[] AllTypes =
        [JoinType.Inner, JoinType.LeftOuter, JoinType.RightOuter, JoinType.FullOuter, JoinType.LeftSemi, JoinType.LeftAnti];

    private static DataFrame Df(string schema, IEnumerable<object?[]> rows) => new ArrayDataFrame(rows, Schema.Parse(schema));

    /// <summary>A larger frame: keys 0..9 with repeats, some null keys, values.</summary>
    private static DataFrame Big() => Df(
        "k:int,s:str,v:double",
        Enumerable.Range(0, 60).Select(i => new object?[] { i % 7 == 0 ? null : i % 10, i % 3 == 0 ? null : "s" + (i % 4), i * 1.5 }));

    /// <summary>A small frame: keys that match some of Big's (with duplicates), keys it lacks, null keys; long keys meet int ones.</summary>
    private static DataFrame Small() => Df(
        "k:long,s:str,w:int",
        [[1L, "s1", 10], [1L, "s1", 11], [2L, "s2", 20], [3L, null, 30], [42L, "s2", 420], [null, "s0", 0], [5L, "s1", 50]]);

    private DaskExecutionEngine Engine(long threshold) =>
        cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.BroadcastJoinThresholdKey] = threshold });

    private static bool Broadcast(DataFrame df) => ((DaskDataFrame)df).Parts.All(p => p.Sides.Length > 0);

    [Fact]
    public void EveryJoinTypeMatchesTheNativeEngineWithAndWithoutBroadcast()
    {
        using var native = new NativeExecutionEngine();
        long smallSize;
        using (var probe = Engine(Always))
        {
            smallSize = Math.Max(((DaskDataFrame)probe.ToDf(Small())).EstimatedBytes!.Value, ((DaskDataFrame)probe.ToDf(Small().SelectColumns(["k", "w"]))).EstimatedBytes!.Value);
            Assert.True(smallSize < ((DaskDataFrame)probe.ToDf(Big())).EstimatedBytes);
        }

        // always (either side may go), only the small side, never
        foreach (var threshold in new[] { Always, smallSize, 0L })
        {
            using var engine = Engine(threshold);
            var big = engine.ToDf(Big());
            var small = engine.ToDf(Small());
            var smallK = engine.ToDf(Small().SelectColumns(["k", "w"]));
            foreach (var how in AllTypes)
            {
                foreach (var (on, sm, nsm) in new[] { (new[] { "k", "s" }, small, Small()), (null, small, Small()), (new[] { "k" }, smallK, Small().SelectColumns(["k", "w"])) })
                {
                    foreach (var (l, r, nl, nr) in new[] { (big, sm, Big(), nsm), (sm, big, nsm, Big()) })
                    {
                        var expected = native.Join(nl, nr, how, on).AsLocalBounded();
                        var actual = engine.Join(l, r, how, on);
                        DfAssert.Equal(actual, expected);
                        // broadcast only when allowed, and only where it is exact
                        var smallRight = ReferenceEquals(r, sm);
                        var expectBroadcast = threshold == Always
                            ? how != JoinType.FullOuter
                            : threshold > 0 && (how is JoinType.Inner
                                || (smallRight && how is JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti)
                                || (!smallRight && how is JoinType.RightOuter));
                        Assert.Equal(expectBroadcast, Broadcast(actual));
                    }
                }
            }
        }
    }

    [Fact]
    public void CrossJoinsBroadcastTheSmallerSide()
    {
        using var native = new NativeExecutionEngine();
        var a = Df("a:int,b:str", Enumerable.Range(0, 9).Select(i => new object?[] { i, i % 2 == 0 ? null : "x" + i }));
        var c = Df("c:long", [[1L], [null], [3L]]);
        foreach (var threshold in new[] { Always, 0L })
        {
            using var engine = Engine(threshold);
            var da = engine.ToDf(a);
            var dc = engine.ToDf(c);
            DfAssert.Equal(engine.Join(da, dc, JoinType.Cross), native.Join(a, c, JoinType.Cross).AsLocalBounded());
            DfAssert.Equal(engine.Join(dc, da, JoinType.Cross), native.Join(c, a, JoinType.Cross).AsLocalBounded());
            Assert.Equal(threshold > 0, Broadcast(engine.Join(da, dc, JoinType.Cross)));
        }
    }

    [Fact]
    public void EmptyPartitionsAndEmptySides()
    {
        using var native = new NativeExecutionEngine();
        using var engine = Engine(Always);
        // one key only: a repartition by it leaves 3 of 4 partitions empty; the narrow stages before the join fuse with it
        var oneKey = Df("k:int,v:int", Enumerable.Range(0, 10).Select(i => new object?[] { 3, i }));
        var big = engine.Repartition(engine.ToDf(oneKey), PartitionSpec.By("k").With(num: "4"));
        var small = Small();
        var emptySmall = Df("k:long,s:str,w:int", []);
        var emptyBig = engine.DropNa(engine.ToDf(Df("k:int,v:int", [[null, 1], [null, 2]])), DropNaHow.Any);
        foreach (var how in AllTypes)
        {
            var bigSchemaOnly = Df("k:int,v:int", []);
            DfAssert.Equal(engine.Join(big, engine.ToDf(small.SelectColumns(["k", "w"])), how, ["k"]), native.Join(oneKey, small.SelectColumns(["k", "w"]), how, ["k"]).AsLocalBounded());
            DfAssert.Equal(engine.Join(big, engine.ToDf(emptySmall), how, ["k"]), native.Join(oneKey, emptySmall, how, ["k"]).AsLocalBounded());
            DfAssert.Equal(engine.Join(emptyBig, engine.ToDf(small.SelectColumns(["k", "w"])), how, ["k"]), native.Join(bigSchemaOnly, small.SelectColumns(["k", "w"]), how, ["k"]).AsLocalBounded());
        }
    }

    [Fact]
    public void NarrowStagesFuseAroundABroadcastJoin()
    {
        using var native = new NativeExecutionEngine();
        using var engine = Engine(Always);
        var big = engine.Persist(engine.ToDf(Big()));
        var small = engine.Persist(engine.ToDf(Small()));
        var joined = engine.Join(big.SelectColumns(["k", "v"]), small.SelectColumns(["k", "w"]), JoinType.LeftOuter, ["k"]);
        Assert.True(Broadcast(joined));
        var filled = engine.FillNa(joined, new Dictionary<string, object?> { ["w"] = -1 });
        var expected = native.FillNa(native.Join(Big().SelectColumns(["k", "v"]), Small().SelectColumns(["k", "w"]), JoinType.LeftOuter, ["k"]), new Dictionary<string, object?> { ["w"] = -1 });
        DfAssert.Equal(filled, expected.AsLocalBounded());
        // one task per partition of the big side: the select, the join and the fill run in it
        Assert.Equal(((DaskDataFrame)big).PartitionCount, ((DaskDataFrame)filled).PartitionCount);
    }

    [Fact]
    public void PersistedAndLoadedFramesKnowTheirSize()
    {
        using var engine = Engine(Always);
        var persisted = (DaskDataFrame)engine.Persist(engine.Map(engine.ToDf(Big()), (c, df) => df, Schema.Parse("k:int,s:str,v:double")));
        Assert.True(persisted.EstimatedBytes > 0);
        var mapped = (DaskDataFrame)engine.Map(persisted, (c, df) => df, persisted.Schema);
        Assert.Null(mapped.EstimatedBytes);
        // a side of unknown size is shuffled
        Assert.False(Broadcast(engine.Join(engine.ToDf(Big()), mapped.SelectColumns(["k"]), JoinType.LeftOuter, ["k"])));
        Assert.True(Broadcast(engine.Join(mapped, engine.ToDf(Small().SelectColumns(["k", "w"])), JoinType.Inner, ["k"])));
        var dir = Directory.CreateTempSubdirectory("fugue-dask-test-").FullName;
        try
        {
            var path = Path.Combine(dir, "small.parquet");
            using (var native = new NativeExecutionEngine())
            {
                native.SaveDf(Small(), path);
            }

            var loaded = (DaskDataFrame)engine.LoadDf(path);
            Assert.True(loaded.EstimatedBytes > 0);
            Assert.True(Broadcast(engine.Join(engine.ToDf(Big()), loaded.SelectColumns(["k", "w"]), JoinType.LeftOuter, ["k"])));
            // the loading tasks (no input partitions) as the big side: load, join and the next stages in one task per file
            var other = Df("k:long,z:int", [[1L, 7], [2L, 8], [null, 9]]);
            var joined = engine.Join(loaded, engine.ToDf(other), JoinType.LeftOuter, ["k"]);
            Assert.True(Broadcast(joined));
            using var native2 = new NativeExecutionEngine();
            DfAssert.Equal(joined, native2.Join(Small(), other, JoinType.LeftOuter, ["k"]).AsLocalBounded());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        using var small = Engine(16);
        Assert.False(Broadcast(small.Join(small.ToDf(Big()), small.ToDf(Small().SelectColumns(["k", "w"])), JoinType.Inner, ["k"])));
    }

    [Fact]
    public void TypedHashPathsAgreeWithTheCanonicalValues()
    {
        var df = Df(
            "i:int,l:long,d:double,f:float,s:str,b:bool,t:datetime,sh:short,u:uint",
            Enumerable.Range(0, 50).Select(i => new object?[]
            {
                i % 5 == 0 ? null : i, (long)i * 1_000_000_007L, i % 3 == 0 ? i : i + 0.25, (float)i, i % 4 == 0 ? null : "key-" + i + new string('x', i % 11),
                i % 2 == 0, new DateTime(2020, 1, 1).AddMinutes(i), (short)(i - 25), (uint)i,
            }));
        var batch = Assert.Single(df.AsBatches());
        var rows = df.AsArray();
        for (var c = 0; c < df.Schema.Count; c++)
        {
            var ids = DaskHashPartitioner.Buckets(batch, [c], 7);
            for (var r = 0; r < rows.Count; r++)
            {
                Assert.Equal(DaskHashPartitioner.Bucket([rows[r][c]], 7), ids[r]);
            }
        }

        var all = DaskHashPartitioner.Buckets(batch, Enumerable.Range(0, df.Schema.Count).ToArray(), 5);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(DaskHashPartitioner.Bucket(rows[r], 5), all[r]);
        }

        // equal keys of different types meet
        Assert.Equal(DaskHashPartitioner.Bucket([1], 16), DaskHashPartitioner.Bucket([1L], 16));
        Assert.Equal(DaskHashPartitioner.Bucket([1], 16), DaskHashPartitioner.Bucket([1.0], 16));
        Assert.Equal(DaskHashPartitioner.Bucket([(byte)7], 16), DaskHashPartitioner.Bucket([7.0f], 16));
        Assert.Equal(DaskHashPartitioner.Bucket([0], 16), DaskHashPartitioner.Bucket([-0.0], 16));
        // NaN is null to Fugue (distinct, set operations)
        Assert.Equal(DaskHashPartitioner.Bucket([null], 16), DaskHashPartitioner.Bucket([double.NaN], 16));
        Assert.Equal(DaskHashPartitioner.Bucket([null, 1], 16), DaskHashPartitioner.Bucket([float.NaN, 1L], 16));
    }
}
