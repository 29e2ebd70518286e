using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Dask;

/// <summary>
/// Runs a transformer in one bucket of a key shuffle with frame-wide partition numbers: the task's native engine numbers
/// its key groups from 1, and group <c>k</c> of bucket <c>b</c> (of <c>n</c>) becomes <c>(k - 1) * n + b + 1</c>, so
/// groups in different buckets never share a <see cref="PartitionCursor.PartitionNo"/>.
/// </summary>
internal sealed class BucketNumberedTransformer(ITransformer inner, int bucket, int buckets) : ITransformer
{
    public string Name => inner.Name;

    public Schema GetOutputSchema(Schema input) => inner.GetOutputSchema(input);

    public void OnInit(PartitionCursor? cursor, LocalDataFrame df) => inner.OnInit(cursor, df);

    public LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df)
    {
        // the engine re-points the cursor before every call, so renumbering it in place is safe
        var row = cursor.Row;
        cursor.Set(row, ((cursor.PartitionNo - 1) * buckets) + bucket + 1, cursor.SliceNo);
        return inner.Transform(cursor, df);
    }
}
