using Fugue.Columnar;
using Fugue.Frames;
using Fugue.IO.Ipc;
using Fugue.Native;
using Fugue.Native.Kernels;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// The executor's side of frame-wide group numbers for keyed maps (see <c>DaskExecutionEngine.NumberedGroups</c>):
/// each bucket lists its distinct keys sorted as the native engine orders groups; one task ranks the keys of all
/// buckets together and returns, per bucket, the frame-wide number of each of its groups in its local order.
/// </summary>
internal static class DaskGroupNumbering
{
    /// <summary>The schema of a bucket's group numbers.</summary>
    public static readonly Schema NumberSchema = Schema.Parse("no:int");

    /// <summary>The bucket's distinct keys, sorted by the keys (nulls last, the given directions).</summary>
    public static DataFrame DistinctSortedKeys(NativeExecutionEngine native, DataFrame bucket, string[] keys, bool[] ascending)
    {
        var distinct = native.Distinct(bucket.SelectColumns(keys));
        var batch = ColumnKernels.Concat(distinct.Schema, distinct.AsBatches().ToList());
        if (batch.Length <= 1)
        {
            return new ColumnarDataFrame(batch);
        }

        return new ColumnarDataFrame(ColumnKernels.Take(batch, RowSorter.Sort(batch, Sorts(ascending))));
    }

    /// <summary>Ranks the keys of every bucket (frames in bucket order) and returns each bucket's numbers (one IPC blob per bucket).</summary>
    public static List<byte[]> Number(List<DataFrame> bucketKeys, bool[] ascending)
    {
        var schema = bucketKeys[0].Schema;
        var batches = bucketKeys.Select(f => ColumnKernels.Concat(schema, f.AsBatches().ToList())).ToList();
        var all = ColumnKernels.Concat(schema, batches);
        var owner = new (int Bucket, int Index)[all.Length];
        var next = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            for (var i = 0; i < batches[b].Length; i++)
            {
                owner[next++] = (b, i);
            }
        }

        var numbers = batches.Select(x => new int[x.Length]).ToArray();
        var order = all.Length <= 1 ? [.. Enumerable.Range(0, all.Length)] : RowSorter.Sort(all, Sorts(ascending));
        for (var p = 0; p < order.Length; p++)
        {
            var (bucket, index) = owner[order[p]];
            numbers[bucket][index] = p + 1;
        }

        return [.. numbers.Select(n => ArrowIpc.Serialize(
            [new RecordBatch(NumberSchema, [new PrimitiveColumn<int>(DataType.Int32, n.Length, ArrowBuffer.Wrap(n))], n.Length)], NumberSchema))];
    }

    /// <summary>The numbers a bucket's task received.</summary>
    public static int[] Read(DataFrame numbers) =>
        [.. numbers.AsBatches().SelectMany(b => ((PrimitiveColumn<int>)b.Column(0)).Values.ToArray())];

    /// <summary>Gives the cursor the frame-wide number of its group (the native engine numbered it within the bucket).</summary>
    public static void Renumber(PartitionCursor cursor, int[] numbers) =>
        cursor.Set(cursor.Row, numbers[cursor.PartitionNo - 1], cursor.SliceNo);

    private static SortKey[] Sorts(bool[] ascending) =>
        [.. ascending.Select((asc, i) => new SortKey(i, asc, NullsFirst: false))];
}
