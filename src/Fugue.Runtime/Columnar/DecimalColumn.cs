using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// A <c>decimal(p,s)</c> column: 16-byte two's complement little-endian unscaled values (<see cref="Int128"/>)
/// with the type's scale, plus an optional validity bitmap.
/// </summary>
public sealed class DecimalColumn : Column
{
    private readonly ArrowBuffer _values;

    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">The decimal type (precision and scale).</param>
    /// <param name="length">Rows in this column.</param>
    /// <param name="values">At least <c>(offset + length) * 16</c> bytes of unscaled values.</param>
    /// <param name="validity">The validity bitmap, or empty when no value is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the buffers.</param>
    public DecimalColumn(DecimalType type, int length, ArrowBuffer values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(type, length, validity, nullCount, offset)
    {
        var need = ((long)offset + length) * 16;
        if (values.Length < need)
        {
            throw new ArgumentException(
                $"{type} column: values buffer has {values.Length} bytes, needs at least {need} for offset {offset} + length {length} of 16-byte values",
                nameof(values));
        }

        _values = values;
        Precision = type.Precision;
        Scale = type.Scale;
    }

    /// <summary>The total number of digits.</summary>
    public int Precision { get; }

    /// <summary>The digits after the point: a stored value <c>v</c> means <c>v / 10^Scale</c>.</summary>
    public int Scale { get; }

    /// <summary>The whole values buffer.</summary>
    public ArrowBuffer ValuesBuffer => _values;

    /// <summary>The unscaled values of this column's rows (already sliced).</summary>
    public ReadOnlySpan<Int128> Values => _values.As<Int128>().Slice(Offset, Length);

    /// <summary>The unscaled value of row <paramref name="index"/>.</summary>
    public Int128 GetUnscaled(int index)
    {
        CheckIndex(index);
        return _values.As<Int128>()[Offset + index];
    }

    /// <summary>The value of row <paramref name="index"/> as a <see cref="decimal"/>.</summary>
    /// <exception cref="OverflowException">The value does not fit <see cref="decimal"/>.</exception>
    public decimal GetDecimal(int index) => DecimalConversions.ToDecimal(GetUnscaled(index), Scale);

    /// <inheritdoc />
    public override long ByteSize => ValidityByteSize + 16L * Length;

    private protected override object GetValueCore(int index) => GetDecimal(index);

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new DecimalColumn((DecimalType)Type, length, _values, ValidityBuffer, nullCount, offset);

    /// <summary>Builds a column from decimals (null entries are null rows); extra fractional digits are rounded.</summary>
    public static DecimalColumn FromArray(DecimalType type, params decimal?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var b = new DecimalColumnBuilder(type, values.Length);
        foreach (var v in values)
        {
            if (v is { } d)
            {
                b.Append(d);
            }
            else
            {
                b.AppendNull();
            }
        }

        return b.Build();
    }
}
