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

    internal ZippedDataFrame(DataFrames inputs, IReadOnlyList<string> keys, JoinType how, IReadOnlyList<PresortKey> presort, Schema keySchema)
        : base(keySchema)
    {
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
            return _plan ??= ZipPlan.Build(this, cancellationToken);
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
/// The co-partitioning of a zip: each frame sorted by keys then its presort, and per group the (start, length) of its
/// rows in each frame (length 0 = missing), only for the groups the join type keeps, in key order (nulls last).
/// </summary>
internal sealed class ZipPlan
{
    private ZipPlan(RecordBatch[] sorted, int[] start, int[] length, int groupCount, RecordBatch keyRows)
    {
        Sorted = sorted;
        Start = start;
        Length = length;
        GroupCount = groupCount;
        KeyRows = keyRows;
    }

    public RecordBatch[] Sorted { get; }

    /// <summary>Indexed by <c>group * frames + frame</c>.</summary>
    public int[] Start { get; }

    /// <summary>Indexed by <c>group * frames + frame</c>.</summary>
    public int[] Length { get; }

    public int GroupCount { get; }

    /// <summary>One row of key values per group.</summary>
    public RecordBatch KeyRows { get; }

    public static ZipPlan Build(ZippedDataFrame zipped, CancellationToken cancellationToken)
    {
        var frames = zipped.Inputs;
        var keys = zipped.Keys;
        var n = frames.Count;
        var sorted = new RecordBatch[n];
        for (var f = 0; f < n; f++)
        {
            var batch = NativeFrames.Materialize(frames[f], cancellationToken);
            var schema = batch.Schema;
            var sortKeys = keys.Select(k => new SortKey(schema.IndexOf(k), true, false))
                .Concat(zipped.Presort.Where(p => schema.Contains(p.Name)).Select(p => new SortKey(schema.IndexOf(p.Name), p.Ascending, false)))
                .ToArray();
            sorted[f] = sortKeys.Length == 0 ? batch : ColumnKernels.Take(batch, RowSorter.Sort(batch, sortKeys, cancellationToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var keySchema = zipped.Schema;

        // All frames' key columns one after another (frame-major), sorted stably by key: each group's rows then come
        // frame by frame, and each frame's rows of a group are contiguous in its sorted batch.
        var keyBatches = sorted.Select(b => b.SelectColumns(keys)).Select(b => new RecordBatch(keySchema, b.Columns, b.Length)).ToList();
        var all = ColumnKernels.Concat(keySchema, keyBatches);
        var frameOf = new int[all.Length];
        var localRow = new int[all.Length];
        for (int f = 0, r = 0; f < n; f++)
        {
            for (var i = 0; i < sorted[f].Length; i++, r++)
            {
                frameOf[r] = f;
                localRow[r] = i;
            }
        }

        var perm = RowSorter.Sort(all, Enumerable.Range(0, keys.Count).Select(k => new SortKey(k, true, false)).ToArray(), cancellationToken);
        var allKeys = new RowKeys(all, Enumerable.Range(0, keys.Count).ToArray());
        var starts = new List<int>();
        var lengths = new List<int>();
        var keyRows = new List<int>();
        var groupStart = new int[n];
        var groupLength = new int[n];
        var p = 0;
        while (p < perm.Length)
        {
            Array.Clear(groupLength);
            var q = p;
            while (q < perm.Length && (q == p || allKeys.Equal(perm[q], allKeys, perm[p])))
            {
                var f = frameOf[perm[q]];
                if (groupLength[f]++ == 0)
                {
                    groupStart[f] = localRow[perm[q]];
                }

                q++;
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
                keyRows.Add(perm[p]);
            }

            p = q;
        }

        return new ZipPlan(sorted, starts.ToArray(), lengths.ToArray(), keyRows.Count, ColumnKernels.Take(all, keyRows.ToArray()));
    }
}
