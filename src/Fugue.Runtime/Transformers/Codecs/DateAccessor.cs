using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Reads a date column (days since the Unix epoch) into <see cref="DateOnly"/>.</summary>
public sealed class DateAccessor : ColumnAccessor
{
    private PrimitiveColumn<int>? _column;

    /// <summary>Resolves and checks the column.</summary>
    public DateAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        if (binder.TypeOf(Index).Kind != TypeKind.Date)
        {
            throw binder.TypeError(Index, member, "date");
        }
    }

    /// <summary>The bound batch's storage values (days since the Unix epoch); generated readers hoist it once per chunk.</summary>
    public ReadOnlySpan<int> Values => _column!.Values;

    /// <summary>The date of a storage value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateOnly Decode(int days) => TemporalConversions.ToDateOnly(days);

    /// <summary>The value (undefined for nulls).</summary>
    public DateOnly Get(int row) => TemporalConversions.ToDateOnly(_column![row]);

    /// <summary>The value; a null is an error.</summary>
    public DateOnly GetRequired(int row) => IsNull(row) ? throw NullError(row, "DateOnly") : Get(row);

    /// <summary>The value or null.</summary>
    public DateOnly? GetNullable(int row) => IsNull(row) ? null : Get(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (PrimitiveColumn<int>)column;
}
