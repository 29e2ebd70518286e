using System.Runtime.CompilerServices;
using Fugue.Execution;

namespace Fugue.Dask;

/// <summary>
/// Registers <see cref="DaskExecutionEngine"/> under the name <c>dask</c> when the assembly loads, so that
/// <c>ExecutionEngineFactory.Make("dask", conf)</c> (and the conf key <c>fugue.execution.engine</c>) find it without
/// Fugue.Engines referencing this package.
/// </summary>
internal static class DaskEngineRegistration
{
#pragma warning disable CA2255 // a library registering its engine at load time is the intended use
    [ModuleInitializer]
    internal static void Register() => ExecutionEngineFactory.Register("dask", conf => new DaskExecutionEngine(conf));
#pragma warning restore CA2255
}
