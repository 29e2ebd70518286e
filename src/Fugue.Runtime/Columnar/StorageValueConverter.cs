using System.Runtime.CompilerServices;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Converts a boxed value to a primitive column's storage form. Accepts the canonical value, integers of
/// any width for integer and floating/decimal types (range-checked), floats for floating types, and
/// DateOnly/DateTime/DateTimeOffset for dates and timestamps.
/// </summary>
internal static class StorageValueConverter
{
    public static T ToStorage<T>(object value, DataType type) where T : unmanaged
    {
        switch (type.Kind)
        {
            case TypeKind.Date:
            {
                int days = value switch
                {
                    DateOnly d => TemporalConversions.ToDays(d),
                    DateTime dt => TemporalConversions.ToDays(dt),
                    DateTimeOffset dto => TemporalConversions.ToDays(dto.DateTime),
                    _ => throw StorageTypes.WrongType(type, value),
                };
                return Unsafe.As<int, T>(ref days);
            }

            case TypeKind.Timestamp:
            {
                var ts = (TimestampType)type;
                long v = value switch
                {
                    DateTime dt => TemporalConversions.ToTimestamp(dt, ts),
                    DateTimeOffset dto => TemporalConversions.ToTimestamp(dto, ts),
                    _ => throw StorageTypes.WrongType(type, value),
                };
                return Unsafe.As<long, T>(ref v);
            }

            case TypeKind.Float16:
            {
                var h = (Half)ToDouble(value, type);
                return Unsafe.As<Half, T>(ref h);
            }

            case TypeKind.Float32:
            {
                var f = (float)ToDouble(value, type);
                return Unsafe.As<float, T>(ref f);
            }

            case TypeKind.Float64:
            {
                var d = ToDouble(value, type);
                return Unsafe.As<double, T>(ref d);
            }

            default:
            {
                if (!TryGetInteger(value, out var i))
                {
                    throw StorageTypes.WrongType(type, value);
                }

                return IntegerTo<T>(i, type);
            }
        }
    }

    public static bool TryGetInteger(object value, out Int128 result)
    {
        switch (value)
        {
            case int v: result = v; return true;
            case long v: result = v; return true;
            case short v: result = v; return true;
            case sbyte v: result = v; return true;
            case byte v: result = v; return true;
            case ushort v: result = v; return true;
            case uint v: result = v; return true;
            case ulong v: result = v; return true;
            default: result = 0; return false;
        }
    }

    private static double ToDouble(object value, DataType type) => value switch
    {
        double d => d,
        float f => f,
        Half h => (double)h,
        _ => TryGetInteger(value, out var i) ? (double)i : throw StorageTypes.WrongType(type, value),
    };

    private static T IntegerTo<T>(Int128 v, DataType type) where T : unmanaged
    {
        var (min, max) = type.Kind switch
        {
            TypeKind.Int8 => ((Int128)sbyte.MinValue, (Int128)sbyte.MaxValue),
            TypeKind.UInt8 => (0, byte.MaxValue),
            TypeKind.Int16 => (short.MinValue, short.MaxValue),
            TypeKind.UInt16 => (0, ushort.MaxValue),
            TypeKind.Int32 => (int.MinValue, int.MaxValue),
            TypeKind.UInt32 => (0, uint.MaxValue),
            TypeKind.Int64 => (long.MinValue, long.MaxValue),
            TypeKind.UInt64 => (0, (Int128)ulong.MaxValue),
            _ => throw new InvalidOperationException($"{type} is not an integer type"),
        };
        if (v < min || v > max)
        {
            throw new OverflowException($"value {v} is out of range for a {type} column ({min}..{max})");
        }

        // Two's complement truncation of an in-range value gives the right bits for every width.
        var bits = (ulong)(long)v;
        if (v > long.MaxValue)
        {
            bits = (ulong)v;
        }

        return Unsafe.As<ulong, T>(ref bits);
    }
}
