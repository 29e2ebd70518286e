using Fugue.Columnar;

namespace Fugue.Native.Kernels;

/// <summary>
/// Sorts row numbers of a batch by several keys with typed column comparers (no boxing per comparison). The sort
/// is stable (ties keep the input order), so groups keep their rows' original order when there is no presort,
/// as pandas' groupby does.
/// </summary>
internal static class RowSorter
{
    /// <summary>The permutation that sorts <paramref name="batch"/> by <paramref name="keys"/> (identity when there are none).</summary>
    public static int[] Sort(RecordBatch batch, IReadOnlyList<SortKey> keys, CancellationToken cancellationToken = default)
    {
        var perm = new int[batch.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            perm[i] = i;
        }

        if (keys.Count == 0 || perm.Length < 2)
        {
            return perm;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var cols = new KeyColumn[keys.Count];
        for (var k = 0; k < cols.Length; k++)
        {
            cols[k] = KeyColumn.Create(batch.Column(keys[k].Column));
        }

        var comparer = new RowComparer(cols, keys);
        Array.Sort(perm, comparer);
        return perm;
    }

    /// <summary>Compares two rows by the keys, then by row number (which makes the unstable array sort stable).</summary>
    private sealed class RowComparer(KeyColumn[] columns, IReadOnlyList<SortKey> keys) : IComparer<int>
    {
        private readonly bool[] _ascending = keys.Select(k => k.Ascending).ToArray();
        private readonly bool[] _nullsFirst = keys.Select(k => k.NullsFirst).ToArray();

        public int Compare(int x, int y)
        {
            for (var k = 0; k < columns.Length; k++)
            {
                var c = columns[k];
                var xn = c.IsNull(x);
                var yn = c.IsNull(y);
                int r;
                if (xn || yn)
                {
                    if (xn == yn)
                    {
                        continue;
                    }

                    // Null placement does not depend on the direction (pandas' na_position).
                    r = xn == _nullsFirst[k] ? -1 : 1;
                    return r;
                }

                r = c.Compare(x, c, y);
                if (r != 0)
                {
                    return _ascending[k] ? r : -r;
                }
            }

            return x.CompareTo(y);
        }
    }
}
