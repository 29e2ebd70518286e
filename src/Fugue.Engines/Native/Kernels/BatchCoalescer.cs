using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Joins runs of small consecutive batches (e.g. one map result per group) into batches of about
/// <c>targetRows</c> rows, so consumers such as writers see few large batches. A column whose pieces are adjacent
/// slices of the same buffers (a map function that returns its input slice, plus new columns) is joined without
/// copying; other columns are copied once. Batches of at least half the target pass through unchanged.
/// </summary>
internal static class BatchCoalescer
{
    /// <summary>The batches (all of <paramref name="schema"/>) with small neighbours joined, in order; runs are joined on up to <paramref name="parallelism"/> threads.</summary>
    public static List<RecordBatch> Coalesce(Schema schema, IReadOnlyList<RecordBatch> batches, int targetRows, int parallelism, CancellationToken cancellationToken = default)
    {
        // Runs of consecutive small batches: [first, end).
        var runs = new List<(int First, int End)>();
        var i = 0;
        while (i < batches.Count)
        {
            if (batches[i].Length >= targetRows / 2)
            {
                runs.Add((i, i + 1));
                i++;
                continue;
            }

            var first = i;
            var rows = 0L;
            while (i < batches.Count && batches[i].Length < targetRows / 2 && rows + batches[i].Length <= targetRows)
            {
                rows += batches[i].Length;
                i++;
            }

            runs.Add((first, i));
        }

        if (runs.Count == batches.Count)
        {
            return batches as List<RecordBatch> ?? [.. batches];
        }

        // Join column by column: every (run, column) pair is one work item, so even a single run (e.g. all of a
        // map's per-group results) spreads its copies over the threads.
        var columnCount = schema.Count;
        var columns = new Column[runs.Count][];
        var items = new List<(int Run, int Column)>();
        for (var r = 0; r < runs.Count; r++)
        {
            if (runs[r].End - runs[r].First > 1)
            {
                columns[r] = new Column[columnCount];
                for (var c = 0; c < columnCount; c++)
                {
                    items.Add((r, c));
                }
            }
        }

        NativeParallel.For(
            items.Count,
            parallelism,
            k =>
            {
                var (r, c) = items[k];
                columns[r][c] = JoinColumn(schema[c].Type, batches, runs[r].First, runs[r].End, c);
            },
            cancellationToken);
        var joined = new List<RecordBatch>(runs.Count);
        for (var r = 0; r < runs.Count; r++)
        {
            var (first, end) = runs[r];
            if (end - first == 1)
            {
                joined.Add(batches[first]);
                continue;
            }

            var length = 0;
            for (var b = first; b < end; b++)
            {
                length += batches[b].Length;
            }

            joined.Add(new RecordBatch(schema, columns[r], length));
        }

        return joined;
    }

    /// <summary>Column <paramref name="c"/> of batches [first, end) as one column: zero-copy when the pieces are adjacent slices.</summary>
    private static Column JoinColumn(DataType type, IReadOnlyList<RecordBatch> batches, int first, int end, int c)
    {
        Column? merged = batches[first].Column(c);
        for (var b = first + 1; b < end && merged is not null; b++)
        {
            merged = TryAdjacent(merged, batches[b].Column(c));
        }

        if (merged is not null)
        {
            return merged;
        }

        var parts = new List<Column>(end - first);
        for (var b = first; b < end; b++)
        {
            parts.Add(batches[b].Column(c));
        }

        return ColumnKernels.Concat(type, parts); // flat parts without nulls: exact-size block copies
    }

    /// <summary>One column for <paramref name="a"/> then <paramref name="b"/> when <paramref name="b"/> continues <paramref name="a"/> in the same buffers; else null.</summary>
    internal static Column? TryAdjacent(Column a, Column b)
    {
        if (a.GetType() != b.GetType() || !a.Type.Equals(b.Type) || a.Offset + a.Length != b.Offset || !a.ValidityBuffer.Memory.Equals(b.ValidityBuffer.Memory))
        {
            return null;
        }

        var length = a.Length + b.Length;
        var validity = a.ValidityBuffer;
        var nulls = validity.IsEmpty ? 0 : -1;
        return (a, b) switch
        {
            (StringColumn x, StringColumn y) when Same(x, y) => new StringColumn(length, x.OffsetsBuffer, x.DataBuffer, validity, nulls, x.Offset),
            (BinaryColumn x, BinaryColumn y) when Same(x, y) => new BinaryColumn(length, x.OffsetsBuffer, x.DataBuffer, validity, nulls, x.Offset),
            _ => FixedWidth.Width(a.Type) > 0 ? Fixed(a, b, length) : null,
        };
    }

    private static bool Same(VariableBinaryColumn x, VariableBinaryColumn y) =>
        x.OffsetsBuffer.Memory.Equals(y.OffsetsBuffer.Memory) && x.DataBuffer.Memory.Equals(y.DataBuffer.Memory);

    /// <summary>Primitive columns over the same values buffer, <paramref name="b"/> right after <paramref name="a"/>, as one (no type parameter: precompiled).</summary>
    private static Column? Fixed(Column a, Column b, int length)
    {
        var x = FixedWidth.ValuesBuffer(a);
        if (!x.Memory.Equals(FixedWidth.ValuesBuffer(b).Memory))
        {
            return null;
        }

        return FixedWidth.Create(a.Type, length, x, a.ValidityBuffer, a.ValidityBuffer.IsEmpty ? 0 : -1, a.Offset);
    }
}
