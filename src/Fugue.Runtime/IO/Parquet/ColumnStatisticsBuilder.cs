using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>Column chunk statistics: null count and min/max by the column's sort order.</summary>
internal static class ColumnStatisticsBuilder
{
    /// <summary>Byte-array bounds longer than this are not written (statistics would bloat the footer).</summary>
    private const int MaxStatisticsBytes = 64;

    /// <summary>
    /// The statistics of <paramref name="data"/>; with its <paramref name="dictionary"/> the bounds are found among
    /// the distinct values only (same result, far fewer comparisons).
    /// </summary>
    public static Statistics Build(PhysicalColumnData data, DataType logical, ColumnDictionaryBuilder? dictionary = null)
    {
        var stats = new Statistics { NullCount = data.Rows - data.NonNull };
        if (data.NonNull == 0 || logical.Kind == TypeKind.Null)
        {
            return stats;
        }

        if (dictionary is not null)
        {
            data = dictionary.Distinct;
        }

        var (min, max) = MinMax(data, logical);
        if (min < 0)
        {
            return stats; // all NaN: no bounds may be written
        }

        var minBytes = ValueBytes(data, min);
        var maxBytes = ValueBytes(data, max);
        if (minBytes.Length > MaxStatisticsBytes || maxBytes.Length > MaxStatisticsBytes)
        {
            return stats;
        }

        FixZeros(logical, minBytes, maxBytes);
        stats.MinValue = minBytes;
        stats.MaxValue = maxBytes;
        stats.IsMinValueExact = true;
        stats.IsMaxValueExact = true;
        return stats;
    }

    private static (int Min, int Max) MinMax(PhysicalColumnData data, DataType logical) => logical.Kind switch
    {
        TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32 => MinMaxOfSegments<uint>(data),
        TypeKind.UInt64 => MinMaxOfSegments<ulong>(data),
        TypeKind.Float32 => MinMaxOfSegments<float>(data),
        TypeKind.Float64 => MinMaxOfDoubles(data),
        _ when data.Type == PhysicalType.Int32 => MinMaxOfInt32s(data),
        _ when data.Type == PhysicalType.Int64 => MinMaxOfInt64s(data),
        _ => MinMaxByComparison(data, logical),
    };

    // INT32, INT64 and DOUBLE (keys, ids, timestamps, measures) have non-generic loops: generic math instantiations are not
    // precompiled (ReadyToRun), so the first save of a process would run them JIT-compiled at tier 0.

    /// <summary>Indices of the smallest and largest INT32 values over the pieces (first occurrences win).</summary>
    private static (int Min, int Max) MinMaxOfInt32s(PhysicalColumnData data)
    {
        int min = -1, max = -1;
        int minValue = 0, maxValue = 0;
        var offset = 0;
        for (var k = 0; k < data.SegmentCount; k++)
        {
            var values = MemoryMarshal.Cast<byte, int>(data.Segment(k));
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (min < 0)
                {
                    min = max = offset + i;
                    minValue = maxValue = v;
                }
                else if (v < minValue)
                {
                    min = offset + i;
                    minValue = v;
                }
                else if (v > maxValue)
                {
                    max = offset + i;
                    maxValue = v;
                }
            }

            offset += values.Length;
        }

