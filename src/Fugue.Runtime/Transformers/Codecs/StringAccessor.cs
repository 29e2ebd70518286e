using System.Runtime.CompilerServices;
using System.Text;
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

    /// <summary>The bound batch's offsets (already sliced: <c>Length + 1</c> entries into <see cref="Data"/>).</summary>
    public ReadOnlySpan<int> Offsets => _column!.Offsets;

    /// <summary>The bound batch's UTF-8 data.</summary>
    public ReadOnlySpan<byte> Data => _column!.Data;

    /// <summary>Decodes row <paramref name="row"/> from hoisted <see cref="Offsets"/> and <see cref="Data"/> (no copy but the string).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Decode(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data, int row)
    {
        var start = offsets[row];
        return Encoding.UTF8.GetString(data.Slice(start, offsets[row + 1] - start));
    }

    /// <summary>The value or null.</summary>
    public string? Get(int row) => IsNull(row) ? null : _column!.GetString(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (StringColumn)column;
}
