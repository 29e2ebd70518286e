using Fugue.Configuration;
using Fugue.Frames;

namespace Fugue.Execution;

/// <summary>A part of an engine (its map or SQL facet) that shares the engine's configuration and frame conversion.</summary>
public abstract class EngineFacet
{
    /// <summary>Creates the facet for <paramref name="engine"/>.</summary>
    /// <exception cref="ArgumentException">The engine is not of a type this facet supports.</exception>
    protected EngineFacet(ExecutionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!IsSupported(engine))
        {
            throw new ArgumentException($"{GetType().Name} does not support engine {engine.GetType().Name}", nameof(engine));
        }

        ExecutionEngine = engine;
    }

    /// <summary>The engine this facet belongs to.</summary>
    public ExecutionEngine ExecutionEngine { get; }

    /// <summary>The engine's configuration (the same object).</summary>
    public ParamDict Conf => ExecutionEngine.Conf;

    /// <summary>Converts any frame to the engine's own kind.</summary>
    public DataFrame ToDf(DataFrame df) => ExecutionEngine.ToDf(df);

    /// <summary>Whether this facet can work with <paramref name="engine"/>; any engine by default.</summary>
    protected virtual bool IsSupported(ExecutionEngine engine) => true;
}
