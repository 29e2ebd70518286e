namespace Fugue.Native.Kernels;

/// <summary>Finds groups of equal keys in rows already sorted by those keys.</summary>
internal static class Grouping
{
    /// <summary>
    /// The start row of each run of equal keys (nulls equal to nulls) in <paramref name="sortedKeys"/>, plus a final
    /// entry equal to the row count; no keys means one group (when there are rows).
    /// </summary>
    public static int[] Boundaries(RowKeys sortedKeys)
    {
        var n = sortedKeys.Length;
        if (n == 0)
        {
            return [0];
        }

        var starts = new List<int> { 0 };
        if (sortedKeys.Columns.Count > 0)
        {
            for (var i = 1; i < n; i++)
            {
                if (!sortedKeys.Equal(i, sortedKeys, i - 1))
                {
                    starts.Add(i);
                }
            }
        }

        starts.Add(n);
        return starts.ToArray();
    }
}
