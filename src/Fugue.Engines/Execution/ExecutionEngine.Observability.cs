using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fugue.Execution;

// Progress and logging. Map runs are instrumented by wrapping the map and init functions with counters, which only
// works where those functions run in this process (an engine that ships them to workers must not get closures it did
// not write), so engines opt in with RunsMapInProcess. Nothing is wrapped unless someone listens.
public abstract partial class ExecutionEngine
{
    private ILogger _logger = NullLogger.Instance;

    /// <summary>
    /// Receives progress of long operations (map runs, transforms) while they run: partitions and input rows done,
    /// with totals where the engine knows them. Reports of one run only grow; null (the default) reports nothing.
    /// </summary>
    /// <example>
    /// <code>
    /// engine.Progress = new Progress&lt;FugueProgress&gt;(p =&gt; Console.WriteLine($"{p.Operation}: {p.RowsDone}/{p.RowsTotal}"));
    /// </code>
    /// </example>
    public IProgress<FugueProgress>? Progress { get; set; }

    /// <summary>
    /// Where the engine logs (operations, counts, timings, schemas, paths; never row values or exception messages).
    /// Defaults to <see cref="NullLogger.Instance"/>; setting null restores it.
    /// </summary>
    public ILogger Logger
    {
        get => Volatile.Read(ref _logger);
        set => Volatile.Write(ref _logger, value ?? NullLogger.Instance);
    }

    /// <summary>
    /// True when map functions run in this process, so <see cref="Progress"/> and <see cref="Logger"/> can observe
    /// each partition by wrapping them. False by default: an engine that ships its map functions elsewhere must
    /// receive them unwrapped.
    /// </summary>
    protected virtual bool RunsMapInProcess => false;

    /// <summary>The number of logical partitions a map run over <paramref name="rows"/> rows makes, when known before it runs (null otherwise).</summary>
    protected virtual long? GetMapPartitionCount(PartitionSpec partitionSpec, long rows) => null;

    /// <summary>Runs <see cref="Execution.MapEngine.MapDataFrame"/>, reporting progress and logging as <paramref name="operation"/>.</summary>
    private protected DataFrame MapObserved(
        string operation,
        DataFrame df,
        MapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec partitionSpec,
        MapInitFunc? onInit,
        CancellationToken cancellationToken)
    {
        var logger = Logger;
        var progress = Progress;
        if (RunsMapInProcess && (progress is not null || logger.IsEnabled(LogLevel.Information)))
        {
            EngineLog.MapPlanned(logger, operation, GetType().Name, partitionSpec.ToString(), outputSchema.ToString());
            var tracker = new MapProgressTracker(operation, progress, logger, rows => GetMapPartitionCount(partitionSpec, rows));
            mapFunc = tracker.Wrap(mapFunc);
            onInit = tracker.Wrap(onInit);
        }

        return MapEngine.MapDataFrame(df, mapFunc, outputSchema, partitionSpec, onInit, cancellationToken);
    }

    /// <summary>Runs <see cref="Comap"/>, reporting groups done (totals unknown) and logging as <paramref name="operation"/>.</summary>
    private protected DataFrame ComapObserved(
        string operation,
        DataFrame df,
        CoMapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec partitionSpec,
        CoMapInitFunc? onInit,
        CancellationToken cancellationToken)
    {
        var logger = Logger;
        var progress = Progress;
        if (RunsMapInProcess && (progress is not null || logger.IsEnabled(LogLevel.Information)))
        {
            EngineLog.MapPlanned(logger, operation, GetType().Name, partitionSpec.ToString(), outputSchema.ToString());
            var tracker = new MapProgressTracker(operation, progress, logger, _ => null);
            mapFunc = tracker.Wrap(mapFunc);
            onInit = tracker.Wrap(onInit);
        }

        return Comap(df, mapFunc, outputSchema, partitionSpec, onInit, cancellationToken);
    }
}
