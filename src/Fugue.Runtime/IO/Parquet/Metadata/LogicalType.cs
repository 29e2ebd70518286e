using System.Globalization;
using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>
/// The <c>LogicalType</c> union: which member is set (<see cref="Kind"/>) and its parameters. Immutable with value
/// equality. Members whose fields are not modelled (VARIANT, GEOMETRY, GEOGRAPHY) keep only their kind.
/// </summary>
public sealed record LogicalType
{
    private LogicalType(LogicalTypeKind kind, int unsupportedId = 0)
    {
        Kind = kind;
        UnsupportedId = unsupportedId;
    }

    /// <summary>The union member.</summary>
    public LogicalTypeKind Kind { get; private init; }

    /// <summary>The thrift field id of an <see cref="LogicalTypeKind.Unsupported"/> member.</summary>
    public int UnsupportedId { get; private init; }

    /// <summary>DECIMAL scale.</summary>
    public int Scale { get; private init; }

    /// <summary>DECIMAL precision.</summary>
    public int Precision { get; private init; }

    /// <summary>TIME / TIMESTAMP unit.</summary>
    public ParquetTimeUnit Unit { get; private init; }

    /// <summary>TIME / TIMESTAMP: true for instants (UTC-normalised), false for local (naive) values.</summary>
    public bool IsAdjustedToUtc { get; private init; }

    /// <summary>INTEGER bit width (8, 16, 32 or 64).</summary>
    public int BitWidth { get; private init; }

    /// <summary>INTEGER signedness.</summary>
    public bool IsSigned { get; private init; }

    /// <summary>STRING.</summary>
    public static LogicalType String { get; } = new(LogicalTypeKind.String);

    /// <summary>MAP.</summary>
    public static LogicalType Map { get; } = new(LogicalTypeKind.Map);

    /// <summary>LIST.</summary>
    public static LogicalType List { get; } = new(LogicalTypeKind.List);

    /// <summary>ENUM.</summary>
    public static LogicalType Enum { get; } = new(LogicalTypeKind.Enum);

    /// <summary>DATE.</summary>
    public static LogicalType Date { get; } = new(LogicalTypeKind.Date);

    /// <summary>UNKNOWN (always null).</summary>
    public static LogicalType Null { get; } = new(LogicalTypeKind.Null);

    /// <summary>JSON.</summary>
    public static LogicalType Json { get; } = new(LogicalTypeKind.Json);

    /// <summary>BSON.</summary>
    public static LogicalType Bson { get; } = new(LogicalTypeKind.Bson);

    /// <summary>UUID.</summary>
    public static LogicalType Uuid { get; } = new(LogicalTypeKind.Uuid);

    /// <summary>FLOAT16.</summary>
    public static LogicalType Float16 { get; } = new(LogicalTypeKind.Float16);

    /// <summary>DECIMAL(precision, scale).</summary>
    public static LogicalType Decimal(int precision, int scale) => new(LogicalTypeKind.Decimal) { Precision = precision, Scale = scale };

