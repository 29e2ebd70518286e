using System.Diagnostics;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Api;

// fa.load and fa.save over ExecutionEngine.LoadDf / SaveDf (spec section 6).
public static partial class FugueApi
{
    /// <summary>
    /// Loads files as a frame of the engine (Fugue's <c>fa.load</c>): one file, a folder of part files, or a glob; the
    /// format is <paramref name="formatHint"/> or the suffix (parquet, csv, json, arrow).
    /// </summary>
    /// <param name="path">A file, folder or glob.</param>
    /// <param name="formatHint">Overrides the suffix.</param>
    /// <param name="columns">Selects these columns in this order; null for all.</param>
    /// <param name="options">Codec options, e.g. CSV <c>header</c>.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="asLocal">Return a local frame.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <example>
    /// <code>
    /// var sales = FugueApi.Load("sales.parquet", columns: ["key", "ts", "amount"]);
    /// </code>
    /// </example>
    public static DataFrame Load(
        string path,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Load([path], formatHint, columns, options, engine, engineConf, asLocal, cancellationToken);
    }

    /// <summary>Loads several paths as one frame; see the single path overload.</summary>
    public static DataFrame Load(
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return RunFrame("load", engine, engineConf, asLocal, [], e =>
        {
            EngineLog.Loading(e.Logger, string.Join(", ", paths), formatHint ?? "(by suffix)");
            return e.LoadDf(paths, formatHint, columns, options, cancellationToken);
        });
    }

    /// <summary>Loads a path selecting and casting to a schema (e.g. <c>a:double,c:str</c>).</summary>
    public static DataFrame Load(
        string path,
        string? formatHint,
        Schema columns,
        IReadOnlyDictionary<string, object?>? options = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        return RunFrame("load", engine, engineConf, asLocal, [], e =>
        {
            EngineLog.Loading(e.Logger, path, formatHint ?? "(by suffix)");
            return e.LoadDf([path], formatHint, columns, options, cancellationToken);
        });
    }

    /// <summary>
    /// Saves data to <paramref name="path"/> crash-safely (Fugue's <c>fa.save</c>): one file by default, part files with
    /// <paramref name="partition"/>'s num, Hive folders with its keys.
    /// </summary>
    /// <param name="df">The data.</param>
    /// <param name="path">The target file or folder.</param>
    /// <param name="formatHint">Overrides the suffix.</param>
    /// <param name="mode">Overwrite (default), append or error.</param>
    /// <param name="partition">Part files (<c>num</c>) and Hive keys (<c>by</c>).</param>
    /// <param name="forceSingle">Write exactly one file.</param>
    /// <param name="options">Codec options.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save leaves nothing half-written.</param>
    public static void Save(
        AnyDataFrame df,
        string path,
        string? formatHint = null,
        SaveMode mode = SaveMode.Overwrite,
        PartitionSpec? partition = null,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Run("save", engine, engineConf, [df], e =>
        {
            SaveOn(e, df.On(e), path, formatHint, mode, partition, forceSingle, options, cancellationToken);
            return 0;
        });
    }

    /// <summary>Saves with timing and logging; shared with <see cref="EngineFrame.Save"/>.</summary>
    internal static void SaveOn(
        ExecutionEngine engine,
        DataFrame df,
        string path,
        string? formatHint,
        SaveMode mode,
        PartitionSpec? partition,
        bool forceSingle,
        IReadOnlyDictionary<string, object?>? options,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        engine.SaveDf(df, path, formatHint, mode, partition, forceSingle, options, cancellationToken);
        EngineLog.Saved(engine.Logger, path, formatHint ?? "(by suffix)", mode.ToString(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
