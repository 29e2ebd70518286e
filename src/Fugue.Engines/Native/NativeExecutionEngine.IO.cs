using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Native;

// LoadDf / SaveDf for the in-process engine: loads are lazy batch streams (ExecutionEngine's default, which already
// returns local frames) that decode each file on all cores; saves stream the frame's batches and write several part
// files in parallel.
public sealed partial class NativeExecutionEngine
{
    /// <summary>
    /// Loads as <see cref="ExecutionEngine.LoadDf(IReadOnlyList{string}, string?, IReadOnlyList{string}?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>
    /// describes; CSV and Parquet files are decoded on <see cref="ParallelismKey"/> threads unless the
    /// <c>parallelism</c> option says otherwise.
    /// </summary>
    public override DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        base.LoadDf(paths, formatHint, columns, WithReadParallelism(options), cancellationToken);

    /// <summary>Loads selecting and casting to <paramref name="columnsSchema"/>, decoding on all cores (see the list overload).</summary>
    public override DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint,
        Schema columnsSchema,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        base.LoadDf(paths, formatHint, columnsSchema, WithReadParallelism(options), cancellationToken);

    private Dictionary<string, object?> WithReadParallelism(IReadOnlyDictionary<string, object?>? options)
    {
        var merged = options is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(options);
        if (!merged.Keys.Any(k => k.Replace("_", "", StringComparison.Ordinal).Equals("parallelism", StringComparison.OrdinalIgnoreCase)))
        {
            merged["parallelism"] = _parallelism;
        }

        return merged;
    }

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
