using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Maps flat Parquet leaves to Fugue types (by logical type, then converted type, then physical type) and
/// Fugue types to Parquet schema elements for writing.
/// </summary>
internal static class ParquetTypeMapping
{
    /// <summary>The Fugue type of a leaf column.</summary>
    public static DataType ToDataType(SchemaElement e)
    {
        var lt = e.LogicalType;
        var ct = e.ConvertedType;
        if (lt?.Kind == LogicalTypeKind.Null)
        {
            return DataType.Null;
        }

        switch (e.Type)
        {
            case PhysicalType.Boolean:
                return DataType.Bool;
            case PhysicalType.Int32:
                if (lt?.Kind == LogicalTypeKind.Integer)
                {
                    return (lt.BitWidth, lt.IsSigned) switch
                    {
                        (8, true) => DataType.Int8,
                        (8, false) => DataType.UInt8,
                        (16, true) => DataType.Int16,
                        (16, false) => DataType.UInt16,
                        (32, false) => DataType.UInt32,
                        _ => DataType.Int32,
                    };
                }

                if (lt?.Kind == LogicalTypeKind.Date || (lt is null && ct == ConvertedType.Date))
                {
                    return DataType.Date;
                }

                if (Decimal(e) is { } d32)
                {
                    return d32;
                }

                return lt is null ? ct switch
                {
                    ConvertedType.Int8 => DataType.Int8,
                    ConvertedType.UInt8 => DataType.UInt8,
                    ConvertedType.Int16 => DataType.Int16,
                    ConvertedType.UInt16 => DataType.UInt16,
                    ConvertedType.UInt32 => DataType.UInt32,
                    _ => DataType.Int32,
                } : DataType.Int32;
            case PhysicalType.Int64:
                if (lt?.Kind == LogicalTypeKind.Integer)
                {
                    return lt.IsSigned ? DataType.Int64 : DataType.UInt64;
                }

                if (lt?.Kind == LogicalTypeKind.Timestamp)
                {
                    return DataType.Timestamp(ToUnit(lt.Unit), lt.IsAdjustedToUtc ? "UTC" : null);
                }

                if (Decimal(e) is { } d64)
                {
                    return d64;
                }

                return lt is null ? ct switch
                {
                    ConvertedType.UInt64 => DataType.UInt64,
                    // Converted TIMESTAMP_* annotations mean UTC-adjusted instants (LogicalTypes.md).
                    ConvertedType.TimestampMillis => DataType.Timestamp(TimeUnit.Millisecond, "UTC"),
                    ConvertedType.TimestampMicros => DataType.Timestamp(TimeUnit.Microsecond, "UTC"),
                    _ => DataType.Int64,
                } : DataType.Int64;
            case PhysicalType.Int96:
                return DataType.Timestamp(TimeUnit.Nanosecond);
            case PhysicalType.Float:
                return DataType.Float32;
            case PhysicalType.Double:
                return DataType.Float64;
            case PhysicalType.ByteArray:
                if (Decimal(e) is { } db)
                {
                    return db;
                }

                return lt?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                    || (lt is null && ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                    ? DataType.String
                    : DataType.Binary;
            case PhysicalType.FixedLenByteArray:
                if (Decimal(e) is { } df)
                {
                    return df;
                }

                if (lt?.Kind == LogicalTypeKind.Float16 && e.TypeLength == 2)
                {
                    return DataType.Float16;
                }

                return DataType.Binary;
            default:
                throw new NotSupportedException($"Parquet column '{e.Name}' has unsupported physical type {e.Type}.");
        }
    }

    /// <summary>The Parquet leaf for a Fugue field (always OPTIONAL: Fugue columns are nullable).</summary>
    public static SchemaElement ToSchemaElement(Field field)
    {
        var e = new SchemaElement { Name = field.Name, RepetitionType = FieldRepetitionType.Optional };
        var t = field.Type;
        switch (t.Kind)
        {
            case TypeKind.Null:
                e.Type = PhysicalType.Int32;
                e.LogicalType = LogicalType.Null;
                break;
            case TypeKind.Bool:
                e.Type = PhysicalType.Boolean;
                break;
            case TypeKind.Int8: SetInt(e, 8, true, ConvertedType.Int8); break;
            case TypeKind.UInt8: SetInt(e, 8, false, ConvertedType.UInt8); break;
            case TypeKind.Int16: SetInt(e, 16, true, ConvertedType.Int16); break;
            case TypeKind.UInt16: SetInt(e, 16, false, ConvertedType.UInt16); break;
            case TypeKind.Int32: e.Type = PhysicalType.Int32; break;
            case TypeKind.UInt32: SetInt(e, 32, false, ConvertedType.UInt32); break;
            case TypeKind.Int64: e.Type = PhysicalType.Int64; break;
            case TypeKind.UInt64:
                e.Type = PhysicalType.Int64;
                e.LogicalType = LogicalType.Integer(64, false);
                e.ConvertedType = ConvertedType.UInt64;
                break;
            case TypeKind.Float16:
                e.Type = PhysicalType.FixedLenByteArray;
                e.TypeLength = 2;
                e.LogicalType = LogicalType.Float16;
                break;
            case TypeKind.Float32: e.Type = PhysicalType.Float; break;
            case TypeKind.Float64: e.Type = PhysicalType.Double; break;
            case TypeKind.String:
                e.Type = PhysicalType.ByteArray;
                e.LogicalType = LogicalType.String;
                e.ConvertedType = ConvertedType.Utf8;
                break;
            case TypeKind.Binary: e.Type = PhysicalType.ByteArray; break;
            case TypeKind.Date:
                e.Type = PhysicalType.Int32;
                e.LogicalType = LogicalType.Date;
                e.ConvertedType = ConvertedType.Date;
                break;
            case TypeKind.Timestamp:
            {
                var ts = (TimestampType)t;
                var unit = WriteUnit(ts.Unit);
                var utc = ts.TimeZone is not null;
                e.Type = PhysicalType.Int64;
                e.LogicalType = LogicalType.Timestamp(unit, utc);
                // Converted types imply UTC adjustment, so only annotate instants.
                e.ConvertedType = !utc ? null : unit switch
                {
                    ParquetTimeUnit.Millis => ConvertedType.TimestampMillis,
                    ParquetTimeUnit.Micros => ConvertedType.TimestampMicros,
                    _ => null,
                };
                break;
            }
            case TypeKind.Decimal:
            {
                var d = (DecimalType)t;
                e.Type = d.Precision <= 9 ? PhysicalType.Int32 : d.Precision <= 18 ? PhysicalType.Int64 : PhysicalType.FixedLenByteArray;
                if (e.Type == PhysicalType.FixedLenByteArray)
                {
                    e.TypeLength = DecimalByteWidth(d.Precision);
                }

                e.LogicalType = LogicalType.Decimal(d.Precision, d.Scale);
                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = d.Precision;
                e.Scale = d.Scale;
                break;
            }
            default:
                throw new NotSupportedException($"Writing nested column '{field.Name}' of type {t} to Parquet is not supported yet.");
        }

        return e;
    }

    /// <summary>The Parquet unit written for a Fugue unit (seconds are written as milliseconds).</summary>
    public static ParquetTimeUnit WriteUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second or TimeUnit.Millisecond => ParquetTimeUnit.Millis,
        TimeUnit.Microsecond => ParquetTimeUnit.Micros,
        _ => ParquetTimeUnit.Nanos,
    };

