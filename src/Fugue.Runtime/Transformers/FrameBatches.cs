using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// The bridges between local frames and record batch streams that the adapters need, in one place: a frame
/// as a lazy stream of batches, the whole frame as one batch, and a lazy stream of batches as a frame.
/// </summary>
internal static class FrameBatches
{
    /// <summary>The frame as a lazy stream of batches of its schema (zero-copy for columnar frames).</summary>
    public static IEnumerable<RecordBatch> Read(LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return df.AsBatches();
    }

    /// <summary>The whole frame as one batch.</summary>
    public static RecordBatch ReadAll(LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        var batches = df.AsBatches().ToList();
        return batches.Count switch
        {
            0 => RecordBatch.Empty(df.Schema),
            1 => batches[0],
            _ => BatchConcat.Concat(df.Schema, batches),
        };
    }

    /// <summary>A lazy, single-pass frame over a stream of batches of <paramref name="schema"/>.</summary>
    public static LocalDataFrame Write(IEnumerable<RecordBatch> batches, Schema schema) =>
        new IterableDataFrame(batches, schema);
}
