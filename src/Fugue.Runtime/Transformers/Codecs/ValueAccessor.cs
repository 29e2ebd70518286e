using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Reads a nested column (list, struct or map) as its canonical value; generated converters turn it into the
/// member's type. Nested values allocate anyway, so this path favours simplicity.
/// </summary>
public sealed class ValueAccessor : ColumnAccessor
{
    /// <summary>Resolves and checks that the column is nested.</summary>
    public ValueAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (!binder.TypeOf(Index).IsNested)
        {
            throw binder.TypeError(Index, member, "a list, struct or map");
        }
    }

    /// <summary>The canonical value or null.</summary>
    public object? Get(int row) => IsNull(row) ? null : Column.GetValue(row);
}
