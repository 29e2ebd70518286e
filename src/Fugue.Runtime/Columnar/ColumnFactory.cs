using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Quick ways to make columns from values (tests, readers, small data).</summary>
public static class ColumnFactory
{
    /// <summary>Builds a column of <paramref name="type"/> from canonical values (nulls allowed).</summary>
    public static Column FromValues(DataType type, IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var b = ColumnBuilder.Create(type, values is IReadOnlyCollection<object?> c ? c.Count : 0);
        foreach (var v in values)
        {
            b.Append(v);
        }

        return b.Build();
    }

    /// <summary>Builds a column of <paramref name="type"/> from canonical values (nulls allowed).</summary>
    public static Column FromValues(DataType type, params object?[] values) => FromValues(type, (IEnumerable<object?>)values);

    /// <summary>A primitive column of the natural type of <typeparamref name="T"/>; <paramref name="isNull"/> marks null rows.</summary>
    public static PrimitiveColumn<T> FromArray<T>(T[] values, bool[]? isNull = null) where T : unmanaged =>
        PrimitiveColumn<T>.FromArray(values, isNull);

    /// <summary>A string column (null entries are null rows).</summary>
    public static StringColumn FromStrings(params string?[] values) => StringColumn.FromArray(values);

    /// <summary>A column of <paramref name="length"/> nulls of any type.</summary>
    public static Column Nulls(DataType type, int length)
    {
        var b = ColumnBuilder.Create(type, length);
        b.AppendNulls(length);
        return b.Build();
    }

    /// <summary>Builds a validity bitmap from per-row null flags (empty when none is set).</summary>
    public static (ArrowBuffer Validity, int NullCount) BuildValidity(int length, ReadOnlySpan<bool> isNull)
    {
        if (isNull.IsEmpty)
        {
            return (default, 0);
        }

        if (isNull.Length != length)
        {
            throw new ArgumentException($"null flags have {isNull.Length} entries for {length} values", nameof(isNull));
        }

        var nulls = 0;
        foreach (var n in isNull)
        {
            if (n)
            {
                nulls++;
            }
        }

        if (nulls == 0)
        {
            return (default, 0);
        }

        var bits = new byte[BitUtility.BytesFor(length)];
        for (var i = 0; i < length; i++)
        {
            if (!isNull[i])
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return (new ArrowBuffer(bits), nulls);
    }
}
