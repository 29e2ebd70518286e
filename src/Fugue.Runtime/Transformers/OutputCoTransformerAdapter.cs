using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Transformers;

/// <summary>Base of generated [OutputCoTransformer] adapters.</summary>
public abstract class OutputCoTransformerAdapter : TransformerAdapterBase, IOutputCoTransformer
{
    /// <summary>Creates the adapter.</summary>
    protected OutputCoTransformerAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames)
    {
    }

    /// <inheritdoc />
    public virtual void OnInit(PartitionCursor? cursor, DataFrames dfs)
    {
    }

    /// <inheritdoc />
    public void Process(PartitionCursor cursor, DataFrames dfs)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        ProcessCore(cursor, dfs);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract void ProcessCore(PartitionCursor cursor, DataFrames dfs);
}
