using System.Numerics;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// The rows of one or more batches grouped by equal keys (nulls equal to nulls, NaN as null), without sorting the
/// rows: per batch a permutation that lists its rows group by group (each group's rows in input order, so the grouping
/// is stable), and per group its start in each batch's permutation. Groups are numbered in key order (ascending, nulls
/// last per key column, as a stable sort by the keys would give). A single integer-like key with a dense range is
/// grouped by counting (no hashing at all: a histogram gives the order and the starts, one scatter the permutation);
/// other keys go through a hash index, then only the distinct keys are sorted. Memory is proportional to the rows
/// (plus the key range for the counting path, which is only taken when that range is at most a few times the rows).
/// </summary>
internal sealed class KeyGroups
{
    private KeyGroups(int groupCount, int[][] perm, int[][] starts, int[] repFrame, int[] repRow)
    {
        GroupCount = groupCount;
        Perm = perm;
        Starts = starts;
        RepFrame = repFrame;
        RepRow = repRow;
    }

    /// <summary>The number of distinct keys over all batches.</summary>
    public int GroupCount { get; }

    /// <summary>Per batch: its row numbers, group by group in key order, each group's rows in input order.</summary>
    public int[][] Perm { get; }

    /// <summary>Per batch: <c>GroupCount + 1</c> positions into <see cref="Perm"/>; group <c>g</c> is <c>[Starts[g], Starts[g + 1])</c> (empty when the batch lacks the key).</summary>
    public int[][] Starts { get; }

    /// <summary>Per group: the batch of a row holding its key.</summary>
    public int[] RepFrame { get; }

    /// <summary>Per group: a row of <see cref="RepFrame"/> holding its key.</summary>
    public int[] RepRow { get; }

    /// <summary>
    /// Groups the rows of <paramref name="batches"/> by the key columns at <paramref name="keys"/> (one index list per
    /// batch; the key types must be the same in every batch). No keys means one group of all rows (none when there are
    /// no rows).
    /// </summary>
    /// <exception cref="NotSupportedException">A key column is nested (lists, structs and maps have no order).</exception>
    public static KeyGroups Group(IReadOnlyList<RecordBatch> batches, IReadOnlyList<int[]> keys, CancellationToken cancellationToken = default)
    {
        var n = batches.Count;
        var total = 0L;
        foreach (var b in batches)
        {
            total += b.Length;
        }

        if (keys.Count == 0 || keys[0].Length == 0)
        {
            return Single(batches, total);
        }

        if (keys[0].Length == 1)
        {
            var columns = new Column[n];
            for (var f = 0; f < n; f++)
            {
                columns[f] = batches[f].Column(keys[f][0]);
            }

            var dense = columns[0].Type.Kind switch
            {
                TypeKind.Int8 => Dense<sbyte>(columns, total, cancellationToken),
                TypeKind.UInt8 => Dense<byte>(columns, total, cancellationToken),
                TypeKind.Int16 => Dense<short>(columns, total, cancellationToken),
                TypeKind.UInt16 => Dense<ushort>(columns, total, cancellationToken),
                TypeKind.Int32 or TypeKind.Date => Dense<int>(columns, total, cancellationToken),
                TypeKind.UInt32 => Dense<uint>(columns, total, cancellationToken),
                TypeKind.Int64 or TypeKind.Timestamp => Dense<long>(columns, total, cancellationToken),
                _ => null,
            };
            if (dense is not null)
            {
                return dense;
            }
        }

        return Hashed(batches, keys, total, cancellationToken);
    }

    private static KeyGroups Single(IReadOnlyList<RecordBatch> batches, long total)
    {
        var n = batches.Count;
        var groups = total > 0 ? 1 : 0;
        var perm = new int[n][];
        var starts = new int[n][];
        int repFrame = 0, repRow = 0;
        var found = false;
        for (var f = 0; f < n; f++)
        {
            var len = batches[f].Length;
            perm[f] = Identity(len);
            starts[f] = groups == 1 ? [0, len] : [0];
            if (!found && len > 0)
            {
                (repFrame, repRow, found) = (f, 0, true);
            }
        }

        return new KeyGroups(groups, perm, starts, groups == 1 ? [repFrame] : [], groups == 1 ? [repRow] : []);
    }

