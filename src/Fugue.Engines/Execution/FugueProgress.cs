namespace Fugue.Execution;

/// <summary>
/// A progress report of a long engine operation (a map, a transform, a save), sent through
/// <see cref="ExecutionEngine.Progress"/>. Counts only grow within one run of the operation; a lazy result read twice
/// runs (and reports) twice, each run starting from zero.
/// </summary>
/// <param name="Operation">What runs, e.g. <c>map</c> or <c>transform Namespace.Type.Method</c>; never user data.</param>
/// <param name="PartitionsDone">Logical partitions finished so far.</param>
/// <param name="PartitionsTotal">Logical partitions of the run when the engine knows them in advance (null for key groups until the run ends).</param>
/// <param name="RowsDone">Input rows of the finished partitions.</param>
/// <param name="RowsTotal">Input rows of the run when known.</param>
public sealed record FugueProgress(string Operation, long PartitionsDone, long? PartitionsTotal, long RowsDone, long? RowsTotal)
{
    /// <summary>True for the last report of a run (every input row is done).</summary>
    public bool IsCompleted => RowsTotal is { } total && RowsDone >= total && (PartitionsTotal is null || PartitionsDone >= PartitionsTotal);

    /// <summary>The fraction done in [0, 1] by rows (by partitions when rows are unknown), or null when no total is known.</summary>
    public double? Fraction => RowsTotal is { } rows
        ? (rows == 0 ? 1.0 : Math.Min(1.0, (double)RowsDone / rows))
        : PartitionsTotal is { } parts ? (parts == 0 ? 1.0 : Math.Min(1.0, (double)PartitionsDone / parts)) : null;
}
