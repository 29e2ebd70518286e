using Fugue.Execution;

namespace Fugue.Api;

/// <summary>
/// An open <see cref="ExecutionEngine.AsContext"/> scope of an engine, from <see cref="FugueApi.EngineContext"/>: inside
/// it, the functional API and <see cref="ExecutionEngineContext.Current"/> use <see cref="Engine"/>. Disposing it ends
/// the scope (and, as in Fugue, stops the engine when its last scope ends and it is not the global engine).
/// </summary>
public sealed class EngineScope : IDisposable
{
    private readonly IDisposable _scope;

    internal EngineScope(ExecutionEngine engine)
    {
        Engine = engine;
        _scope = engine.AsContext();
    }

    /// <summary>The engine of the scope.</summary>
    public ExecutionEngine Engine { get; }

    /// <summary>Ends the scope (idempotent).</summary>
    public void Dispose() => _scope.Dispose();
}
