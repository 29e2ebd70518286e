using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Native.Kernels;

namespace Fugue.Native;

public sealed partial class NativeExecutionEngine
{
    /// <summary>
    /// UNION (distinct, first occurrences kept in order) or UNION ALL (<paramref name="distinct"/> false: df1's rows then
    /// df2's). Rows compare with nulls (and NaN) equal.
    /// </summary>
    /// <exception cref="ArgumentException">The schemas differ (names and types must be identical).</exception>
    public override DataFrame Union(DataFrame df1, DataFrame df2, bool distinct = true)
    {
        var (a, b) = SameSchema(df1, df2, "union");
        if (!distinct)
        {
            return IterableDataFrame.Replayable(() => a.AsBatches().Concat(b.AsBatches()), a.Schema);
        }

        return NativeFrames.Lazy(a.Schema, () =>
        {
            var all = ColumnKernels.Concat(a.Schema, [NativeFrames.Materialize(a), NativeFrames.Materialize(b)]);
            return [DistinctBatch(all)];
        });
    }

    /// <summary>
    /// EXCEPT DISTINCT: the distinct rows of df1 that are not in df2. With <paramref name="distinct"/> false, EXCEPT ALL
    /// with multiset semantics: each row of df2 cancels one equal row of df1 (Fugue's native engine raises
    /// NotImplementedError here; this engine implements the SQL standard). Nulls (and NaN) compare equal.
    /// </summary>
    /// <exception cref="ArgumentException">The schemas differ.</exception>
    public override DataFrame Subtract(DataFrame df1, DataFrame df2, bool distinct = true)
    {
        var (a, b) = SameSchema(df1, df2, "subtract");
        return NativeFrames.Lazy(a.Schema, () => [Match(NativeFrames.Materialize(a), NativeFrames.Materialize(b), keepMatched: false, distinct)]);
    }

    /// <summary>
    /// INTERSECT DISTINCT: the distinct rows of df1 that are also in df2. With <paramref name="distinct"/> false,
    /// INTERSECT ALL with multiset semantics: a row appears min(count in df1, count in df2) times (Fugue's native
    /// engine raises NotImplementedError here). Nulls (and NaN) compare equal.
    /// </summary>
    /// <exception cref="ArgumentException">The schemas differ.</exception>
    public override DataFrame Intersect(DataFrame df1, DataFrame df2, bool distinct = true)
    {
        var (a, b) = SameSchema(df1, df2, "intersect");
        return NativeFrames.Lazy(a.Schema, () => [Match(NativeFrames.Materialize(a), NativeFrames.Materialize(b), keepMatched: true, distinct)]);
    }

    /// <summary>SELECT DISTINCT *: the first occurrence of each row, in order; nulls (and NaN) compare equal.</summary>
    public override DataFrame Distinct(DataFrame df)
    {
        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        return NativeFrames.Lazy(a.Schema, () => [DistinctBatch(NativeFrames.Materialize(a))]);
    }

    private (DataFrame A, DataFrame B) SameSchema(DataFrame df1, DataFrame df2, string op)
    {
        ArgumentNullException.ThrowIfNull(df1);
        ArgumentNullException.ThrowIfNull(df2);
        var a = ToDf(df1);
        var b = ToDf(df2);
        if (a.Schema != b.Schema)
        {
            throw new ArgumentException($"{op} needs identical schemas, got '{a.Schema}' and '{b.Schema}'");
        }

        return (a, b);
    }

    private static RecordBatch DistinctBatch(RecordBatch batch)
    {
        var keys = new RowKeys(batch);
        var index = new RowIndex(keys, batch.Length);
        var keep = new List<int>();
        for (var i = 0; i < batch.Length; i++)
        {
            var before = index.Count;
            if (index.GetOrAdd(i) == before)
            {
                keep.Add(i);
            }
        }

        return keep.Count == batch.Length ? batch : ColumnKernels.Take(batch, keep.ToArray());
    }

    /// <summary>Rows of <paramref name="a"/> that are (or are not) in <paramref name="b"/>, as sets or as multisets.</summary>
    private static RecordBatch Match(RecordBatch a, RecordBatch b, bool keepMatched, bool distinct)
    {
        var bk = new RowKeys(b);
        var index = new RowIndex(bk, b.Length);
        var counts = new List<int>();
        for (var i = 0; i < b.Length; i++)
        {
            var id = index.GetOrAdd(i);
            if (id == counts.Count)
            {
                counts.Add(0);
            }

            counts[id]++;
        }

        var ak = new RowKeys(a);
        var keep = new List<int>();
        for (var i = 0; i < a.Length; i++)
        {
            var id = index.Find(ak, i);
            var matched = id >= 0 && counts[id] > 0;
            if (!distinct && matched)
            {
                counts[id]--;
            }

            if (matched == keepMatched)
            {
                keep.Add(i);
            }
        }

        var result = ColumnKernels.Take(a, keep.ToArray());
        return distinct ? DistinctBatch(result) : result;
    }
}