    /// <summary>The smallest byte width holding any unscaled value of <paramref name="precision"/> digits.</summary>
    public static int DecimalByteWidth(int precision)
    {
        for (var bytes = 1; bytes < 16; bytes++)
        {
            // max positive value in `bytes` two's complement bytes is 2^(8*bytes-1) - 1
            if (System.Numerics.BigInteger.Pow(10, precision) - 1 <= System.Numerics.BigInteger.Pow(2, 8 * bytes - 1) - 1)
            {
                return bytes;
            }
        }

        return 16;
    }

    private static TimeUnit ToUnit(ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Millis => TimeUnit.Millisecond,
        ParquetTimeUnit.Micros => TimeUnit.Microsecond,
        _ => TimeUnit.Nanosecond,
    };

    private static DataType? Decimal(SchemaElement e)
    {
        int precision, scale;
        if (e.LogicalType?.Kind == LogicalTypeKind.Decimal)
        {
            precision = e.LogicalType.Precision;
            scale = e.LogicalType.Scale;
        }
        else if (e.LogicalType is null && e.ConvertedType == ConvertedType.Decimal && e.Precision is { } p)
        {
            precision = p;
            scale = e.Scale ?? 0;
        }
        else
        {
            return null;
        }

        if (precision is < 1 or > 38 || scale < 0 || scale > precision)
        {
            throw new NotSupportedException($"Parquet column '{e.Name}' has decimal({precision},{scale}); only precision 1..38 is supported.");
        }

        if (e.Type == PhysicalType.FixedLenByteArray && e.TypeLength is not (>= 1 and <= 16))
        {
            throw new NotSupportedException($"Parquet column '{e.Name}' stores decimals in {e.TypeLength} bytes; at most 16 are supported.");
        }

        return DataType.Decimal(precision, scale);
    }

    private static void SetInt(SchemaElement e, int bits, bool signed, ConvertedType ct)
    {
        e.Type = PhysicalType.Int32;
        e.LogicalType = LogicalType.Integer(bits, signed);
        e.ConvertedType = ct;
    }
}
