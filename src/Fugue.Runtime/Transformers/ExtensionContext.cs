using System.Globalization;
using Fugue.Configuration;
using Fugue.Partitioning;

namespace Fugue.Transformers;

/// <summary>
/// What a Creator, Processor or Outputter gets from the engine that runs it (Fugue's driver-side
/// <c>ExtensionContext</c>): the engine itself, its conf and the call's partition spec. The engine is typed
/// <see cref="object"/> because this assembly can't reference Fugue.Engines (which references it); a method that
/// declares an <c>ExecutionEngine</c> (or subclass) parameter gets it cast by its generated adapter, with an error
/// naming the extension when the running engine is of another type.
/// </summary>
public sealed class ExtensionContext
{
    /// <summary>Creates a context (engines do this once per call).</summary>
    /// <param name="engine">The running execution engine (null only where no engine exists, e.g. unit tests).</param>
    /// <param name="conf">The engine conf.</param>
    /// <param name="partitionSpec">The call's partition spec (processors and outputters; empty when none).</param>
    public ExtensionContext(object? engine, ParamDict conf, PartitionSpec? partitionSpec = null)
    {
        ArgumentNullException.ThrowIfNull(conf);
        Engine = engine;
        Conf = conf;
        PartitionSpec = partitionSpec ?? PartitionSpec.Empty;
    }

    /// <summary>The running execution engine (a <c>Fugue.Execution.ExecutionEngine</c>), or null.</summary>
    public object? Engine { get; }

    /// <summary>The engine conf.</summary>
    public ParamDict Conf { get; }

    /// <summary>The call's partition spec (empty when none).</summary>
    public PartitionSpec PartitionSpec { get; }

    /// <summary>The engine as <typeparamref name="T"/>; an error naming <paramref name="extension"/> when it is missing or of another type.</summary>
    /// <exception cref="FugueTransformerException">There is no engine, or it is not a <typeparamref name="T"/>.</exception>
    public T GetEngine<T>(string extension)
        where T : class =>
        Engine as T ?? throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
            $"'{extension}' takes an engine of type {typeof(T).Name}, but it runs {(Engine is null ? "without an engine" : "on a " + Engine.GetType().Name)}."));
}
