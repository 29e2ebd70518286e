using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// Partitions of 64 KB and more pass between a worker and its executors in memory files (DaskSharedMemory, ShmBlob in
// fugue_dask_worker.py), smaller ones through the pipes: large frames through shuffles, joins and zips, held by Dask
// as memory-file handles and moved between workers, give the native engine's results, and Dask sizes them right.
[Collection(DaskCollection.Name)]
public sealed class DaskMemoryFileTests(DaskClusterFixture cluster)
{
    private const string BigSchema = "k:int,s:str,v:double";

    /// <summary>200,000 rows, about 4 MB in Arrow IPC: every partition and bucket is far above 64 KB.</summary>
    private static DataFrame Big() => new ArrayDataFrame(
        Enumerable.Range(0, 200_000).Select(i => new object?[] { i % 13 == 0 ? null : i % 1000, i % 5 == 0 ? null : "s" + (i % 97), i * 0.5 }),
        Schema.Parse(BigSchema));

    /// <summary>Keys 500..1499 (half of them meet Big's), one row each.</summary>
    private static DataFrame Dim() => new ArrayDataFrame(
        Enumerable.Range(500, 1000).Select(i => new object?[] { i, i * 2L }),
        Schema.Parse("k:int,w:long"));

    private static LocalDataFrame CountSides(PartitionCursor c, DataFrames dfs) =>
        new ArrayDataFrame([[c.KeyValueArray[0], dfs[0].AsArray().Count, dfs[1].AsArray().Count]], Schema.Parse("k:int,n0:int,n1:int"));

    [Fact]
    public void LargePartitionsThroughShufflesJoinsAndZipsMatchTheNativeEngine()
    {
        // no broadcast: both join sides are shuffled (split outputs and bucket inputs in memory files); the local
        // cluster's workers take each other's partitions by opening the memory files (FUGUE_DASK_SHM_PEERS=1)
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.BroadcastJoinThresholdKey] = 0L });
        Check(engine);
    }

    [Fact]
    public void WithoutReferencesBetweenWorkersTheBytesAreSentAndHandedOverAgain()
    {
        // a cluster whose workers send partitions' bytes to each other (as between machines): the recipient copies
        // them into a memory file for its executor. All Dask tests run in one collection, one at a time, so the
        // environment variable reaches only this cluster's processes.
        Environment.SetEnvironmentVariable("FUGUE_DASK_SHM_PEERS", "0");
        DaskLocalCluster local;
        try
        {
            local = DaskExecutionEngine.StartLocalCluster(workers: 2);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FUGUE_DASK_SHM_PEERS", null);
        }

        using (local)
        {
            var conf = local.Conf;
            conf[DaskExecutionEngine.WaitForWorkersKey] = 2;
            conf[DaskExecutionEngine.DefaultPartitionsKey] = 2;
            conf[DaskExecutionEngine.BroadcastJoinThresholdKey] = 0L;
            using var engine = new DaskExecutionEngine(conf);
            Check(engine);
        }
    }

    private static void Check(DaskExecutionEngine engine)
    {
        using var native = new NativeExecutionEngine();
        var big = engine.Persist(engine.Repartition(engine.ToDf(Big()), PartitionSpec.Num(3)));
        var dim = engine.Persist(engine.ToDf(Dim()));

        // the persisted partitions are sized by their bytes (a handle's sizeof), not by the handle object
        var bytes = ((DaskDataFrame)big).EstimatedBytes;
        Assert.NotNull(bytes);
        Assert.True(bytes > 2_000_000, $"persisted size {bytes}");

        foreach (var how in new[] { JoinType.Inner, JoinType.LeftOuter, JoinType.FullOuter })
        {
            DfAssert.Equal(engine.Join(big, dim, how, ["k"]), native.Join(Big(), Dim(), how, ["k"]).AsLocalBounded());
        }

        var schema = Schema.Parse("k:int,n0:int,n1:int");
        var zipped = engine.Zip(DataFrames.Of(big, dim), JoinType.FullOuter, PartitionSpec.By("k"));
        var expected = native.Comap(native.Zip(DataFrames.Of(Big(), Dim()), JoinType.FullOuter, PartitionSpec.By("k")), CountSides, schema);
        DfAssert.Equal(engine.Comap(zipped, CountSides, schema), expected.AsLocalBounded());

        // the whole frame back in the driver (a gather of memory-file handles) and a second pass over the held partitions
        DfAssert.Equal(engine.Repartition(big, PartitionSpec.By("k")).AsLocalBounded(), Big());
        DfAssert.Equal(big.AsLocalBounded(), Big());
    }
}
