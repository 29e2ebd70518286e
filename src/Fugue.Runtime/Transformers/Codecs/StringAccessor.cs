using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads a str column (null stays null).</summary>
public sealed class StringAccessor : ColumnAccessor
{
    private StringColumn? _column;

    /// <summary>Resolves and checks the column.</summary>
    public StringAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != TypeKind.String)
        {
            throw binder.TypeError(Index, member, "str");
        }
    }

    /// <summary>The value or null.</summary>
    public string? Get(int row) => IsNull(row) ? null : _column!.GetString(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (StringColumn)column;
}
