using Fugue.Api;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;

namespace Fugue.Dask.Tests;

// The Dask package registers itself under "dask"; its frames name their engine, so functional calls stay on the cluster.
[Collection(DaskCollection.Name)]
public sealed class DaskEngineByNameTests(DaskClusterFixture cluster)
{
    private Dictionary<string, object?> Conf()
    {
        var conf = cluster.Cluster.Conf;
        conf[DaskExecutionEngine.WaitForWorkersKey] = 2;
        conf[DaskExecutionEngine.DefaultPartitionsKey] = 2;
        return conf;
    }

    [Fact]
    public void MakeByNameGivesAWorkingDaskEngine()
    {
        Assert.True(ExecutionEngineFactory.IsRegistered("dask"));
        using var engine = ExecutionEngineFactory.Make("Dask", Conf());
        Assert.IsType<DaskExecutionEngine>(engine);
        Assert.True(engine.IsDistributed);
        var df = engine.ToDf(new ArrayDataFrame([[1, "a"], [1, "a"], [2, "b"]], "x:int,y:str"));
        DfAssert.Equal(engine.Distinct(df), "x:int,y:str", [1, "a"], [2, "b"]);
    }

    [Fact]
    public void FunctionalCallsUseTheEngineOfADaskFrame()
    {
        using var engine = cluster.CreateEngine();
        var df = engine.ToDf(new ArrayDataFrame([[3], [3], [4]], "x:int"));
        var result = FugueApi.Distinct(df);
        Assert.IsType<DaskDataFrame>(result);
        Assert.Same(engine, ((DaskDataFrame)result).Engine);
        DfAssert.Equal(result, "x:int", [3], [4]);
    }
}
