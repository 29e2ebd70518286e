using System.Buffers.Binary;
using System.Text;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Decodes column statistics bounds and filter constants into one comparable key space per column type:
/// integers (including dates, timestamps, decimals' unscaled values and booleans) as <see cref="Int128"/>, floating
/// point as <see cref="double"/>, strings and binaries as unsigned byte strings. Anything that does not convert
/// exactly yields no key, so the caller cannot prune on it.
/// </summary>
internal static class StatisticsBounds
{
    /// <summary>A comparable value.</summary>
    internal readonly record struct Key(Int128 Integer, double Real, byte[]? Bytes, bool IsReal);

    private const int UnixEpochDay = 719162;

    public static int Compare(Key a, Key b)
    {
        if (a.Bytes is not null && b.Bytes is not null)
        {
            return a.Bytes.AsSpan().SequenceCompareTo(b.Bytes);
        }

        return a.IsReal ? a.Real.CompareTo(b.Real) : a.Integer.CompareTo(b.Integer);
    }

    /// <summary>The (min, max) of a flat leaf's statistics, or nulls when they are absent or unusable.</summary>
    public static (Key? Min, Key? Max) Read(ParquetSchemaNode node, Statistics stats, ColumnOrder order)
    {
        byte[]? min = stats.MinValue, max = stats.MaxValue;
        if (min is null || max is null)
        {
            // Deprecated min/max used signed comparison: trustworthy only for signed integers and booleans.
            var signed = node.Element!.Type is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Boolean
                && node.Type.Kind is TypeKind.Bool or TypeKind.Int8 or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Date;
            if (!signed)
            {
                return (null, null);
            }

            min = stats.Min;
            max = stats.Max;
        }
        else if (order != ColumnOrder.TypeDefined)
        {
            return (null, null);
        }

        if (min is null || max is null)
        {
            return (null, null);
        }

        var lo = Decode(node, min);
        var hi = Decode(node, max);
        return lo is null || hi is null ? (null, null) : (lo, hi);
    }

    private static Key? Decode(ParquetSchemaNode node, byte[] bytes)
    {
        var physical = node.Element!.Type;
        var type = node.Type;
        switch (physical)
        {
            case PhysicalType.Boolean when bytes.Length >= 1:
                return Int(bytes[0] != 0 ? 1 : 0);
            case PhysicalType.Int32 when bytes.Length == 4:
            {
                var v = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                return type.Kind is TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32 ? Int((uint)v) : Int(v);
            }
            case PhysicalType.Int64 when bytes.Length == 8:
            {
                var v = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                return type.Kind == TypeKind.UInt64 ? Int((ulong)v) : Int(v);
            }
            case PhysicalType.Float when bytes.Length == 4:
                return Real(BinaryPrimitives.ReadSingleLittleEndian(bytes));
            case PhysicalType.Double when bytes.Length == 8:
                return Real(BinaryPrimitives.ReadDoubleLittleEndian(bytes));
            case PhysicalType.ByteArray when type.Kind is TypeKind.String or TypeKind.Binary:
                return new Key(0, 0, bytes, false);
            case PhysicalType.ByteArray or PhysicalType.FixedLenByteArray when type is DecimalType && bytes.Length is > 0 and <= 16:
            {
                Span<byte> be = stackalloc byte[16];
                be.Fill((bytes[0] & 0x80) != 0 ? (byte)0xFF : (byte)0);
                bytes.CopyTo(be[(16 - bytes.Length)..]);
                return Int(BinaryPrimitives.ReadInt128BigEndian(be));
            }
            case PhysicalType.FixedLenByteArray when type.Kind == TypeKind.Float16 && bytes.Length == 2:
                return Real((double)BinaryPrimitives.ReadHalfLittleEndian(bytes));
            default:
                return null;
        }
    }

    private static Key Int(Int128 v) => new(v, 0, null, false);

    private static Key? Real(double v) => double.IsNaN(v) ? null : new Key(0, v, null, true);

    /// <summary>The key of a filter constant for a column of <paramref name="type"/>; false when it has none (exactly).</summary>
    /// <exception cref="ArgumentException">The constant's .NET type does not fit the column type.</exception>
    public static bool TryKey(DataType type, object value, out Key key)
    {
        key = default;
        switch (type.Kind)
        {
            case TypeKind.Bool when value is bool b:
                key = Int(b ? 1 : 0);
                return true;
            case TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Int32 or TypeKind.UInt32
                or TypeKind.Int64 or TypeKind.UInt64:
                if (AsInteger(value) is { } i)
                {
                    key = Int(i);
                    return true;
                }

                if (AsReal(value) is not null)
                {
                    return false; // non-integral or huge numbers: no exact key, no pruning
                }

                break;
            case TypeKind.Float32 or TypeKind.Float64 or TypeKind.Float16:
                if (AsReal(value) is { } d)
                {
                    if (double.IsNaN(d))
                    {
                        return false;
                    }

                    key = new Key(0, d, null, true);
                    return true;
                }

                break;
            case TypeKind.String when value is string s:
                key = new Key(0, 0, Encoding.UTF8.GetBytes(s), false);
                return true;
            case TypeKind.Binary when value is byte[] bytes:
                key = new Key(0, 0, bytes, false);
                return true;
            case TypeKind.Date when value is DateOnly date:
                key = Int(date.DayNumber - UnixEpochDay);
                return true;
            case TypeKind.Timestamp when value is DateTime dt:
            {
                var ticks = dt.Ticks - DateTime.UnixEpoch.Ticks;
                var unit = ((TimestampType)type).Unit;
                switch (unit)
                {
                    case TimeUnit.Nanosecond:
                        key = Int((Int128)ticks * 100);
                        return true;
                    case TimeUnit.Microsecond when ticks % 10 == 0:
                        key = Int(ticks / 10);
                        return true;
                    case TimeUnit.Millisecond when ticks % TimeSpan.TicksPerMillisecond == 0:
                        key = Int(ticks / TimeSpan.TicksPerMillisecond);
                        return true;
                    case TimeUnit.Second when ticks % TimeSpan.TicksPerSecond == 0:
                        key = Int(ticks / TimeSpan.TicksPerSecond);
                        return true;
                    default:
                        return false;
                }
            }
            case TypeKind.Decimal when AsDecimal(value) is { } m:
            {
                var scale = ((DecimalType)type).Scale;
                try
                {
                    var scaled = m;
                    for (var k = 0; k < scale; k++)
                    {
                        scaled *= 10;
                    }

                    if (scaled != decimal.Truncate(scaled))
                    {
                        return false;
                    }

                    key = Int((Int128)scaled);
                    return true;
                }
                catch (OverflowException)
                {
                    return false;
                }
            }
        }

        throw new ArgumentException($"Filter constant {value} of type {value.GetType().Name} cannot be compared with a {type} column.", nameof(value));
    }

    private static Int128? AsInteger(object value) => value switch
    {
        sbyte v => v,
        byte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v => v,
        Int128 v => v,
        _ => null,
    };

    private static double? AsReal(object value) => value switch
    {
        float v => v,
        double v => v,
        Half v => (double)v,
        decimal v => (double)v,
        _ => AsInteger(value) is { } i ? (double)i : null,
    };

    private static decimal? AsDecimal(object value) => value switch
    {
        decimal v => v,
        _ => AsInteger(value) is { } i && i >= (Int128)long.MinValue && i <= (Int128)long.MaxValue ? (long)i : null,
    };
}
