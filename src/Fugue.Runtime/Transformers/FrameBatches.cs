using Fugue.Columnar;
using Fugue.DataFrames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// The two bridges between local frames and record batch streams that the adapters need, in one place: a
/// frame as a lazy stream of batches, and a lazy stream of batches as a frame.
/// </summary>
internal static class FrameBatches
{
    /// <summary>Rows per batch when a row-based frame is cut into batches.</summary>
    public const int BatchSize = 8192;

    /// <summary>The frame as a lazy stream of batches of its schema.</summary>
    public static IEnumerable<RecordBatch> Read(LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return ReadCore(df);
    }

    /// <summary>A lazy, single-pass frame over a stream of batches of <paramref name="schema"/>.</summary>
    public static LocalDataFrame Write(IEnumerable<RecordBatch> batches, Schema schema) =>
        new IterableDataFrame(Rows(batches), schema);

    /// <summary>The whole frame as one batch.</summary>
    public static RecordBatch ReadAll(LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        var builder = new RecordBatchBuilder(df.Schema);
        foreach (var row in df.AsArrayIterable())
        {
            builder.AppendRow(row);
        }

        return builder.Build();
    }

    private static IEnumerable<RecordBatch> ReadCore(LocalDataFrame df)
    {
        var builder = new RecordBatchBuilder(df.Schema);
        var count = 0;
        foreach (var row in df.AsArrayIterable())
        {
            builder.AppendRow(row);
            if (++count == BatchSize)
            {
                yield return builder.Build();
                count = 0;
            }
        }

        if (count > 0)
        {
            yield return builder.Build();
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<RecordBatch> batches)
    {
        foreach (var batch in batches)
        {
            var columns = batch.Columns;
            for (var i = 0; i < batch.Length; i++)
            {
                var row = new object?[columns.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = columns[c].GetValue(i);
                }

                yield return row;
            }
        }
    }
}
