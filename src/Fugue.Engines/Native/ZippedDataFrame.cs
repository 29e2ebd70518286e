using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native.Kernels;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Native;

/// <summary>
/// The result of <see cref="NativeExecutionEngine.Zip"/>: several frames co-partitioned on the same keys, ready for
/// <see cref="NativeExecutionEngine.Comap"/>. Instead of Fugue's serialized blobs it holds the input frames, the keys,
/// the per-frame presort and the join type. As a frame it shows one row per zipped group (the key values; one empty
/// row for a zip without keys), and its metadata has Fugue's <c>serialized</c>, <c>serialized_has_name</c> and
/// <c>serialized_join_how</c> entries. The inputs are read once, the first time the groups are needed, and kept.
/// Column operations return plain frames of the key rows.
/// </summary>
public sealed class ZippedDataFrame : LocalBoundedDataFrame
{
    private readonly Lock _lock = new();
    private ZipPlan? _plan;
    private ColumnarDataFrame? _keyFrame;

    internal ZippedDataFrame(DataFrames inputs, IReadOnlyList<string> keys, JoinType how, IReadOnlyList<PresortKey> presort, Schema keySchema, int parallelism)
        : base(keySchema)
    {
        Parallelism = parallelism;
        Inputs = inputs;
        Keys = keys;
        How = how;
        Presort = presort;
        Metadata = new Dictionary<string, object?>
        {
            ["serialized"] = true,
            ["serialized_has_name"] = inputs.HasKey,
            ["serialized_join_how"] = how.ToName(),
        };
    }

    /// <summary>The zipped frames, named or positional as they were given.</summary>
    public DataFrames Inputs { get; }

    /// <summary>The zip keys (empty for cross zips and single frames without keys).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>How groups missing from some frames are treated (inner, outer joins, cross).</summary>
    public JoinType How { get; }

    /// <summary>The presort applied inside each frame's group (each frame uses the keys it has).</summary>
    public IReadOnlyList<PresortKey> Presort { get; }

    /// <summary>The threads the grouping may use (the engine's parallelism when zipped).</summary>
    internal int Parallelism { get; }

    /// <summary>The key rows' batches (the same object on each call).</summary>
    public override object Native => KeyFrame.Native;

    /// <inheritdoc />
    public override long Count() => GetPlan(default).GroupCount;

    private ColumnarDataFrame KeyFrame
    {
        get
        {
            var plan = GetPlan(default);
            lock (_lock)
            {
                return _keyFrame ??= new ColumnarDataFrame(plan.KeyRows);
            }
        }
    }

    /// <summary>The groups, computed once (a cancelled or failed computation is not kept).</summary>
    internal ZipPlan GetPlan(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _plan ??= ZipPlan.Build(this, Parallelism, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) =>
        KeyFrame.AsArrayIterable(indices?.Select(i => Schema[i].Name).ToArray());

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) => KeyFrame.SelectColumns(schema.Names.ToArray());

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) =>
        KeyFrame.Rename(Schema.Names.Zip(schema.Names).Where(p => p.First != p.Second).ToDictionary(p => p.First, p => p.Second));

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema) => KeyFrame.AlterColumns(schema);
}

/// <summary>
/// The co-partitioning of a zip: each frame's rows grouped by key (one counting or hash pass per frame, no full sort)
/// and sorted inside each group by its presort, as a permutation of the frame's batch; per group the (start, length) of
/// its rows in each frame's permutation (length 0 = missing), only for the groups the join type keeps, in key order
/// (nulls last). The frames' columns are never reordered: a group's rows are gathered only when read.
/// </summary>
internal sealed class ZipPlan
{
    private ZipPlan(BatchList[] frames, int[][] perm, int[] start, int[] length, int groupCount, RecordBatch keyRows)
    {
        Frames = frames;
        Perm = perm;
        Start = start;
        Length = length;
        GroupCount = groupCount;
        KeyRows = keyRows;
    }

    /// <summary>Each frame's rows, in input order (its batches, not concatenated).</summary>
    public BatchList[] Frames { get; }

    /// <summary>Each frame's row numbers, group by group, each group in presort order.</summary>
    public int[][] Perm { get; }

