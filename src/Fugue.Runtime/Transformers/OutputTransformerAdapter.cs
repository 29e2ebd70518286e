using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Transformers;

/// <summary>Base of generated [OutputTransformer] adapters.</summary>
public abstract class OutputTransformerAdapter : TransformerAdapterBase, IOutputTransformer
{
    /// <summary>Creates the adapter.</summary>
    protected OutputTransformerAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames)
    {
    }

    /// <inheritdoc />
    public virtual void OnInit(PartitionCursor? cursor, LocalDataFrame df)
    {
    }

    /// <inheritdoc />
    public void Process(PartitionCursor cursor, LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        ProcessCore(cursor, df);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract void ProcessCore(PartitionCursor cursor, LocalDataFrame df);
}
