using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Native;

namespace Fugue.Engines.Tests.Native;

public class NativeExecutionEngineTests : ExecutionEngineTests
{
    protected override ExecutionEngine CreateEngine() => new NativeExecutionEngine(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 2 });
}
