using Fugue.Dask;
using Fugue.Execution;

namespace Fugue.Dask.Tests;

/// <summary>One local Dask cluster (a scheduler and two workers on 127.0.0.1) shared by every Dask test.</summary>
public sealed class DaskClusterFixture : IDisposable
{
    public DaskClusterFixture()
    {
        Prerequisites.Check();
        Cluster = DaskExecutionEngine.StartLocalCluster(workers: 2);
    }

    public DaskLocalCluster Cluster { get; }

    /// <summary>An engine on the shared cluster (waits for both workers), with extra conf.</summary>
    public DaskExecutionEngine CreateEngine(IReadOnlyDictionary<string, object?>? extra = null)
    {
        var conf = Cluster.Conf;
        conf[DaskExecutionEngine.WaitForWorkersKey] = 2;
        conf[DaskExecutionEngine.DefaultPartitionsKey] = 2;
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                conf[k] = v;
            }
        }

        return new DaskExecutionEngine(conf);
    }

    public void Dispose() => Cluster.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DaskCollection : ICollectionFixture<DaskClusterFixture>
{
    public const string Name = "dask";
}
