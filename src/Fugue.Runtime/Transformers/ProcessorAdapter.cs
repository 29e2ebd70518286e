using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>Base of generated [Processor] adapters.</summary>
public abstract class ProcessorAdapter : TransformerAdapterBase, IProcessor
{
    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="outputSchema">The declared output schema, or null when the method returns a frame.</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    protected ProcessorAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, string? outputSchema, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames, "Processor") =>
        OutputSchema = outputSchema is null ? null : Schema.Parse(outputSchema);

    /// <inheritdoc />
    public Schema? OutputSchema { get; }

    /// <inheritdoc />
    public DataFrame Process(ExtensionContext context, DataFrames inputs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        return ProcessCore(context, inputs, OutputSchema ?? Schema.Empty);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract DataFrame ProcessCore(ExtensionContext context, DataFrames dfs, Schema output);
}
