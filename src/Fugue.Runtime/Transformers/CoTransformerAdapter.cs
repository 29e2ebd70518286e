using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>Base of generated [CoTransformer] adapters.</summary>
public abstract class CoTransformerAdapter : TransformerAdapterBase, ICoTransformer
{
    private readonly Schema _output;

    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="hint">The attribute's schema, or null.</param>
    /// <param name="outputSchema">The output schema (always known at compile time for co-transformers).</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    protected CoTransformerAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, string? hint, string? outputSchema, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames)
    {
        _output = Schema.Parse(outputSchema ?? hint ?? throw new ArgumentNullException(nameof(outputSchema)));
    }

    /// <inheritdoc />
    public Schema GetOutputSchema(DataFrames inputs) => _output;

    /// <inheritdoc />
    public virtual void OnInit(PartitionCursor? cursor, DataFrames dfs)
    {
    }

    /// <inheritdoc />
    public LocalDataFrame Transform(PartitionCursor cursor, DataFrames dfs)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        return TransformCore(cursor, dfs, _output);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract LocalDataFrame TransformCore(PartitionCursor cursor, DataFrames dfs, Schema output);
}
