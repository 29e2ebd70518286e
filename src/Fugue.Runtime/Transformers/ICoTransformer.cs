using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>The contract engines call for a co-transformer: the frames of one zipped key group in, one frame out.</summary>
public interface ICoTransformer
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The output schema (co-transformer schemas never depend on the inputs).</summary>
    Schema GetOutputSchema(DataFrames inputs);

    /// <summary>Called once per physical partition before any <see cref="Transform"/> call.</summary>
    void OnInit(PartitionCursor? cursor, DataFrames dfs);

    /// <summary>Transforms the frames of one key group (named by zip key, or positional).</summary>
    LocalDataFrame Transform(PartitionCursor cursor, DataFrames dfs);
}
