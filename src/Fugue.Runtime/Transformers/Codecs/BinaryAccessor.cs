using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads a bytes column into fresh arrays (null stays null).</summary>
public sealed class BinaryAccessor : ColumnAccessor
{
    private VariableBinaryColumn? _column;

    /// <summary>Resolves and checks the column.</summary>
    public BinaryAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != TypeKind.Binary)
        {
            throw binder.TypeError(Index, member, "bytes");
        }
    }

    /// <summary>The value or null.</summary>
    public byte[]? Get(int row) => IsNull(row) ? null : _column!.GetBytes(row).ToArray();

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (VariableBinaryColumn)column;
}
