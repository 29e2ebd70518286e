using System.Globalization;
using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Base of the typed column accessors generated readers use: resolves the column by name once, checks its
/// type, and is pointed at each batch's column in turn.
/// </summary>
public abstract class ColumnAccessor
{
    private Column? _column;
    private bool _hasNulls;

    /// <summary>Resolves <paramref name="column"/> in the binder's schema.</summary>
    protected ColumnAccessor(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        Binder = binder;
        Member = member;
        Index = binder.Bind(column, member);
    }

    /// <summary>The binder (for messages).</summary>
    protected ColumnBinder Binder { get; }

    /// <summary>The member name.</summary>
    protected string Member { get; }

    /// <summary>The column index in the batch.</summary>
    protected int Index { get; }

    /// <summary>The bound column.</summary>
    protected Column Column => _column ?? throw new InvalidOperationException("The accessor is not bound to a batch.");

    /// <summary>Points the accessor at this batch's column.</summary>
    public void Bind(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var column = columns[Index];
        _column = column;
        _hasNulls = column.NullCount > 0;
        OnBind(column);
    }

    /// <summary>
    /// Whether the bound column has nulls; generated readers hoist it once per chunk and skip the per-row null
    /// check when it is false.
    /// </summary>
    public bool HasNulls => _hasNulls;

    /// <summary>Whether the value at <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => _hasNulls && _column!.IsNull(row);

    /// <summary>Type-specific binding (typed views, widening).</summary>
    protected virtual void OnBind(Column column)
    {
    }

    /// <summary>The error for a null read into a non-nullable member.</summary>
    protected FugueTransformerException NullError(int row, string type) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Transformer '{Binder.Transformer}': column '{Binder.Schema[Index].Name}' is null at row {row} of a batch, but {Binder.RowType}.{Member} ({type}) can't hold null; make the member nullable ({type}?)."));
}