        return (min, max);
    }

    /// <summary>Indices of the smallest and largest INT64 values over the pieces (first occurrences win).</summary>
    private static (int Min, int Max) MinMaxOfInt64s(PhysicalColumnData data)
    {
        int min = -1, max = -1;
        long minValue = 0, maxValue = 0;
        var offset = 0;
        for (var k = 0; k < data.SegmentCount; k++)
        {
            var values = MemoryMarshal.Cast<byte, long>(data.Segment(k));
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (min < 0)
                {
                    min = max = offset + i;
                    minValue = maxValue = v;
                }
                else if (v < minValue)
                {
                    min = offset + i;
                    minValue = v;
                }
                else if (v > maxValue)
                {
                    max = offset + i;
                    maxValue = v;
                }
            }

            offset += values.Length;
        }

        return (min, max);
    }

    /// <summary>Indices of the smallest and largest DOUBLE values over the pieces, NaN skipped (first occurrences win).</summary>
    private static (int Min, int Max) MinMaxOfDoubles(PhysicalColumnData data)
    {
        int min = -1, max = -1;
        double minValue = 0, maxValue = 0;
        var offset = 0;
        for (var k = 0; k < data.SegmentCount; k++)
        {
            var values = MemoryMarshal.Cast<byte, double>(data.Segment(k));
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (double.IsNaN(v))
                {
                    continue;
                }

                if (min < 0)
                {
                    min = max = offset + i;
                    minValue = maxValue = v;
                }
                else if (v < minValue)
                {
                    min = offset + i;
                    minValue = v;
                }
                else if (v > maxValue)
                {
                    max = offset + i;
                    maxValue = v;
                }
            }

            offset += values.Length;
        }

        return (min, max);
    }

    /// <summary><see cref="MinMaxOf{T}"/> over the pieces of the values in place (first occurrences win, as in one span).</summary>
    private static (int Min, int Max) MinMaxOfSegments<T>(PhysicalColumnData data) where T : unmanaged, INumber<T>
    {
        int min = -1, max = -1;
        T minValue = default, maxValue = default;
        var offset = 0;
        for (var k = 0; k < data.SegmentCount; k++)
        {
            var values = MemoryMarshal.Cast<byte, T>(data.Segment(k));
            var (a, b) = MinMaxOf(values);
            if (a >= 0)
            {
                if (min < 0 || values[a] < minValue)
                {
                    min = offset + a;
                    minValue = values[a];
                }

                if (max < 0 || values[b] > maxValue)
                {
                    max = offset + b;
                    maxValue = values[b];
                }
            }

            offset += values.Length;
        }

        return (min, max);
    }

    /// <summary>Indices of the smallest and largest values, NaN skipped (-1 when all are NaN).</summary>
    private static (int Min, int Max) MinMaxOf<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        int min = -1, max = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (T.IsNaN(v))
            {
                continue;
            }

            if (min < 0)
            {
                min = max = i;
            }
            else if (v < values[min])
            {
                min = i;
            }
            else if (v > values[max])
            {
                max = i;
            }
        }

        return (min, max);
    }

    private static (int Min, int Max) MinMaxByComparison(PhysicalColumnData data, DataType logical)
    {
        int min = -1, max = -1;
        for (var i = 0; i < data.NonNull; i++)
        {
            if (IsNaN(data, logical, i))
            {
                continue;
            }

            if (min < 0)
            {
                min = max = i;
                continue;
            }

            if (Compare(data, logical, i, min) < 0)
            {
                min = i;
            }
            else if (Compare(data, logical, i, max) > 0)
            {
                max = i;
            }
        }

        return (min, max);
    }

    private static byte[] ValueBytes(PhysicalColumnData data, int i) => data.Type switch
    {
        PhysicalType.Boolean => [data.Bools[i] ? (byte)1 : (byte)0],
        PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => data.Bytes![i].ToArray(),
        _ => data.FixedValue(i).ToArray(),
    };

    /// <summary>Per the spec a zero min is written as -0 and a zero max as +0.</summary>
    private static void FixZeros(DataType logical, byte[] min, byte[] max)
    {
        if (logical.Kind == TypeKind.Float32)
        {
            if (BitConverter.ToSingle(min) == 0) BitConverter.TryWriteBytes(min, -0.0f);
            if (BitConverter.ToSingle(max) == 0) BitConverter.TryWriteBytes(max, 0.0f);
        }
        else if (logical.Kind == TypeKind.Float64)
        {
            if (BitConverter.ToDouble(min) == 0) BitConverter.TryWriteBytes(min, -0.0);
            if (BitConverter.ToDouble(max) == 0) BitConverter.TryWriteBytes(max, 0.0);
        }
    }

    private static bool IsNaN(PhysicalColumnData data, DataType logical, int i) => logical.Kind switch
    {
        TypeKind.Float32 => float.IsNaN(BitConverter.ToSingle(data.FixedValue(i))),
        TypeKind.Float64 => double.IsNaN(BitConverter.ToDouble(data.FixedValue(i))),
        TypeKind.Float16 => Half.IsNaN(BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![i])),
        _ => false,
    };

    private static int Compare(PhysicalColumnData data, DataType logical, int a, int b)
    {
        switch (logical.Kind)
        {
            case TypeKind.Bool:
                return data.Bools[a].CompareTo(data.Bools[b]);
            case TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32:
                return BinaryPrimitives.ReadUInt32LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadUInt32LittleEndian(data.FixedValue(b)));
            case TypeKind.UInt64:
                return BinaryPrimitives.ReadUInt64LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadUInt64LittleEndian(data.FixedValue(b)));
            case TypeKind.Float32:
                return BitConverter.ToSingle(data.FixedValue(a)).CompareTo(BitConverter.ToSingle(data.FixedValue(b)));
            case TypeKind.Float64:
                return BitConverter.ToDouble(data.FixedValue(a)).CompareTo(BitConverter.ToDouble(data.FixedValue(b)));
            case TypeKind.Float16:
                return BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![a]).CompareTo(BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![b]));
            case TypeKind.String or TypeKind.Binary:
                return data.Bytes![a].SequenceCompareTo(data.Bytes![b]);
            case TypeKind.Decimal when data.Type == PhysicalType.FixedLenByteArray:
                return CompareSignedBigEndian(data.Bytes![a], data.Bytes![b]);
            default:
                return data.Width == 4
                    ? BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(b)))
                    : BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(b)));
        }
    }

    /// <summary>Orders equal-length big-endian two's complement values: sign first, then bytes unsigned.</summary>
    private static int CompareSignedBigEndian(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var first = ((sbyte)a[0]).CompareTo((sbyte)b[0]);
        return first != 0 ? first : a[1..].SequenceCompareTo(b[1..]);
    }
}