    /// <summary>Indexed by <c>group * frames + frame</c>: the group's first position in <see cref="Perm"/>.</summary>
    public int[] Start { get; }

    /// <summary>Indexed by <c>group * frames + frame</c>.</summary>
    public int[] Length { get; }

    public int GroupCount { get; }

    /// <summary>One row of key values per group.</summary>
    public RecordBatch KeyRows { get; }

    /// <summary>The rows of frame <paramref name="frame"/> in group <paramref name="group"/> (which it must have).</summary>
    public GroupDataFrame Frame(int group, int frame)
    {
        var i = (group * Frames.Length) + frame;
        return new GroupDataFrame(Frames[frame], Perm[frame], Start[i], Length[i]);
    }

    /// <summary>The first row of frame <paramref name="frame"/> in group <paramref name="group"/> (which it must have).</summary>
    public object?[] FirstRow(int group, int frame) => Frames[frame].Row(Perm[frame][Start[(group * Frames.Length) + frame]]);

    public static ZipPlan Build(ZippedDataFrame zipped, int parallelism, CancellationToken cancellationToken)
    {
        var inputs = zipped.Inputs;
        var keys = zipped.Keys;
        var n = inputs.Count;
        var frames = new BatchList[n];

        // Only the key and presort columns are concatenated (to group and sort); the other columns stay in their batches.
        var aux = new RecordBatch[n];
        var auxKeys = new int[n][];
        var presorts = new SortKey[n][];
        for (var f = 0; f < n; f++)
        {
            var schema = inputs[f].Schema;
            frames[f] = new BatchList(schema, ReadBatches(inputs[f], cancellationToken));
            var presort = zipped.Presort.Where(p => schema.Contains(p.Name) && !keys.Contains(p.Name)).ToArray();
            var columns = keys.Select(schema.IndexOf).Concat(presort.Select(p => schema.IndexOf(p.Name))).ToArray();
            var auxSchema = new Schema(columns.Select((c, i) => new Field("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), schema[c].Type)));
            aux[f] = frames[f].Columns(columns, auxSchema);
            auxKeys[f] = Enumerable.Range(0, keys.Count).ToArray();
            presorts[f] = presort.Select((p, i) => new SortKey(keys.Count + i, p.Ascending, false)).ToArray();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var grouped = KeyGroups.Group(aux, auxKeys, cancellationToken);
        for (var f = 0; f < n; f++)
        {
            SegmentSorter.Sort(aux[f], grouped.Perm[f], grouped.Starts[f], presorts[f], parallelism, cancellationToken);
        }

        var starts = new List<int>();
        var lengths = new List<int>();
        var keyBuilders = keys.Select((k, i) => ColumnBuilder.Create(zipped.Schema[i].Type, 16)).ToArray();
        var groupStart = new int[n];
        var groupLength = new int[n];
        var kept = 0;
        for (var g = 0; g < grouped.GroupCount; g++)
        {
            for (var f = 0; f < n; f++)
            {
                groupStart[f] = grouped.Starts[f][g];
                groupLength[f] = grouped.Starts[f][g + 1] - groupStart[f];
            }

            var keep = zipped.How switch
            {
                JoinType.Inner => groupLength.All(l => l > 0),
                JoinType.LeftOuter => groupLength[0] > 0,
                JoinType.RightOuter => groupLength[n - 1] > 0,
                _ => true,
            };
            if (keep)
            {
                starts.AddRange(groupStart);
                lengths.AddRange(groupLength);
                var rf = grouped.RepFrame[g];
                for (var k = 0; k < keyBuilders.Length; k++)
                {
                    keyBuilders[k].AppendFrom(aux[rf].Column(k), grouped.RepRow[g]);
                }

                kept++;
            }
        }

        var keyRows = new RecordBatch(zipped.Schema, keyBuilders.Select(b => b.Build()).ToArray(), kept);
        return new ZipPlan(frames, grouped.Perm, starts.ToArray(), lengths.ToArray(), kept, keyRows);
    }

    private static IEnumerable<RecordBatch> ReadBatches(DataFrame df, CancellationToken cancellationToken)
    {
        foreach (var b in df.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return b;
        }
    }
}
