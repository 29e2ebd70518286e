using System.Globalization;
using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends rows to typed column builders, a chunk at a time, and flushes them as record batches.</summary>
/// <typeparam name="T">The row type.</typeparam>
public abstract class RowWriter<T>
{
    private readonly ColumnBinder _binder;
    private bool _sized;

    /// <summary>Creates the writer and its builder for the binder's schema.</summary>
    protected RowWriter(ColumnBinder binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _binder = binder;
        Builder = new RecordBatchBuilder(binder.Schema);
    }

    /// <summary>
    /// The builder rows are appended to. It starts without a capacity hint (small outputs stay small); after the
    /// first full batch it is replaced by one sized for a full batch, so later batches never grow or copy.
    /// </summary>
    protected RecordBatchBuilder Builder { get; private set; }

    /// <summary>Rows appended since the last flush.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row; a null row is an error.</summary>
    public void Write(T row) => Write(new ReadOnlySpan<T>(in row));

    /// <summary>Appends rows; a null row is an error.</summary>
    public void Write(ReadOnlySpan<T> rows)
    {
        foreach (var row in rows)
        {
            if (row is null)
            {
                throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{_binder.Transformer}' returned a null {_binder.RowType} row."));
            }
        }

        WriteRange(rows);
        Count += rows.Length;
    }

    /// <summary>Builds the appended rows into a batch and resets the builder.</summary>
    public RecordBatch Flush()
    {
        var batch = Builder.Build();
        if (!_sized && Count >= TransformerAdapterBase.OutputBatchSize)
        {
            Builder = new RecordBatchBuilder(_binder.Schema, TransformerAdapterBase.OutputBatchSize);
            _sized = true;
        }

        Count = 0;
        return batch;
    }

    /// <summary>
    /// Appends each member of each (non-null) row (generated): it binds the member writers to <see cref="Builder"/>
    /// once, then appends column by column in tight loops.
    /// </summary>
    protected abstract void WriteRange(ReadOnlySpan<T> rows);
}
