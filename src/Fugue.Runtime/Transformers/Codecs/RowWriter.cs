using System.Globalization;
using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends rows to typed column builders and flushes them as record batches.</summary>
/// <typeparam name="T">The row type.</typeparam>
public abstract class RowWriter<T>
{
    private readonly ColumnBinder _binder;

    /// <summary>Creates the writer and its builder for the binder's schema.</summary>
    protected RowWriter(ColumnBinder binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _binder = binder;
        Builder = new RecordBatchBuilder(binder.Schema);
    }

    /// <summary>The builder rows are appended to.</summary>
    protected RecordBatchBuilder Builder { get; }

    /// <summary>Rows appended since the last flush.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row; null rows are an error.</summary>
    public void Write(T row)
    {
        if (row is null)
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"Transformer '{_binder.Transformer}' returned a null {_binder.RowType} row."));
        }

        WriteRow(row);
        Count++;
    }

    /// <summary>Builds the appended rows into a batch and resets the builder.</summary>
    public RecordBatch Flush()
    {
        var batch = Builder.Build();
        Count = 0;
        return batch;
    }

    /// <summary>Appends each member (generated).</summary>
    protected abstract void WriteRow(T row);
}
