using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads rows of one batch at a time; columns are resolved by name when the reader is created.</summary>
/// <typeparam name="T">The row type.</typeparam>
public abstract class RowReader<T>
{
    /// <summary>Points the reader at the columns of the next batch (same schema as the binder's).</summary>
    public abstract void Bind(IReadOnlyList<Column> columns);

    /// <summary>Builds the row at <paramref name="row"/> of the bound batch.</summary>
    public abstract T Read(int row);

    /// <summary>
    /// Builds the rows <paramref name="start"/>.. of the bound batch into <paramref name="rows"/> (its length is
    /// the count). Generated readers override it with one tight loop over column spans hoisted once per call; this
    /// default reads row by row.
    /// </summary>
    public virtual void Read(int start, Span<T> rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Read(start + i);
        }
    }
}
