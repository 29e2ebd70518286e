using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Reads a nested column (list, struct or map) as its canonical value; generated converters turn it into the
/// member's type. Nested values allocate anyway, so this path favours simplicity.
/// </summary>
public sealed class ValueAccessor : ColumnAccessor
{
    /// <summary>Resolves and checks that the column is of the member's nested kind.</summary>
    /// <param name="binder">The binder.</param>
    /// <param name="column">The column name.</param>
    /// <param name="member">The member name.</param>
    /// <param name="kind">List, Struct or Map.</param>
    public ValueAccessor(ColumnBinder binder, string column, string member, TypeKind kind)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != kind)
        {
            throw binder.TypeError(Index, member, kind switch
            {
                TypeKind.List => "a list",
                TypeKind.Struct => "a struct",
                _ => "a map",
            });
        }
    }

    /// <summary>The canonical value or null.</summary>
    public object? Get(int row) => IsNull(row) ? null : Column.GetValue(row);
}
