using System.Runtime.CompilerServices;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// A fixed-width column: one contiguous little-endian values buffer of <typeparamref name="T"/> plus an
/// optional validity bitmap. Holds int8..uint64, float16 (<see cref="Half"/>), float, double, date
/// (<c>int</c> days since 1970-01-01) and timestamps (<c>long</c> in the type's unit).
/// </summary>
public sealed class PrimitiveColumn<T> : Column where T : unmanaged
{
    private readonly ArrowBuffer _values;

    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">A type stored as <typeparamref name="T"/>.</param>
    /// <param name="length">Rows in this column.</param>
    /// <param name="values">At least <c>(offset + length) * sizeof(T)</c> bytes.</param>
    /// <param name="validity">The validity bitmap, or empty when no value is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the buffers.</param>
    /// <exception cref="ArgumentException">The type is not stored as <typeparamref name="T"/> or a buffer is too small.</exception>
    public PrimitiveColumn(DataType type, int length, ArrowBuffer values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(type, length, validity, nullCount, offset)
    {
        StorageTypes.CheckColumn(type, typeof(T), Unsafe.SizeOf<T>(), length, offset, values.Length);
        _values = values;
    }

    /// <summary>The whole values buffer (row <c>i</c> at slot <c>Offset + i</c>).</summary>
    public ArrowBuffer ValuesBuffer => _values;

    /// <summary>The values of this column's rows (already sliced; null rows hold unspecified values).</summary>
    public ReadOnlySpan<T> Values => _values.As<T>().Slice(Offset, Length);

    /// <summary>The stored value of row <paramref name="index"/> (unspecified for a null row).</summary>
    public T this[int index]
    {
        get
        {
            CheckIndex(index);
            return _values.As<T>()[Offset + index];
        }
    }

    /// <inheritdoc />
    public override long ByteSize => ValidityByteSize + (long)Length * Unsafe.SizeOf<T>();

    private protected override object GetValueCore(int index)
    {
        var v = _values.As<T>()[Offset + index];
        return Type.Kind switch
        {
            TypeKind.Date => TemporalConversions.ToDateOnly(Unsafe.As<T, int>(ref v)),
            TypeKind.Timestamp => TemporalConversions.ToDateTime(Unsafe.As<T, long>(ref v), (TimestampType)Type),
            _ => v,
        };
    }

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new PrimitiveColumn<T>(Type, length, _values, ValidityBuffer, nullCount, offset);

    /// <summary>Copies values into a new column of the natural type of <typeparamref name="T"/> (int -> int, long -> long, ...).</summary>
    /// <param name="values">The values.</param>
    /// <param name="isNull">Optional: <c>true</c> marks a null row; same length as <paramref name="values"/>.</param>
    public static PrimitiveColumn<T> FromArray(T[] values, bool[]? isNull = null) =>
        FromSpan(StorageTypes.DefaultType<T>(), values, isNull);

    /// <summary>Copies values into a new column of <paramref name="type"/> (e.g. <c>date</c> from int days).</summary>
    public static PrimitiveColumn<T> FromArray(DataType type, T[] values, bool[]? isNull = null) => FromSpan(type, values, isNull);

    /// <summary>Copies values into a new column of <paramref name="type"/>; an empty <paramref name="isNull"/> means no nulls.</summary>
    public static PrimitiveColumn<T> FromSpan(DataType type, ReadOnlySpan<T> values, ReadOnlySpan<bool> isNull = default)
    {
        StorageTypes.Check<T>(type);
        var (validity, nulls) = ColumnFactory.BuildValidity(values.Length, isNull);
        return new PrimitiveColumn<T>(type, values.Length, ArrowBuffer.FromSpan(values), validity, nulls);
    }
}
