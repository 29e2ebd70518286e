using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>Base of generated [Creator] adapters.</summary>
public abstract class CreatorAdapter : TransformerAdapterBase, ICreator
{
    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="outputSchema">The declared output schema, or null when the method returns a frame.</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    protected CreatorAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, string? outputSchema, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames, "Creator") =>
        OutputSchema = outputSchema is null ? null : Schema.Parse(outputSchema);

    /// <inheritdoc />
    public Schema? OutputSchema { get; }

    /// <inheritdoc />
    public DataFrame Create(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CreateCore(context, OutputSchema ?? Schema.Empty);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract DataFrame CreateCore(ExtensionContext context, Schema output);
}
