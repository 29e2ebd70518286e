using System.Collections.Immutable;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// A frame of <see cref="DaskExecutionEngine"/>: partitions that live on (or will be computed by) the Dask cluster, with
/// their lineage as a task graph. Lazy: reading it (rows, batches, count) submits the graph and gathers the partitions,
/// again at every read unless the frame was persisted.
/// </summary>
public sealed class DaskDataFrame : DataFrame, Fugue.Execution.IEngineFrame
{
    internal DaskDataFrame(DaskExecutionEngine engine, Schema schema, IReadOnlyList<DaskPart> parts, ImmutableDictionary<string, DaskTask> tasks)
        : base(schema)
    {
        Engine = engine;
        Parts = parts;
        Tasks = tasks;
    }

    /// <summary>The engine that owns the frame.</summary>
    public DaskExecutionEngine Engine { get; }

    /// <inheritdoc />
    Fugue.Execution.ExecutionEngine Fugue.Execution.IEngineFrame.ExecutionEngine => Engine;

    /// <summary>The number of partitions.</summary>
    public int PartitionCount => Parts.Count;

    internal IReadOnlyList<DaskPart> Parts { get; }

    internal ImmutableDictionary<string, DaskTask> Tasks { get; }

    /// <summary>
    /// An upper estimate of the frame's size in bytes (Arrow IPC) when it is cheap to know: driver data, persisted frames
    /// (the cluster's sizes), Parquet loads (the row groups' uncompressed sizes), and selections of those; null otherwise.
    /// Joins broadcast a frame up to <see cref="DaskExecutionEngine.BroadcastJoinThresholdKey"/> instead of shuffling.
    /// </summary>
    internal long? EstimatedBytes { get; init; }

    /// <summary>Zip information when this frame is the result of <see cref="DaskExecutionEngine.Zip"/>.</summary>
    internal DaskZip? Zip { get; init; }

    /// <summary>False: the data is on the cluster.</summary>
    public override bool IsLocal => false;

    /// <summary>True.</summary>
    public override bool IsBounded => true;

    /// <summary>Computes the frame and tells whether it has no rows.</summary>
    public override bool IsEmpty => Count() == 0;

    /// <summary>The partitions' descriptions (the frame's storage is remote).</summary>
    public override object Native => Parts;

    /// <summary>Computes the frame and counts its rows.</summary>
    public override long Count() => Collect().Count();

    /// <summary>Computes the frame and brings it into this process; metadata is kept.</summary>
    public override LocalBoundedDataFrame AsLocalBounded() => Inherit(Collect());

    /// <summary>Computes the frame and returns its batches.</summary>
    public override IEnumerable<RecordBatch> AsBatches() => Collect().AsBatches();

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices)
    {
        var local = Collect();
        return indices is null ? local.AsArray() : local.AsArray(indices.Select(i => Schema[i].Name).ToList());
    }

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) => Engine.Project(this, schema);

    /// <summary>Renames on the cluster: a narrow stage fused into the partitions' tasks.</summary>
    protected override DataFrame RenameCore(Schema schema) => Engine.RenameColumns(this, schema);

    /// <summary>Casts on the cluster: a narrow stage fused into the partitions' tasks.</summary>
    protected override DataFrame AlterCore(Schema schema) => Engine.AlterColumns(this, schema);

    private ColumnarDataFrame Collect() => Engine.Collect(this);
}
