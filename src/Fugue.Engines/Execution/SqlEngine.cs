using Fugue.Frames;

namespace Fugue.Execution;

/// <summary>The SQL facet of an engine; switchable (<see cref="ExecutionEngine.SqlEngine"/>) and usable with any engine.</summary>
public abstract class SqlEngine : EngineFacet
{
    /// <summary>Creates the facet for <paramref name="engine"/>.</summary>
    protected SqlEngine(ExecutionEngine engine) : base(engine)
    {
    }

    /// <summary>The SQL dialect name (for example <c>sqlite</c>).</summary>
    public abstract string Dialect { get; }

    /// <summary>
    /// Runs <paramref name="sql"/> over the frames of <paramref name="dfs"/>, whose keys are the table names,
    /// and returns the result as a frame of the engine.
    /// </summary>
    public abstract DataFrame Select(DataFrames dfs, string sql, CancellationToken cancellationToken = default);
}
