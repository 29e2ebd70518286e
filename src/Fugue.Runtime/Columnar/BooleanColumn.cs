using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>A <c>bool</c> column: values bit-packed (LSB order) plus an optional validity bitmap.</summary>
public sealed class BooleanColumn : Column
{
    private readonly ArrowBuffer _values;

    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="length">Rows in this column.</param>
    /// <param name="values">The value bitmap, at least <c>ceil((offset + length) / 8)</c> bytes.</param>
    /// <param name="validity">The validity bitmap, or empty when no value is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The bit of row 0 in the buffers.</param>
    public BooleanColumn(int length, ArrowBuffer values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(DataType.Bool, length, validity, nullCount, offset)
    {
        var need = BitUtility.BytesFor((long)offset + length);
        if (values.Length < need)
        {
            throw new ArgumentException(
                $"bool column: values bitmap has {values.Length} bytes, needs at least {need} for offset {offset} + length {length}", nameof(values));
        }

        _values = values;
    }

    /// <summary>The whole value bitmap (row <c>i</c> at bit <c>Offset + i</c>).</summary>
    public ArrowBuffer ValuesBuffer => _values;

    /// <summary>The value of row <paramref name="index"/> (false for a null row).</summary>
    public bool GetBoolean(int index)
    {
        CheckIndex(index);
        return BitUtility.GetBit(_values.Span, Offset + index);
    }

    /// <summary>The value of row <paramref name="index"/>.</summary>
    public bool this[int index] => GetBoolean(index);

    /// <summary>The number of true values among valid rows.</summary>
    public int CountTrue()
    {
        if (NullCount == 0)
        {
            return BitUtility.CountSetBits(_values.Span, Offset, Length);
        }

        var n = 0;
        var v = _values.Span;
        var m = ValidityBuffer.Span;
        for (var i = 0; i < Length; i++)
        {
            if (BitUtility.GetBit(v, Offset + i) && BitUtility.GetBit(m, Offset + i))
            {
                n++;
            }
        }

        return n;
    }

    /// <inheritdoc />
    public override long ByteSize => ValidityByteSize + BitUtility.BytesFor(Length);

    private protected override object GetValueCore(int index) => BitUtility.GetBit(_values.Span, Offset + index);

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new BooleanColumn(length, _values, ValidityBuffer, nullCount, offset);

    /// <summary>Builds a column from values; <paramref name="isNull"/> (optional) marks null rows.</summary>
    public static BooleanColumn FromArray(bool[] values, bool[]? isNull = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var b = new BooleanColumnBuilder(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (isNull is not null && isNull[i])
            {
                b.AppendNull();
            }
            else
            {
                b.Append(values[i]);
            }
        }

        return b.Build();
    }

    /// <summary>Builds a column from nullable values.</summary>
    public static BooleanColumn FromArray(bool?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var b = new BooleanColumnBuilder(values.Length);
        foreach (var v in values)
        {
            if (v is { } x)
            {
                b.Append(x);
            }
            else
            {
                b.AppendNull();
            }
        }

        return b.Build();
    }
}
