using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Dask.Tests;

/// <summary>A registered transformer: shipped by its stable name, found in the executor's registry.</summary>
public static class DaskSampleTransformers
{
    [Transformer("*,rank:long")]
    public static IEnumerable<object?[]> Rank(IEnumerable<object?[]> rows, long start = 1)
    {
        var i = start;
        foreach (var r in rows)
        {
            yield return [.. r, i++];
        }
    }
}

[Collection(DaskCollection.Name)]
public sealed class DaskTransformerTests(DaskClusterFixture cluster)
{
    [Fact]
    public void RegisteredTransformerRunsOnTheWorkersByName()
    {
        using var engine = cluster.CreateEngine();
        var name = TransformerRegistry.NameOf(DaskSampleTransformers.Rank);
        var df = new ArrayDataFrame([["a", 3], ["b", 1], ["a", 1], ["b", 2]], Schema.Parse("k:str,v:int"));
        var r = engine.Transform(df, name, new PartitionSpec(by: ["k"], presort: "v"), new Dictionary<string, object?> { ["start"] = 10L });
        DfAssert.Equal(r, "k:str,v:int,rank:long", ["a", 1, 10L], ["a", 3, 11L], ["b", 1, 10L], ["b", 2, 11L]);
    }
}

[Collection(DaskCollection.Name)]
public sealed class DaskKeylessTransformerTests(DaskClusterFixture cluster)
{
    [Fact]
    public void KeylessTransformersRunOncePerPartitionWhenConfigured()
    {
        var name = TransformerRegistry.NameOf(DaskSampleTransformers.Rank);
        var df = new ArrayDataFrame([["a", 1], ["b", 2], ["c", 3], ["d", 4]], Schema.Parse("k:str,v:int"));
        using (var whole = cluster.CreateEngine())
        {
            // the default is the native engine's: the whole frame is one partition
            Assert.Equal([1L, 2L, 3L, 4L], whole.Transform(df, name).AsArray().Select(r => (long)r[2]!).Order());
        }

        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.KeylessPerPartitionKey] = true });
        var parts = (DaskDataFrame)engine.Repartition(df, PartitionSpec.Num(2));
        var r = (DaskDataFrame)engine.Transform(parts, name);
        Assert.Equal(2, r.PartitionCount);
        Assert.Equal([1L, 1L, 2L, 2L], r.AsArray().Select(row => (long)row[2]!).Order());
    }
}
