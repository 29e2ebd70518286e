using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// One partition of a <see cref="DaskDataFrame"/> as a pending computation: input references (task keys, <c>key#i</c>
/// for output i of a multi-output task, or keys of data held on the cluster), grouped into input frames, and the narrow
/// stages still to run on them. Narrow operations append stages, so they fuse into one executor call per partition.
/// </summary>
internal sealed record DaskPart(ImmutableArray<string> Inputs, ImmutableArray<int> Groups, ImmutableArray<Schema> GroupSchemas, ImmutableList<JsonObject> Stages)
{
    /// <summary>
    /// The indices of the groups that are side inputs (a broadcast join's small frame, whole in every task): the stages
    /// do not see them as frames; a stage names the side group it reads.
    /// </summary>
    public ImmutableArray<int> Sides { get; init; } = [];

    public static DaskPart Of(string input, Schema schema) => new([input], [1], [schema], []);

    public DaskPart With(JsonObject stage) => this with { Stages = Stages.Add(stage) };
}

/// <summary>A task of the graph: run <see cref="Op"/> (groups, schemas, stages) on the <see cref="Inputs"/>.</summary>
internal sealed record DaskTask(string Key, JsonObject Op, ImmutableArray<string> Inputs);
