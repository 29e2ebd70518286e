using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads a bool column.</summary>
public sealed class BooleanAccessor : ColumnAccessor
{
    private BooleanColumn? _column;

    /// <summary>Resolves and checks the column.</summary>
    public BooleanAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != TypeKind.Bool)
        {
            throw binder.TypeError(Index, member, "bool");
        }
    }

    /// <summary>The value (undefined for nulls).</summary>
    public bool Get(int row) => _column!.GetBoolean(row);

    /// <summary>The value; a null is an error.</summary>
    public bool GetRequired(int row) => IsNull(row) ? throw NullError(row, "bool") : Get(row);

    /// <summary>The value or null.</summary>
    public bool? GetNullable(int row) => IsNull(row) ? null : Get(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (BooleanColumn)column;
}
