using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;

namespace Fugue.Native;

// LoadDf / SaveDf for the in-process engine: loads are lazy batch streams (ExecutionEngine's default, which already
// returns local frames); saves stream the frame's batches and write several part files in parallel.
public sealed partial class NativeExecutionEngine
{
    /// <summary>
    /// Saves as <see cref="ExecutionEngine.SaveDf"/> describes, streaming the frame batch by batch (a single-pass
    /// stream is read once, never cached), with part files written on up to <see cref="ParallelismKey"/> threads.
    /// </summary>
    public override void SaveDf(
        DataFrame df,
        string path,
        string? formatHint = null,
        SaveMode mode = SaveMode.Overwrite,
        PartitionSpec? partitionSpec = null,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        var local = df.IsLocal ? df : ToDf(df);
        SaveLocal(local, path, formatHint, mode, partitionSpec, forceSingle, options, _parallelism, cancellationToken);
    }
}
