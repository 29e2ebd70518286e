using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;

namespace Fugue.Dask.Tests;

// The whole conformance suite on a real local Dask cluster.
[Collection(DaskCollection.Name)]
public class DaskExecutionEngineTests(DaskClusterFixture cluster) : ExecutionEngineTests
{
    protected override ExecutionEngine CreateEngine() => cluster.CreateEngine();
}
