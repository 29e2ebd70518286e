using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Reads a datetime/timestamp column of any unit into <see cref="DateTime"/> (naive: Unspecified kind; with a
/// time zone: the UTC instant).
/// </summary>
public sealed class TimestampAccessor : ColumnAccessor
{
    private readonly TimestampType _type;
    private readonly TimestampDecoder _decoder;
    private PrimitiveColumn<long>? _column;

    /// <summary>Resolves and checks the column.</summary>
    public TimestampAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        _type = binder.TypeOf(Index) as TimestampType ?? throw binder.TypeError(Index, member, "datetime or timestamp");
        _decoder = new TimestampDecoder(_type);
    }

    /// <summary>The bound batch's storage values (in the column's unit); generated readers hoist it once per chunk.</summary>
    public ReadOnlySpan<long> Values => _column!.Values;

    /// <summary>Converts storage values of this column to <see cref="DateTime"/>.</summary>
    public TimestampDecoder Decoder => _decoder;

    /// <summary>The value (undefined for nulls).</summary>
    public DateTime Get(int row) => _decoder.Decode(_column![row]);

    /// <summary>The value; a null is an error.</summary>
    public DateTime GetRequired(int row) => IsNull(row) ? throw NullError(row, "DateTime") : Get(row);

    /// <summary>The value or null.</summary>
    public DateTime? GetNullable(int row) => IsNull(row) ? null : Get(row);

    /// <inheritdoc />
    protected override void OnBind(Column column) => _column = (PrimitiveColumn<long>)column;
}