    /// <summary>0, 1, ..., <paramref name="n"/> - 1.</summary>
    internal static int[] Identity(int n)
    {
        var perm = GC.AllocateUninitializedArray<int>(n);
        for (var i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        return perm;
    }

    /// <summary>
    /// The counting path: a histogram over the key range gives each value's group (ascending values, nulls last) and
    /// each group's start, then one pass scatters the rows. Null when the range is too wide for the row count.
    /// </summary>
    private static KeyGroups? Dense<T>(Column[] columns, long total, CancellationToken cancellationToken)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = columns.Length;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var column in columns)
        {
            var col = (PrimitiveColumn<T>)column;
            var values = col.Values;
            if (col.NullCount == 0)
            {
                foreach (var v in values)
                {
                    var x = long.CreateTruncating(v);
                    min = Math.Min(min, x);
                    max = Math.Max(max, x);
                }
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    if (!col.IsNull(i))
                    {
                        var x = long.CreateTruncating(values[i]);
                        min = Math.Min(min, x);
                        max = Math.Max(max, x);
                    }
                }
            }
        }

        var range = min > max ? 0 : (ulong)(max - min) + 1;
        if (range > (ulong)Math.Max(1 << 16, 4 * total) || range > 1 << 26)
        {
            return null;
        }

        // One histogram per batch: bound their total size by the rows too (many small batches take the hash path).
        if ((ulong)n * range > (ulong)Math.Max(1 << 20, 4 * total))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var r = (int)range;

        // counts[f][v - min], and the null count of each batch in nullCounts[f].
        var counts = new int[n][];
        var nullCounts = new int[n];
        var present = new bool[r];
        for (var f = 0; f < n; f++)
        {
            var col = (PrimitiveColumn<T>)columns[f];
            var values = col.Values;
            var c = counts[f] = new int[r];
            if (col.NullCount == 0)
            {
                foreach (var v in values)
                {
                    c[(int)(long.CreateTruncating(v) - min)]++;
                }
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    if (col.IsNull(i))
                    {
                        nullCounts[f]++;
                    }
                    else
                    {
                        c[(int)(long.CreateTruncating(values[i]) - min)]++;
                    }
                }
            }

            for (var v = 0; v < r; v++)
            {
                present[v] |= c[v] > 0;
            }
        }

        var groups = 0;
        foreach (var p in present)
        {
            groups += p ? 1 : 0;
        }

        var anyNull = nullCounts.Any(c => c > 0);
        var groupCount = groups + (anyNull ? 1 : 0);
        var repFrame = new int[groupCount];
        var repRow = new int[groupCount];
        var perm = new int[n][];
        var starts = new int[n][];
        for (var f = 0; f < n; f++)
        {
            var col = (PrimitiveColumn<T>)columns[f];
            var values = col.Values;
            var c = counts[f];

            // c becomes the next write position of each value; starts[f] the group starts.
            var s = starts[f] = new int[groupCount + 1];
            var pos = 0;
            var g = 0;
            for (var v = 0; v < r; v++)
            {
                if (present[v])
                {
                    s[g++] = pos;
                    var k = c[v];
                    c[v] = pos;
                    pos += k;
                }
            }

            var nullPos = pos;
            if (anyNull)
            {
                s[g] = pos;
            }

            s[groupCount] = values.Length;
            var p = perm[f] = GC.AllocateUninitializedArray<int>(values.Length);
            if (col.NullCount == 0)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    p[c[(int)(long.CreateTruncating(values[i]) - min)]++] = i;
                }
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    if (col.IsNull(i))
                    {
                        p[nullPos++] = i;
                    }
                    else
                    {
                        p[c[(int)(long.CreateTruncating(values[i]) - min)]++] = i;
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        // A representative row per group: the first batch that has the group, its first row there.
        for (var g = 0; g < groupCount; g++)
        {
            for (var f = 0; f < n; f++)
            {
                if (starts[f][g + 1] > starts[f][g])
                {
                    repFrame[g] = f;
                    repRow[g] = perm[f][starts[f][g]];
                    break;
                }
            }
        }

        return new KeyGroups(groupCount, perm, starts, repFrame, repRow);
    }

    /// <summary>
    /// The general path: a hash index gives each row a key id (first-seen order), the distinct keys are sorted (nulls
    /// last), and a counting sort by the sorted rank builds each batch's permutation.
    /// </summary>
    private static KeyGroups Hashed(IReadOnlyList<RecordBatch> batches, IReadOnlyList<int[]> keys, long total, CancellationToken cancellationToken)
    {
        var n = batches.Count;
        if (total > int.MaxValue)
        {
            throw new InvalidOperationException($"the native engine groups at most {int.MaxValue} rows at once, got {total}");
        }

        // All batches' key columns one after another, so that one index sees every batch's keys.
        var keyCount = keys[0].Length;
        var keyFields = new Field[keyCount];
        for (var k = 0; k < keyCount; k++)
        {
            keyFields[k] = new Field("k" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), batches[0].Column(keys[0][k]).Type);
        }

        var keySchema = new Schema(keyFields);
        var parts = new List<RecordBatch>(n);
        for (var f = 0; f < n; f++)
        {
            var cols = new Column[keyCount];
            for (var k = 0; k < keyCount; k++)
            {
                cols[k] = batches[f].Column(keys[f][k]);
            }

            parts.Add(new RecordBatch(keySchema, cols, batches[f].Length));
        }

        var all = ColumnKernels.Concat(keySchema, parts);
        var rowKeys = new RowKeys(all, Enumerable.Range(0, keyCount).ToArray());
        var index = new RowIndex(rowKeys, 1024);
        var ids = GC.AllocateUninitializedArray<int>(all.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ids[i] = index.GetOrAdd(i);
        }

        var groupCount = index.Count;
        var reps = new int[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            reps[g] = index.RowOf(g);
        }

        // Sort the distinct keys; rank[id] is the key's group number.
        var repKeys = ColumnKernels.Take(all, reps);
        var order = RowSorter.Sort(repKeys, Enumerable.Range(0, keyCount).Select(k => new SortKey(k, true, false)).ToArray(), cancellationToken);
        var rank = new int[groupCount];
        var repFrame = new int[groupCount];
        var repRow = new int[groupCount];
        var frameStart = new int[n + 1];
        for (var f = 0; f < n; f++)
        {
            frameStart[f + 1] = frameStart[f] + batches[f].Length;
        }

        for (var g = 0; g < groupCount; g++)
        {
            var id = order[g];
            rank[id] = g;
            var row = reps[id];
            var f = 0;
            while (row >= frameStart[f + 1])
            {
                f++;
            }

            repFrame[g] = f;
            repRow[g] = row - frameStart[f];
        }

        var perm = new int[n][];
        var starts = new int[n][];
        for (var f = 0; f < n; f++)
        {
            var len = batches[f].Length;
            var offset = frameStart[f];
            var s = starts[f] = new int[groupCount + 1];
            for (var i = 0; i < len; i++)
            {
                s[rank[ids[offset + i]] + 1]++;
            }

            for (var g = 0; g < groupCount; g++)
            {
                s[g + 1] += s[g];
            }

            var next = s.AsSpan(0, groupCount).ToArray();
            var p = perm[f] = GC.AllocateUninitializedArray<int>(len);
            for (var i = 0; i < len; i++)
            {
                p[next[rank[ids[offset + i]]]++] = i;
            }
        }

        return new KeyGroups(groupCount, perm, starts, repFrame, repRow);
    }
}
