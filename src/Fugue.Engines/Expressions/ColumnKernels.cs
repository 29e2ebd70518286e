using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>Column building blocks of the native evaluator: gather, constants, casts and numeric views, with typed fast paths.</summary>
internal static class ColumnKernels
{
    /// <summary>The rows at <paramref name="indices"/> (in that order) of every column.</summary>
    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> indices)
    {
        if (indices.Length == batch.Length && IsIdentity(indices))
        {
            return batch;
        }

        var columns = new Column[batch.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Take(batch.Column(i), indices);
        }

        return new RecordBatch(batch.Schema, columns, indices.Length);
    }

    /// <summary>The values at <paramref name="indices"/> (in that order).</summary>
    public static Column Take(Column column, ReadOnlySpan<int> indices)
    {
        switch (column)
        {
            case PrimitiveColumn<sbyte> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<byte> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<short> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<ushort> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<int> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<uint> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<long> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<ulong> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<Half> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<float> p: return TakePrimitive(p, indices);
            case PrimitiveColumn<double> p: return TakePrimitive(p, indices);
            case BooleanColumn b:
                var bb = new BooleanColumnBuilder(indices.Length);
                foreach (var i in indices)
                {
                    if (b.IsNull(i))
                    {
                        bb.AppendNull();
                    }
                    else
                    {
                        bb.Append(b.GetBoolean(i));
                    }
                }

                return bb.Build();
            case StringColumn s:
                var sb = new StringColumnBuilder(indices.Length);
                foreach (var i in indices)
                {
                    if (s.IsNull(i))
                    {
                        sb.AppendNull();
                    }
                    else
                    {
                        sb.Append(s.GetBytes(i));
                    }
                }

                return sb.Build();
            case BinaryColumn bin:
                var binb = new BinaryColumnBuilder(indices.Length);
                foreach (var i in indices)
                {
                    if (bin.IsNull(i))
                    {
                        binb.AppendNull();
                    }
                    else
                    {
                        binb.Append(bin.GetBytes(i));
                    }
                }

                return binb.Build();
            case NullColumn:
                return new NullColumn(indices.Length);
            default:
                var builder = ColumnBuilder.Create(column.Type, indices.Length);
                foreach (var i in indices)
                {
                    builder.Append(column.GetValue(i));
                }

                return builder.Build();
        }
    }

    /// <summary>A column of <paramref name="length"/> copies of a canonical value.</summary>
    public static Column Constant(DataType type, object? value, int length)
    {
        if (value is null)
        {
            return type.Kind == TypeKind.Null ? new NullColumn(length) : ColumnFactory.Nulls(type, length);
        }

        switch (value)
        {
            case long l when type.Kind == TypeKind.Int64:
                var longs = new long[length];
                Array.Fill(longs, l);
                return PrimitiveColumn<long>.FromArray(type, longs);
            case int n when type.Kind == TypeKind.Int32:
                var ints = new int[length];
                Array.Fill(ints, n);
                return PrimitiveColumn<int>.FromArray(type, ints);
            case double d when type.Kind == TypeKind.Float64:
                var doubles = new double[length];
                Array.Fill(doubles, d);
                return PrimitiveColumn<double>.FromArray(type, doubles);
            case bool b when type.Kind == TypeKind.Bool:
                var bools = new bool[length];
                Array.Fill(bools, b);
                return BooleanColumn.FromArray(bools);
        }

        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    /// <summary>The column converted to <paramref name="type"/> with Fugue's value conversion (the same column when the type is already right).</summary>
    public static Column Cast(Column column, DataType type)
    {
        if (column.Type.Equals(type))
        {
            return column;
        }

        var length = column.Length;
        if (column.NullCount == length)
        {
            return Constant(type, null, length);
        }

        if (type.Kind == TypeKind.Int64 && column.Type.IsInteger && column.Type.Kind != TypeKind.UInt64)
        {
            var values = AsInt64(column, out _).ToArray();
            return PrimitiveColumn<long>.FromArray(type, values, NullMask(column));
        }

        if (type.Kind == TypeKind.Float64 && (column.Type.IsInteger || column.Type.IsFloatingPoint))
        {
            var values = AsDouble(column).ToArray();
            return PrimitiveColumn<double>.FromArray(type, values, NullMask(column));
        }

        var converter = ValueConverter.For(type);
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(converter.Convert(column.GetValue(i)));
        }

        return builder.Build();
    }

    /// <summary>
    /// The values of an integer-like column (integers, bool as 0/1, date as days, timestamp in its unit) as longs; the
    /// column's own span when it already is 64-bit. ulong values above <see cref="long.MaxValue"/> wrap.
    /// </summary>
    public static ReadOnlySpan<long> AsInt64(Column column, out bool borrowed)
    {
        borrowed = false;
        switch (column)
        {
            case PrimitiveColumn<long> l:
                borrowed = true;
                return l.Values;
            case PrimitiveColumn<ulong> u:
                return System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, long>(u.Values);
        }

        var result = new long[column.Length];
        switch (column)
        {
            case PrimitiveColumn<int> p: Widen(p.Values, result); break;
            case PrimitiveColumn<short> p: Widen(p.Values, result); break;
            case PrimitiveColumn<sbyte> p: Widen(p.Values, result); break;
            case PrimitiveColumn<uint> p: Widen(p.Values, result); break;
            case PrimitiveColumn<ushort> p: Widen(p.Values, result); break;
            case PrimitiveColumn<byte> p: Widen(p.Values, result); break;
            case BooleanColumn b:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = b.GetBoolean(i) ? 1 : 0;
                }

                break;
            case NullColumn:
                break;
            default:
                throw new InvalidOperationException($"a {column.Type} column has no integer view");
        }

        return result;
    }

    /// <summary>The values of a numeric (or bool) column as doubles.</summary>
    public static ReadOnlySpan<double> AsDouble(Column column)
    {
        if (column is PrimitiveColumn<double> d)
        {
            return d.Values;
        }

        var result = new double[column.Length];
        switch (column)
        {
            case PrimitiveColumn<float> p:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = p.Values[i];
                }

                break;
            case PrimitiveColumn<Half> p:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = (double)p.Values[i];
                }

                break;
            case PrimitiveColumn<ulong> p:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = p.Values[i];
                }

                break;
            case DecimalColumn m:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = m.IsNull(i) ? 0 : (double)m.GetDecimal(i);
                }

                break;
            case NullColumn:
                break;
            case PrimitiveColumn<int> p when p.Type.IsInteger:
                ToDouble(p.Values, result);
                break;
            case PrimitiveColumn<long> p when p.Type.IsInteger:
                ToDouble(p.Values, result);
                break;
            default:
                var longs = AsInt64(column, out _);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = longs[i];
                }

                break;
        }

        return result;
    }

    /// <summary>A bool column packed straight from flags (no per-value builder calls).</summary>
    public static BooleanColumn Bools(ReadOnlySpan<bool> values, bool[]? isNull)
    {
        var bits = new byte[BitUtility.BytesFor(values.Length)];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        var (validity, nulls) = ColumnFactory.BuildValidity(values.Length, isNull);
        return new BooleanColumn(values.Length, bits, validity, nulls);
    }

    /// <summary>True per row when the row is null; null when the column has no nulls.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool[]? NullMask(Column column)
    {
        if (column.NullCount == 0)
        {
            return null;
        }

        var mask = new bool[column.Length];
        var bits = column.ValidityBuffer.Span;
        if (bits.IsEmpty)
        {
            // no bitmap but nulls: every row is null (a null column)
            mask.AsSpan().Fill(true);
            return mask;
        }

        var offset = column.Offset;
        for (var i = 0; i < mask.Length; i++)
        {
            var j = offset + i;
            mask[i] = (bits[j >> 3] & (1 << (j & 7))) == 0;
        }

        return mask;
    }

    /// <summary>A validity bitmap and null count from a null mask (null or all false: no bitmap).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (ArrowBuffer Validity, int NullCount) Validity(bool[]? isNull)
    {
        if (isNull is null)
        {
            return (default, 0);
        }

        var bits = new byte[(isNull.Length + 7) >> 3];
        var nulls = 0;
        for (var i = 0; i < isNull.Length; i++)
        {
            if (isNull[i])
            {
                nulls++;
            }
            else
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return nulls == 0 ? (default, 0) : (new ArrowBuffer(bits), nulls);
    }

    /// <summary>The union of two null masks (either may be null = no nulls).</summary>
    public static bool[]? Or(bool[]? a, bool[]? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var r = new bool[a.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = a[i] | b[i];
        }

        return r;
    }

    private static void Widen<T>(ReadOnlySpan<T> source, Span<long> target)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = long.CreateTruncating(source[i]);
        }
    }

    private static void ToDouble<T>(ReadOnlySpan<T> source, Span<double> target)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateTruncating(source[i]);
        }
    }

    private static PrimitiveColumn<T> TakePrimitive<T>(PrimitiveColumn<T> column, ReadOnlySpan<int> indices)
        where T : unmanaged
    {
        var source = column.Values;
        var values = new T[indices.Length];
        bool[]? isNull = column.NullCount > 0 ? new bool[indices.Length] : null;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            values[i] = source[j];
            if (isNull is not null)
            {
                isNull[i] = column.IsNull(j);
            }
        }

        return PrimitiveColumn<T>.FromArray(column.Type, values, isNull);
    }

    private static bool IsIdentity(ReadOnlySpan<int> indices)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
