using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Transformers;

/// <summary>The contract engines call for an output co-transformer: zipped frames in, side effects only.</summary>
public interface IOutputCoTransformer
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>Called once per physical partition before any <see cref="Process"/> call.</summary>
    void OnInit(PartitionCursor? cursor, DataFrames dfs);

    /// <summary>Processes the frames of one key group.</summary>
    void Process(PartitionCursor cursor, DataFrames dfs);
}
