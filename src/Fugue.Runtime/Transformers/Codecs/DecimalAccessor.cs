using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads a decimal(p,s) column of any precision and scale into <see cref="decimal"/>.</summary>
public sealed class DecimalAccessor : ColumnAccessor
{
    private DecimalColumn? _column;

    /// <summary>Resolves and checks the column.</summary>
    public DecimalAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != TypeKind.Decimal)
        {
            throw binder.TypeError(Index, member, "decimal(p,s)");
        }
    }

    /// <summary>The value (undefined for nulls).</summary>
    public decimal Get(int row) => _column!.GetDecimal(row);

    /// <summary>The value; a null is an error.</summary>
    public decimal GetRequired(int row) => IsNull(row) ? throw NullError(row, "decimal") : Get(row);

    /// <summary>The value or null.</summary>
    public decimal? GetNullable(int row) => IsNull(row) ? null : Get(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (DecimalColumn)column;
}
