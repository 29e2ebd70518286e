using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Native;

/// <summary>Frame helpers of the native engine: materializing to one batch, lazy results and output checks.</summary>
internal static class NativeFrames
{
    /// <summary>All rows of <paramref name="df"/> in one batch (one read of the frame).</summary>
    public static RecordBatch Materialize(DataFrame df, CancellationToken cancellationToken = default)
    {
        var batches = new List<RecordBatch>();
        foreach (var b in df.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            batches.Add(b);
        }

        return ColumnKernels.Concat(df.Schema, batches);
    }

    /// <summary>
    /// A lazy frame: <paramref name="compute"/> runs at every read (unless the frame is persisted) and its whole result
    /// is computed before the first batch is handed out, so a failure or cancellation never leaves partial output.
    /// </summary>
    public static IterableDataFrame Lazy(Schema schema, Func<IReadOnlyList<RecordBatch>> compute) =>
        IterableDataFrame.Replayable(() => compute(), schema);

    /// <summary>A column-by-column value row of <paramref name="batch"/> (canonical values).</summary>
    public static object?[] Row(RecordBatch batch, int row)
    {
        var values = new object?[batch.ColumnCount];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = batch.GetValue(row, c);
        }

        return values;
    }

    /// <summary>Row factory for <see cref="Fugue.Partitioning.PartitionCursor"/>: state is the batch.</summary>
    public static readonly Func<object, int, IReadOnlyList<object?>> RowFactory = static (state, row) => Row((RecordBatch)state, row);

    /// <summary>
    /// The batches of a map function's result, checked against the declared output schema: an identical schema
    /// passes, a schema with the same column names in the same order is cast to the declared types, an empty bounded
    /// frame contributes nothing whatever its schema, anything else is an error naming both schemas.
    /// </summary>
    /// <exception cref="FugueDataFrameOperationException">The result is null or its columns differ from the output schema.</exception>
    public static List<RecordBatch> Conform(DataFrame? result, Schema expected, string what)
    {
        if (result is null)
        {
            throw new FugueDataFrameOperationException($"{what} returned null; it must return a frame with schema '{expected}'");
        }

        var frame = result;
        if (result.Schema != expected)
        {
            // An empty result has nothing to convert: accept it whatever its columns (e.g. a bare "no rows" frame).
            if (result is LocalBoundedDataFrame bounded && bounded.Count() == 0)
            {
                return [];
            }

            if (!result.Schema.Names.SequenceEqual(expected.Names, StringComparer.Ordinal))
            {
                throw new FugueDataFrameOperationException(
                    $"{what} returned a frame with schema '{result.Schema}', but the output schema is '{expected}'");
            }

            frame = result.AlterColumns(expected);
        }

        var list = new List<RecordBatch>();
        foreach (var b in frame.AsBatches())
        {
            if (b.Length > 0)
            {
                list.Add(b);
            }
        }

        return list;
    }
}
