namespace Fugue.Execution;

/// <summary>
/// A frame that belongs to an engine (e.g. a distributed engine's frame, which lives in that engine's cluster). The
/// functional API (<c>Fugue.Api.FugueApi</c>) uses that engine for a call when no engine is given and none is ambient,
/// as Fugue infers the engine from its inputs (<c>infer_by</c>).
/// </summary>
public interface IEngineFrame
{
    /// <summary>The engine the frame belongs to.</summary>
    ExecutionEngine ExecutionEngine { get; }
}
