using System.Runtime.CompilerServices;
using Fugue.Engines.Tests.Conformance;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// Persisted and scattered partitions are released on the cluster once their frames are gone (or on Unpersist).
[Collection(DaskCollection.Name)]
public sealed class DaskReleaseTests(DaskClusterFixture cluster)
{
    private static readonly Schema Ab = Schema.Parse("a:int,b:long");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PersistAndDrop(DaskExecutionEngine engine, int before)
    {
        var df = new ArrayDataFrame([[1, 10L], [2, 20L], [3, 30L]], Ab);
        var persisted = engine.Persist(engine.Map(df, (c, p) => p, Ab));
        // two scattered partitions of the driver data, two persisted partitions
        Assert.Equal(before + 4, engine.GetHeldPartitionCount());
        var derived = engine.Map(persisted, (c, p) => p, Ab);
        DfAssert.Equal(derived, "a:int,b:long", [1, 10L], [2, 20L], [3, 30L]);
    }

    [Fact]
    public void PartitionsOfCollectedFramesAreReleased()
    {
        using var engine = cluster.CreateEngine();
        var before = engine.GetHeldPartitionCount();
        PersistAndDrop(engine, before);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(before, engine.GetHeldPartitionCount());
    }

    [Fact]
    public void UnpersistReleasesNowAndKeptFramesStayHeld()
    {
        using var engine = cluster.CreateEngine();
        var df = engine.ToDf(new ArrayDataFrame([[1, 10L], [2, 20L]], Ab));
        var persisted = engine.Persist(engine.Map(df, (c, p) => p, Ab));
        var held = engine.GetHeldPartitionCount();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(held, engine.GetHeldPartitionCount()); // still referenced: still held
        DfAssert.Equal(persisted, "a:int,b:long", [1, 10L], [2, 20L]);
        engine.Unpersist(persisted);
        Assert.Equal(held - 2, engine.GetHeldPartitionCount());
        DfAssert.Equal(engine.Map(df, (c, p) => p, Ab), "a:int,b:long", [1, 10L], [2, 20L]);
        GC.KeepAlive(df);
    }
}
