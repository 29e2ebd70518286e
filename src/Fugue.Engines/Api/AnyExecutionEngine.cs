using Fugue.Execution;

namespace Fugue.Api;

/// <summary>
/// Any way the functional API accepts to name an engine (Fugue's <c>AnyExecutionEngine</c>): an
/// <see cref="ExecutionEngine"/> instance, a registered name such as <c>"native"</c> or <c>"dask"</c> (see
/// <see cref="ExecutionEngineFactory"/>), or a <c>(name, conf)</c> pair. Passing null (the default) means the ambient
/// engine (<see cref="ExecutionEngine.AsContext"/> or the global one), else the engine of an <see cref="EngineFrame"/>
/// input, else a new engine from the conf (<see cref="ExecutionEngineFactory.EngineNameKey"/>, default native).
/// </summary>
public sealed class AnyExecutionEngine
{
    private AnyExecutionEngine(ExecutionEngine? engine, string? name, IReadOnlyDictionary<string, object?>? conf)
    {
        Engine = engine;
        Name = name;
        Conf = conf;
    }

    /// <summary>The engine instance, when one was given.</summary>
    public ExecutionEngine? Engine { get; }

    /// <summary>The engine name, when a name was given.</summary>
    public string? Name { get; }

    /// <summary>The conf given with the name.</summary>
    public IReadOnlyDictionary<string, object?>? Conf { get; }

    /// <summary>An engine instance (used as it is).</summary>
    public static implicit operator AnyExecutionEngine(ExecutionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new AnyExecutionEngine(engine, null, null);
    }

    /// <summary>A registered engine name; the engine is made for the call and stopped after it.</summary>
    public static implicit operator AnyExecutionEngine(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AnyExecutionEngine(null, name, null);
    }

    /// <summary>A registered engine name with its conf.</summary>
    public static implicit operator AnyExecutionEngine((string Name, IReadOnlyDictionary<string, object?>? Conf) engine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engine.Name);
        return new AnyExecutionEngine(null, engine.Name, engine.Conf);
    }

    /// <summary>The named form of the instance conversion.</summary>
    public static AnyExecutionEngine FromEngine(ExecutionEngine engine) => engine;

    /// <summary>The named form of the name conversion, with an optional conf.</summary>
    public static AnyExecutionEngine FromName(string name, IReadOnlyDictionary<string, object?>? conf = null) => (name, conf);

    /// <inheritdoc />
    public override string ToString() => Engine?.GetType().Name ?? Name ?? "(default)";
}
