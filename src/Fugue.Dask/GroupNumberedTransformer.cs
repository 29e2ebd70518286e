using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Dask;

/// <summary>
/// Runs a transformer in one bucket of a key shuffle with the native engine's frame-wide partition numbers: the task's
/// native engine numbers its key groups from 1 in key order, and group <c>k</c> of the bucket becomes
/// <c>numbers[k - 1]</c>, the group's rank among all groups of the frame (<see cref="DaskGroupNumbering"/>).
/// </summary>
internal sealed class GroupNumberedTransformer(ITransformer inner, int[] numbers) : ITransformer
{
    public string Name => inner.Name;

    public Schema GetOutputSchema(Schema input) => inner.GetOutputSchema(input);

    public void OnInit(PartitionCursor? cursor, LocalDataFrame df) => inner.OnInit(cursor, df);

    public LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df)
    {
        DaskGroupNumbering.Renumber(cursor, numbers);
        return inner.Transform(cursor, df);
    }
}
