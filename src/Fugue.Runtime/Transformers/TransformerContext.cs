using Fugue.Configuration;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// What a running transformer may know about its call, as Fugue's <c>ExtensionContext</c> exposes it: the engine
/// conf (<c>workflow_conf</c>), the partition spec, the key schema and the output schema. The engine sets it as the
/// ambient <see cref="Current"/> around <c>OnInit</c> and every transform call of a partition (including the
/// enumeration of lazy results), so an annotated static method reads <c>TransformerContext.Current!.Conf</c> without
/// a parameter for it. Outside a transformer call <see cref="Current"/> is null.
/// </summary>
public sealed class TransformerContext
{
    private static readonly AsyncLocal<TransformerContext?> s_current = new();

    /// <summary>Creates a context (engines do this once per transform call).</summary>
    /// <param name="name">The transformer's registry name.</param>
    /// <param name="conf">The engine conf.</param>
    /// <param name="partitionSpec">The partition spec of the call.</param>
    /// <param name="keySchema">The partition keys' schema (the zip keys for co-transformers; empty without keys).</param>
    /// <param name="outputSchema">The resolved output schema (empty for output transformers).</param>
    public TransformerContext(string name, ParamDict conf, PartitionSpec partitionSpec, Schema keySchema, Schema outputSchema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(conf);
        ArgumentNullException.ThrowIfNull(partitionSpec);
        ArgumentNullException.ThrowIfNull(keySchema);
        ArgumentNullException.ThrowIfNull(outputSchema);
        Name = name;
        Conf = conf;
        PartitionSpec = partitionSpec;
        KeySchema = keySchema;
        OutputSchema = outputSchema;
    }

    /// <summary>The context of the transformer running on this flow, or null outside a transformer call.</summary>
    public static TransformerContext? Current => s_current.Value;

    /// <summary>The transformer's registry name.</summary>
    public string Name { get; }

    /// <summary>The engine conf (Fugue's defaults overlaid with the engine's), also on workers.</summary>
    public ParamDict Conf { get; }

    /// <summary>The partition spec the transformer runs with.</summary>
    public PartitionSpec PartitionSpec { get; }

    /// <summary>The schema of the partition keys (zip keys for co-transformers).</summary>
    public Schema KeySchema { get; }

    /// <summary>The output schema of the call.</summary>
    public Schema OutputSchema { get; }

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed (scopes nest).</summary>
    public static Scope Enter(TransformerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var previous = s_current.Value;
        s_current.Value = context;
        return new Scope(previous);
    }

    /// <summary>Restores the previous context when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TransformerContext? _previous;

        internal Scope(TransformerContext? previous) => _previous = previous;

        /// <summary>Restores the context that was current before <see cref="Enter"/>.</summary>
        public void Dispose() => s_current.Value = _previous;
    }
}
