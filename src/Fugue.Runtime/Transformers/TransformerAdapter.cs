using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>Base of generated [Transformer] adapters.</summary>
public abstract class TransformerAdapter : TransformerAdapterBase, ITransformer
{
    private readonly string? _hint;
    private readonly Schema? _output;

    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="hint">The attribute's schema hint, or null.</param>
    /// <param name="outputSchema">The output schema when known at compile time, or null (resolved from the hint).</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    protected TransformerAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, string? hint, string? outputSchema, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames)
    {
        _hint = hint;
        _output = outputSchema is null ? null : Schema.Parse(outputSchema);
    }

    /// <inheritdoc />
    public Schema GetOutputSchema(Schema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_output is not null)
        {
            return _output;
        }

        try
        {
            return input.Transform(_hint ?? "*");
        }
        catch (FugueSchemaException e)
        {
            throw new FugueTransformerException($"Transformer '{Name}': its schema hint \"{_hint}\" does not apply to the input schema {input}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public virtual void OnInit(PartitionCursor? cursor, LocalDataFrame df)
    {
    }

    /// <inheritdoc />
    public LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return TransformCore(cursor, df, GetOutputSchema(df.Schema));
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract LocalDataFrame TransformCore(PartitionCursor cursor, LocalDataFrame df, Schema output);
}