    /// <summary>TIME(unit, isAdjustedToUTC).</summary>
    public static LogicalType Time(ParquetTimeUnit unit, bool isAdjustedToUtc) => new(LogicalTypeKind.Time) { Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    /// <summary>TIMESTAMP(unit, isAdjustedToUTC).</summary>
    public static LogicalType Timestamp(ParquetTimeUnit unit, bool isAdjustedToUtc) => new(LogicalTypeKind.Timestamp) { Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    /// <summary>INTEGER(bitWidth, isSigned).</summary>
    public static LogicalType Integer(int bitWidth, bool isSigned) => new(LogicalTypeKind.Integer) { BitWidth = bitWidth, IsSigned = isSigned };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LogicalTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})"),
        LogicalTypeKind.Time or LogicalTypeKind.Timestamp => string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToUpperInvariant()}({Unit.ToString().ToUpperInvariant()},{(IsAdjustedToUtc ? "UTC" : "local")})"),
        LogicalTypeKind.Integer => string.Create(CultureInfo.InvariantCulture, $"INT({BitWidth},{(IsSigned ? "signed" : "unsigned")})"),
        LogicalTypeKind.Unsupported => string.Create(CultureInfo.InvariantCulture, $"UNSUPPORTED({UnsupportedId})"),
        _ => Kind.ToString().ToUpperInvariant(),
    };

    /// <summary>Reads the union.</summary>
    public static LogicalType Read(ref ThriftCompactReader r)
    {
        LogicalType? result = null;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            if (t != ThriftType.Struct)
            {
                r.Skip(t);
                continue;
            }

            result = id switch
            {
                1 => SkipEmpty(ref r, String),
                2 => SkipEmpty(ref r, Map),
                3 => SkipEmpty(ref r, List),
                4 => SkipEmpty(ref r, Enum),
                5 => ReadDecimal(ref r),
                6 => SkipEmpty(ref r, Date),
                7 => ReadTimeLike(ref r, LogicalTypeKind.Time),
                8 => ReadTimeLike(ref r, LogicalTypeKind.Timestamp),
                10 => ReadInteger(ref r),
                11 => SkipEmpty(ref r, Null),
                12 => SkipEmpty(ref r, Json),
                13 => SkipEmpty(ref r, Bson),
                14 => SkipEmpty(ref r, Uuid),
                15 => SkipEmpty(ref r, Float16),
                16 => SkipEmpty(ref r, new LogicalType(LogicalTypeKind.Variant)),
                17 => SkipEmpty(ref r, new LogicalType(LogicalTypeKind.Geometry)),
                18 => SkipEmpty(ref r, new LogicalType(LogicalTypeKind.Geography)),
                _ => SkipEmpty(ref r, new LogicalType(LogicalTypeKind.Unsupported, id)),
            };
        }

        r.ExitStruct();
        return result ?? throw r.Error("LogicalType union has no member set");
    }

    /// <summary>Writes the union.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        var id = Kind == LogicalTypeKind.Unsupported ? (short)UnsupportedId : (short)Kind;
        w.WriteStructFieldBegin(id);
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                w.WriteI32Field(1, Scale);
                w.WriteI32Field(2, Precision);
                break;
            case LogicalTypeKind.Time:
            case LogicalTypeKind.Timestamp:
                w.WriteBoolField(1, IsAdjustedToUtc);
                w.WriteStructFieldBegin(2);
                w.WriteStructFieldBegin((short)Unit);
                w.WriteStructEnd();
                w.WriteStructEnd();
                break;
            case LogicalTypeKind.Integer:
                w.WriteI8Field(1, (sbyte)BitWidth);
                w.WriteBoolField(2, IsSigned);
                break;
        }

        w.WriteStructEnd();
        w.WriteStructEnd();
    }

    private static LogicalType SkipEmpty(ref ThriftCompactReader r, LogicalType value)
    {
        r.Skip(ThriftType.Struct);
        return value;
    }

    private static LogicalType ReadDecimal(ref ThriftCompactReader r)
    {
        int scale = 0, precision = 0, seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: scale = r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: precision = r.ReadI32(); seen |= 2; break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 3, "DecimalType", ["scale", "precision"]);
        r.ExitStruct();
        return Decimal(precision, scale);
    }

    private static LogicalType ReadTimeLike(ref ThriftCompactReader r, LogicalTypeKind kind)
    {
        var utc = false;
        var unit = (ParquetTimeUnit)0;
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when ThriftListIo.IsBool(t): utc = r.ReadBool(); seen |= 1; break;
                case 2 when t == ThriftType.Struct: unit = ReadUnit(ref r); seen |= 2; break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 3, kind == LogicalTypeKind.Time ? "TimeType" : "TimestampType", ["isAdjustedToUTC", "unit"]);
        r.ExitStruct();
        return new LogicalType(kind) { Unit = unit, IsAdjustedToUtc = utc };
    }

    private static ParquetTimeUnit ReadUnit(ref ThriftCompactReader r)
    {
        var unit = (ParquetTimeUnit)0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            if (t == ThriftType.Struct && id is >= 1 and <= 3)
            {
                unit = (ParquetTimeUnit)id;
            }

            r.Skip(t);
        }

        r.ExitStruct();
        return unit != 0 ? unit : throw r.Error("TimeUnit union has no known member set");
    }

    private static LogicalType ReadInteger(ref ThriftCompactReader r)
    {
        int bits = 0, seen = 0;
        var signed = false;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I8: bits = r.ReadI8(); seen |= 1; break;
                case 2 when ThriftListIo.IsBool(t): signed = r.ReadBool(); seen |= 2; break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 3, "IntType", ["bitWidth", "isSigned"]);
        r.ExitStruct();
        return Integer(bits, signed);
    }
}
