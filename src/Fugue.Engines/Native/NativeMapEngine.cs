using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native.Kernels;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Native;

/// <summary>
/// The map facet of <see cref="NativeExecutionEngine"/>, with Fugue's <c>PandasMapEngine</c> semantics (spec 1.4) run
/// columnar and in parallel:
/// <list type="bullet">
/// <item>With partition keys: rows are sorted by the keys (ascending, nulls last, so null keys form the last group, as
/// pandas' <c>groupby(dropna=False)</c>) then by the presort (nulls last, pandas' default), and each group of equal keys is
/// one call; the cursor's <c>PartitionNo</c> counts groups from 1, as Fugue's does.</item>
/// <item>Without keys and with <c>num</c> (e.g. <see cref="PartitionSpec.PerRow"/>): the (presorted) rows are cut into
/// <c>num</c> contiguous chunks, earlier chunks one row larger when it does not divide (numpy's <c>array_split</c>);
/// each non-empty chunk is one call with <c>PartitionNo</c> = chunk index. A <c>num</c> below 1 means one chunk.</item>
/// <item><c>coarse</c>: rows sorted by keys then presort; with <c>num</c> &gt; 0 the groups are spread over <c>num</c>
/// contiguous physical partitions (whole groups each), else everything is one call.</item>
/// <item>Otherwise one call with all (presorted) rows. An empty input makes no call and gives an empty result.</item>
/// </list>
/// <c>onInit</c> runs once, with (0, the whole input), before the first call. Calls run on up to
/// <see cref="NativeExecutionEngine.GetCurrentParallelism"/> threads (the map function must be thread-safe then); the
/// results are concatenated in partition order, so the output order does not depend on the parallelism. Each result is
/// checked against (or cast to) the output schema. The returned frame is lazy: every read runs the map again, unless
/// the frame is persisted.
/// </summary>
public sealed class NativeMapEngine : MapEngine
{
    /// <summary>Creates the facet for a native engine.</summary>
    public NativeMapEngine(NativeExecutionEngine engine) : base(engine)
    {
    }

    /// <summary>The row count the per-call results are joined up to (a Parquet row group's worth).</summary>
    private const int CoalesceRows = 1 << 20;

    private NativeExecutionEngine Native => (NativeExecutionEngine)ExecutionEngine;

    /// <inheritdoc />
    protected override bool IsSupported(ExecutionEngine engine) => engine is NativeExecutionEngine;

    /// <inheritdoc />
    public override DataFrame MapDataFrame(
        DataFrame df,
        MapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec partitionSpec,
        MapInitFunc? onInit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(mapFunc);
        ArgumentNullException.ThrowIfNull(outputSchema);
        ArgumentNullException.ThrowIfNull(partitionSpec);
        var input = ToDf(df);

        // Validate the keys and presort eagerly: a bad spec fails at the call, not at the first read.
        var coarse = partitionSpec.Algo == PartitionAlgo.Coarse;
        var sorts = partitionSpec.GetSorts(input.Schema, withPartitionKeys: partitionSpec.HasPartitionKeys);
        return NativeFrames.Lazy(outputSchema, () => Run(input, mapFunc, outputSchema, partitionSpec, sorts, coarse, onInit, cancellationToken));
    }

