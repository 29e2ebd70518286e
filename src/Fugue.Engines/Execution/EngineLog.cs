using Microsoft.Extensions.Logging;

namespace Fugue.Execution;

/// <summary>
/// The engines' log messages (source-generated, allocation-free when disabled). They carry operation names, counts,
/// schemas, partition specs, paths and exception types, never row values or exception messages (which may quote data).
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{Operation}: planned on {Engine}, partition '{Partition}', output {OutputSchema}")]
    public static partial void MapPlanned(ILogger logger, string operation, string engine, string partition, string outputSchema);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Operation}: started with {Rows} input rows")]
    public static partial void MapStarted(ILogger logger, string operation, long rows);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Trace, Message = "{Operation}: partition {PartitionsDone} done ({Rows} rows)")]
    public static partial void PartitionDone(ILogger logger, string operation, long partitionsDone, long rows);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "{Operation}: completed {Partitions} partitions, {Rows} rows in {ElapsedMs} ms")]
    public static partial void MapCompleted(ILogger logger, string operation, long partitions, long rows, long elapsedMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "{Operation}: cancelled after {Partitions} partitions")]
    public static partial void MapCancelled(ILogger logger, string operation, long partitions);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "{Operation}: a partition failed with {ExceptionType}")]
    public static partial void PartitionFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "{Operation} on {Engine}")]
    public static partial void Operation(ILogger logger, string operation, string engine);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "save: {Path} ({Format}, mode {Mode}) written in {ElapsedMs} ms")]
    public static partial void Saved(ILogger logger, string path, string format, string mode, long elapsedMs);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "load: {Paths} ({Format})")]
    public static partial void Loading(ILogger logger, string paths, string format);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "{Operation} failed with {ExceptionType}")]
    public static partial void OperationFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "engine '{Name}' created: {EngineType}")]
    public static partial void EngineCreated(ILogger logger, string name, string engineType);
}
