using System.Text.Json.Nodes;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// The map facet of <see cref="DaskExecutionEngine"/>: the function is shipped (<see cref="DelegateShipping"/>) and run by
/// the executors with the native engine's per-partition semantics.
/// <list type="bullet">
/// <item>With partition keys: a hash shuffle by the keys (into the spec's num, or the default partitions), then per
/// bucket the native map (sort by keys and presort, one call per group), with the cursor's partition numbers the native
/// engine's (groups numbered from 1 in key order over the whole frame). Coarse: the same, one call per bucket.</item>
/// <item>Without keys and with num (e.g. per row): the partitions are coalesced and cut as the native engine does.</item>
/// <item>Otherwise one call per partition, fused with the partition's other narrow stages.</item>
/// </list>
/// <c>onInit</c> runs in the executor before each bucket's first call.
/// </summary>
public sealed class DaskMapEngine : MapEngine
{
    /// <summary>Creates the facet.</summary>
    public DaskMapEngine(DaskExecutionEngine engine) : base(engine)
    {
    }

    private DaskExecutionEngine Dask => (DaskExecutionEngine)ExecutionEngine;

    /// <inheritdoc />
    protected override bool IsSupported(ExecutionEngine engine) => engine is DaskExecutionEngine;

    /// <inheritdoc />
    public override DataFrame MapDataFrame(DataFrame df, MapFunc mapFunc, Schema outputSchema, PartitionSpec partitionSpec, MapInitFunc? onInit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapFunc);
        ArgumentNullException.ThrowIfNull(outputSchema);
        ArgumentNullException.ThrowIfNull(partitionSpec);
        var input = Dask.Dask(df);
        _ = partitionSpec.GetSorts(input.Schema, withPartitionKeys: partitionSpec.HasPartitionKeys); // bad keys fail at the call
        var stage = new JsonObject
        {
            ["op"] = "map",
            ["func"] = DelegateShipping.Serialize(mapFunc),
            ["init"] = onInit is null ? null : DelegateShipping.Serialize(onInit),
            ["output"] = outputSchema.ToString(),
        };
        return MapStage(input, stage, outputSchema, partitionSpec);
    }

    /// <summary>Partitions <paramref name="input"/> as the spec says and appends the map (or transform) stage.</summary>
    internal DataFrame MapStage(DaskDataFrame input, JsonObject stage, Schema outputSchema, PartitionSpec partitionSpec)
    {
        _ = partitionSpec.GetSorts(input.Schema, withPartitionKeys: partitionSpec.HasPartitionKeys);
        if (partitionSpec.HasPartitionKeys)
        {
            var coarse = partitionSpec.Algo == PartitionAlgo.Coarse;
            var num = Dask.EvaluateNum(partitionSpec);
            var shuffled = Dask.Shuffle(input, partitionSpec.PartitionBy, num > 0 ? num : DefaultBuckets(input));
            stage["spec"] = DaskJson.Spec(coarse ? partitionSpec.With(num: "0") : partitionSpec);
            return coarse ? Dask.Narrow(shuffled, stage, outputSchema) : Dask.NumberedGroups(shuffled, input.Schema, partitionSpec, stage, outputSchema);
        }

        stage["spec"] = DaskJson.Spec(partitionSpec);
        return Dask.Narrow(partitionSpec.NumPartitions != "0" ? Dask.Coalesce(input) : input, stage, outputSchema);
    }

    private int DefaultBuckets(DaskDataFrame input) =>
        Dask.Conf.Get(DaskExecutionEngine.DefaultPartitionsKey, 0) is var p and > 0 ? p : Math.Max(2, Dask.GetCurrentParallelism());
}