    private IReadOnlyList<RecordBatch> Run(
        DataFrame input,
        MapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec spec,
        IReadOnlyList<PresortKey> sorts,
        bool coarse,
        MapInitFunc? onInit,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var schema = input.Schema;
        var batches = input.AsBatches().Where(b => b.Length > 0).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        onInit?.Invoke(0, new ColumnarDataFrame(schema, batches));
        if (batches.Count == 0)
        {
            return [];
        }

        // Group by the keys with one counting/hash pass (no full sort), sort each group by the presort alone (the keys
        // are equal inside a group), and lay the columns out group by group without concatenating the input first.
        var parallelism = Native.GetCurrentParallelism();
        // Plain loops: LINQ over these value types would be JIT-compiled inside the timed run (no ReadyToRun code).
        var keyIndex = new int[spec.PartitionBy.Count];
        for (var k = 0; k < keyIndex.Length; k++)
        {
            keyIndex[k] = schema.IndexOf(spec.PartitionBy[k]);
        }

        var firstSort = spec.HasPartitionKeys ? keyIndex.Length : 0;
        var presortCount = 0;
        for (var k = firstSort; k < sorts.Count; k++)
        {
            presortCount += spec.PartitionBy.Contains(sorts[k].Name) ? 0 : 1;
        }

        var presort = new SortKey[presortCount];
        presortCount = 0;
        for (var k = firstSort; k < sorts.Count; k++)
        {
            var s = sorts[k];
            if (!spec.PartitionBy.Contains(s.Name))
            {
                presort[presortCount++] = new SortKey(schema.IndexOf(s.Name), s.Ascending, NullsFirst: false);
            }
        }
        // The rows the calls slice: the input joined into one batch (no keys, no presort; copied in parallel, so each
        // call's rows and the columns it passes through are slices of the same buffers, which the coalescer joins
        // back without copying) or one batch laid out group by group.
        RecordBatch[] pieces;
        int[] bounds;
        if (keyIndex.Length == 0 && presort.Length == 0)
        {
            pieces = [FlatConcat.ConcatBatches(schema, batches, parallelism, cancellationToken)];
            bounds = [0, Starts(pieces)[^1]];
        }
        else
        {
            var layout = GroupedLayout.Build(batches, keyIndex, presort, parallelism, cancellationToken);
            pieces = [layout.Gather(schema, cancellationToken)];
            bounds = layout.Starts;
        }

        var pieceStarts = Starts(pieces);
        var total = pieceStarts[^1];
        cancellationToken.ThrowIfCancellationRequested();

        // Each call is a (start, length, partition number) slice of the sorted rows.
        var calls = new List<(int Start, int Length, int PartitionNo)>();
        if (spec.HasPartitionKeys)
        {
            var groups = bounds.Length - 1;
            if (coarse)
            {
                var num = spec.NumPartitions == "0" ? 1 : spec.GetNumPartitions(() => total, () => parallelism);
                foreach (var (first, count, no) in Split(groups, num))
                {
                    calls.Add((bounds[first], bounds[first + count] - bounds[first], no));
                }
            }
            else
            {
                for (var g = 0; g < groups; g++)
                {
                    calls.Add((bounds[g], bounds[g + 1] - bounds[g], g + 1));
                }
            }
        }
        else if (spec.NumPartitions != "0")
        {
            var num = spec.GetNumPartitions(() => total, () => parallelism);
            calls.AddRange(Split(total, num));
        }
        else
        {
            calls.Add((0, total, 0));
        }

        var results = NativeParallel.Run(
            calls.Count,
            parallelism,
            () => spec.GetCursor(schema, 0),
            (cursor, i) =>
            {
                var (start, length, no) = calls[i];
                var (first, part) = Part(schema, pieces, pieceStarts, start, length);
                cursor.Set(NativeFrames.RowFactory, first, 0, no, 0);
                return NativeFrames.Conform(mapFunc(cursor, part), outputSchema, "the map function");
            },
            cancellationToken);

        // Per-group results are small: join neighbours into large batches (zero-copy where they are adjacent slices).
        var coalesced = BatchCoalescer.Coalesce(outputSchema, results.SelectMany(r => r).ToList(), CoalesceRows, parallelism, cancellationToken);
        return coalesced;
    }

    /// <summary>The first row of each piece and, last, the total row count.</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> rows.</exception>
    private static int[] Starts(RecordBatch[] pieces)
    {
        var starts = new int[pieces.Length + 1];
        var total = 0L;
        for (var p = 0; p < pieces.Length; p++)
        {
            starts[p] = (int)total;
            total += pieces[p].Length;
            if (total > int.MaxValue)
            {
                throw new InvalidOperationException($"the native engine maps at most {int.MaxValue} rows at once, got more");
            }
        }

        starts[^1] = (int)total;
        return starts;
    }

    /// <summary>Rows [start, start + length) of the pieces as a frame (zero-copy slices) and the batch of its first row.</summary>
    private static (RecordBatch First, ColumnarDataFrame Frame) Part(Schema schema, RecordBatch[] pieces, int[] starts, int start, int length)
    {
        // The last piece whose start is <= start (pieces are non-empty, so starts are strictly increasing).
        var p = Array.BinarySearch(starts, 0, pieces.Length, start);
        p = p >= 0 ? p : ~p - 1;
        var offset = start - starts[p];
        if (offset + length <= pieces[p].Length)
        {
            var only = pieces[p].Slice(offset, length);
            return (only, new ColumnarDataFrame(only));
        }

        var parts = new List<RecordBatch>();
        var left = length;
        for (; left > 0; p++, offset = 0)
        {
            var take = Math.Min(left, pieces[p].Length - offset);
            parts.Add(offset == 0 && take == pieces[p].Length ? pieces[p] : pieces[p].Slice(offset, take));
            left -= take;
        }

        return (parts[0], new ColumnarDataFrame(schema, parts));
    }

    /// <summary>numpy's <c>array_split</c> of <paramref name="n"/> items into <paramref name="parts"/> contiguous chunks, non-empty ones only.</summary>
    internal static IEnumerable<(int Start, int Length, int PartitionNo)> Split(int n, int parts)
    {
        parts = Math.Max(1, parts);
        var q = n / parts;
        var r = n % parts;
        var start = 0;
        for (var i = 0; i < parts && start < n; i++)
        {
            var len = q + (i < r ? 1 : 0);
            if (len > 0)
            {
                yield return (start, len, i);
            }

            start += len;
        }
    }
}

