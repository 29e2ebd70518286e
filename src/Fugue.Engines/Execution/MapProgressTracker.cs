using System.Diagnostics;
using Fugue.Frames;
using Microsoft.Extensions.Logging;

namespace Fugue.Execution;

/// <summary>
/// Counts the partitions and rows of an in-process map run by wrapping its map and init functions: the init call (made
/// once per run, with the whole input, by in-process map engines) starts a run and gives the row total; each map call
/// adds a partition. Reports go to <see cref="ExecutionEngine.Progress"/> and the engine's logger. A lazy result read
/// again starts a new run (the init call resets the counts).
/// </summary>
internal sealed class MapProgressTracker(
    string operation,
    IProgress<FugueProgress>? progress,
    ILogger logger,
    Func<long, long?> partitionsTotal)
{
    private readonly Lock _gate = new();
    private long _partitions;
    private long _rows;
    private long? _rowsTotal;
    private long? _partitionsTotal;
    private long _started = Stopwatch.GetTimestamp();
    private bool _completed;

    public MapFunc Wrap(MapFunc mapFunc) => (cursor, partition) =>
    {
        LocalDataFrame result;
        try
        {
            result = mapFunc(cursor, partition);
        }
        catch (OperationCanceledException)
        {
            EngineLog.MapCancelled(logger, operation, Volatile.Read(ref _partitions));
            throw;
        }
        catch (Exception e)
        {
            EngineLog.PartitionFailed(logger, operation, e.GetType().FullName ?? e.GetType().Name);
            throw;
        }

        Done(partition.IsBounded ? partition.Count() : 0);
        return result;
    };

    public MapInitFunc Wrap(MapInitFunc? onInit) => (no, partition) =>
    {
        var rows = partition.Count();
        lock (_gate)
        {
            _partitions = 0;
            _rows = 0;
            _rowsTotal = rows;
            _partitionsTotal = partitionsTotal(rows);
            _started = Stopwatch.GetTimestamp();
            _completed = rows == 0;
            EngineLog.MapStarted(logger, operation, rows);
            progress?.Report(new FugueProgress(operation, 0, _partitionsTotal, 0, rows));
        }

        if (rows == 0)
        {
            EngineLog.MapCompleted(logger, operation, 0, 0, 0);
        }

        onInit?.Invoke(no, partition);
    };

    /// <summary>Counts a comap's groups (rows = the rows of all its frames); the totals stay unknown.</summary>
    public CoMapFunc Wrap(CoMapFunc mapFunc) => (cursor, partitions) =>
    {
        LocalDataFrame result;
        try
        {
            result = mapFunc(cursor, partitions);
        }
        catch (OperationCanceledException)
        {
            EngineLog.MapCancelled(logger, operation, Volatile.Read(ref _partitions));
            throw;
        }
        catch (Exception e)
        {
            EngineLog.PartitionFailed(logger, operation, e.GetType().FullName ?? e.GetType().Name);
            throw;
        }

        var rows = 0L;
        foreach (var df in partitions.Values)
        {
            rows += df.IsBounded ? df.Count() : 0;
        }

        Done(rows);
        return result;
    };

    /// <summary>Starts a comap run (the init call comes once per run, before the first group).</summary>
    public CoMapInitFunc Wrap(CoMapInitFunc? onInit) => (no, partitions) =>
    {
        lock (_gate)
        {
            _partitions = 0;
            _rows = 0;
            _rowsTotal = null;
            _partitionsTotal = null;
            _started = Stopwatch.GetTimestamp();
            _completed = false;
            progress?.Report(new FugueProgress(operation, 0, null, 0, null));
        }

        onInit?.Invoke(no, partitions);
    };

    private void Done(long rows)
    {
        FugueProgress report;
        bool completed;
        lock (_gate)
        {
            _partitions++;
            _rows += rows;
            var total = _partitionsTotal;
            if (_rowsTotal is { } all && _rows >= all && total is null)
            {
                total = _partitions; // every row is done: the partition count is now known
            }

            report = new FugueProgress(operation, _partitions, total, _rows, _rowsTotal);

            // Reported under the lock so a synchronous IProgress sees counts that only grow.
            progress?.Report(report);
            completed = report.IsCompleted && !_completed;
            _completed |= completed;
        }

        EngineLog.PartitionDone(logger, operation, report.PartitionsDone, rows);
        if (completed)
        {
            EngineLog.MapCompleted(
                logger,
                operation,
                report.PartitionsDone,
                report.RowsDone,
                (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds);
        }
    }
}
