using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Execution;

// LoadDf / SaveDf (spec section 6). The defaults run in this process on top of Fugue.IO.Files, so every engine can
// load and save; an engine overrides them to read or write in its own way (Native writes part files in parallel).
public abstract partial class ExecutionEngine
{
    /// <summary>
    /// Loads files as a frame of this engine: one file, a folder of part files (names starting with <c>_</c> or
    /// <c>.</c> ignored; Hive <c>key=value</c> folders add the key columns), a list of paths or <c>*</c>/<c>?</c> globs.
    /// The format is <paramref name="formatHint"/> (parquet, csv, json, arrow) or the suffix (<c>.parquet</c>,
    /// <c>.csv</c>, <c>.csv.gz</c>, <c>.json</c>, <c>.json.gz</c>, <c>.arrow</c>, <c>.feather</c>).
    /// </summary>
    /// <param name="paths">Files, folders or globs.</param>
    /// <param name="formatHint">Overrides the suffix.</param>
    /// <param name="columns">Selects these columns in this order (types from the files); null for all.</param>
    /// <param name="options">Codec options, e.g. CSV <c>header</c>, <c>infer_schema</c>, <c>delimiter</c>, <c>quote</c>, <c>escape</c>, <c>null_value</c>.</param>
    /// <param name="cancellationToken">Stops reading at the next batch.</param>
    /// <exception cref="NotSupportedException">The format is not supported.</exception>
    /// <exception cref="ArgumentException">Conflicting options (CSV without header needs <paramref name="columns"/>).</exception>
    /// <exception cref="FileNotFoundException">A path does not exist or holds no data files.</exception>
    public virtual DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        ToDf(FileLoader.Load(paths, formatHint, columns, options, cancellationToken));

    /// <summary>Loads files selecting and casting to <paramref name="columnsSchema"/> (see the list overload).</summary>
    /// <exception cref="ArgumentException">CSV <c>infer_schema</c> with a schema, and other conflicting options.</exception>
    public virtual DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint,
        Schema columnsSchema,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        ToDf(FileLoader.Load(paths, formatHint, columnsSchema, options, cancellationToken));

    /// <summary>Loads one path (file, folder or glob).</summary>
    public DataFrame LoadDf(
        string path,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        LoadDf([path], formatHint, columns, options, cancellationToken);

    /// <summary>Loads one path selecting and casting to a schema expression such as <c>a:double,c:str</c>.</summary>
    public DataFrame LoadDf(
        string path,
        string? formatHint,
        string columnsSchema,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        LoadDf([path], formatHint, Schema.Parse(columnsSchema), options, cancellationToken);

    /// <summary>
    /// Saves <paramref name="df"/> to <paramref name="path"/>, crash-safely (a failed or cancelled save leaves the
    /// previous data as it was and nothing half-written under <paramref name="path"/>). One file by default; a folder
    /// of part files when <paramref name="partitionSpec"/> has more than one partition; Hive folders
    /// <c>path/key=value/</c> when it has keys; <paramref name="forceSingle"/> always writes one file (replacing a
    /// folder with a file, or a file with a folder in the other direction, as needed).
    /// </summary>
    /// <param name="df">The frame to save.</param>
    /// <param name="path">The target file or folder (parent folders are created).</param>
    /// <param name="formatHint">Overrides the suffix.</param>
    /// <param name="mode">Overwrite (default), append (new part files in a folder; an existing single file is an error) or error (if the path exists).</param>
    /// <param name="partitionSpec">Part files (<c>num</c>) and Hive keys (<c>by</c>).</param>
    /// <param name="forceSingle">Write exactly one file.</param>
    /// <param name="options">Codec options, e.g. CSV <c>header</c>; Parquet <c>compression</c>.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <exception cref="IOException">Mode error and the path exists; append to a single file.</exception>
    public virtual void SaveDf(
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
        var local = df.IsLocal ? df : df.AsLocal();
        SaveLocal(local, path, formatHint, mode, partitionSpec, forceSingle, options, 1, cancellationToken);
    }

    /// <summary>Saves a local frame through <see cref="FileSaver"/>, writing up to <paramref name="maxParallelism"/> part files at a time.</summary>
    protected void SaveLocal(
        DataFrame df,
        string path,
        string? formatHint,
        SaveMode mode,
        PartitionSpec? partitionSpec,
        bool forceSingle,
        IReadOnlyDictionary<string, object?>? options,
        int maxParallelism,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(df);
        var spec = partitionSpec ?? PartitionSpec.Empty;
        var parts = forceSingle || spec.NumPartitionsExpression.Text is "" or "0"
            ? 1
            : Math.Max(1, spec.GetNumPartitions(df.Count, () => GetCurrentParallelism()));
        FileSaver.Save(df, path, formatHint, ToFileSaveMode(mode), spec.PartitionBy, parts, forceSingle, options, maxParallelism, cancellationToken);
    }

    private static FileSaveMode ToFileSaveMode(SaveMode mode) => mode switch
    {
        SaveMode.Overwrite => FileSaveMode.Overwrite,
        SaveMode.Append => FileSaveMode.Append,
        SaveMode.Error => FileSaveMode.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown save mode"),
    };
}
