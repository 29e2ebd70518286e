namespace Fugue.Schemas;

/// <summary>
/// A Fugue column type. Instances are immutable and compare by value; <see cref="ToString"/> gives the
/// canonical schema-expression form (for example <c>long</c>, <c>[str]</c>, <c>timestamp(ns,UTC)</c>).
/// </summary>
public abstract class DataType : IEquatable<DataType>
{
    private protected DataType(TypeKind kind) => Kind = kind;

    /// <summary>The kind of this type.</summary>
    public TypeKind Kind { get; }

    /// <summary>The <c>null</c> type.</summary>
    public static DataType Null { get; } = new PrimitiveType(TypeKind.Null, "null", 0);
    /// <summary>The <c>bool</c> type.</summary>
    public static DataType Bool { get; } = new PrimitiveType(TypeKind.Bool, "bool", 0);
    /// <summary>The <c>byte</c> (int8) type.</summary>
    public static DataType Int8 { get; } = new PrimitiveType(TypeKind.Int8, "byte", 1);
    /// <summary>The <c>ubyte</c> (uint8) type.</summary>
    public static DataType UInt8 { get; } = new PrimitiveType(TypeKind.UInt8, "ubyte", 1);
    /// <summary>The <c>short</c> (int16) type.</summary>
    public static DataType Int16 { get; } = new PrimitiveType(TypeKind.Int16, "short", 2);
    /// <summary>The <c>ushort</c> (uint16) type.</summary>
    public static DataType UInt16 { get; } = new PrimitiveType(TypeKind.UInt16, "ushort", 2);
    /// <summary>The <c>int</c> (int32) type.</summary>
    public static DataType Int32 { get; } = new PrimitiveType(TypeKind.Int32, "int", 4);
    /// <summary>The <c>uint</c> (uint32) type.</summary>
    public static DataType UInt32 { get; } = new PrimitiveType(TypeKind.UInt32, "uint", 4);
    /// <summary>The <c>long</c> (int64) type.</summary>
    public static DataType Int64 { get; } = new PrimitiveType(TypeKind.Int64, "long", 8);
    /// <summary>The <c>ulong</c> (uint64) type.</summary>
    public static DataType UInt64 { get; } = new PrimitiveType(TypeKind.UInt64, "ulong", 8);
    /// <summary>The <c>float16</c> type.</summary>
    public static DataType Float16 { get; } = new PrimitiveType(TypeKind.Float16, "float16", 2);
    /// <summary>The <c>float</c> (float32) type.</summary>
    public static DataType Float32 { get; } = new PrimitiveType(TypeKind.Float32, "float", 4);
    /// <summary>The <c>double</c> (float64) type.</summary>
    public static DataType Float64 { get; } = new PrimitiveType(TypeKind.Float64, "double", 8);
    /// <summary>The <c>str</c> type (UTF-8).</summary>
    public static DataType String { get; } = new PrimitiveType(TypeKind.String, "str", 0);
    /// <summary>The <c>bytes</c> type.</summary>
    public static DataType Binary { get; } = new PrimitiveType(TypeKind.Binary, "bytes", 0);
    /// <summary>The <c>date</c> type (date32, days since 1970-01-01).</summary>
    public static DataType Date { get; } = new PrimitiveType(TypeKind.Date, "date", 4);
    /// <summary>The <c>datetime</c> type: a time-zone-naive timestamp in microseconds.</summary>
    public static TimestampType DateTime { get; } = new(TimeUnit.Microsecond, null);

    /// <summary>A timestamp type with the given unit and optional time zone.</summary>
    public static TimestampType Timestamp(TimeUnit unit, string? timeZone = null) =>
        unit == TimeUnit.Microsecond && timeZone is null ? DateTime : new TimestampType(unit, timeZone);

    /// <summary>A <c>decimal(p,s)</c> type.</summary>
    public static DecimalType Decimal(int precision, int scale = 0) => new(precision, scale);

    /// <summary>A list type <c>[item]</c>.</summary>
    public static ListType List(DataType item) => new(item);

    /// <summary>A struct type <c>{fields}</c>.</summary>
    public static StructType Struct(params IEnumerable<Field> fields) => new(fields);

    /// <summary>A map type <c>&lt;key,value&gt;</c>.</summary>
    public static MapType Map(DataType key, DataType value) => new(key, value);

    /// <summary>True for fixed-width primitive types whose values live in one contiguous buffer
    /// (integers, floats, date, timestamp, decimal); false for bool, null, strings, bytes and nested types.</summary>
    public bool IsFixedWidth => ByteWidth > 0;

    /// <summary>The width in bytes of one value in the values buffer, or 0 when not fixed-width.</summary>
    public virtual int ByteWidth => 0;

    /// <summary>True for the integer kinds, signed or unsigned.</summary>
    public bool IsInteger => Kind is >= TypeKind.Int8 and <= TypeKind.UInt64;

    /// <summary>True for the signed integer kinds.</summary>
    public bool IsSignedInteger => Kind is TypeKind.Int8 or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64;

    /// <summary>True for float16, float and double.</summary>
    public bool IsFloatingPoint => Kind is TypeKind.Float16 or TypeKind.Float32 or TypeKind.Float64;

    /// <summary>True for integers, floating point and decimals.</summary>
    public bool IsNumeric => IsInteger || IsFloatingPoint || Kind == TypeKind.Decimal;

    /// <summary>True for list, struct and map types.</summary>
    public bool IsNested => Kind is TypeKind.List or TypeKind.Struct or TypeKind.Map;

    /// <summary>True for the timestamp kinds (<c>datetime</c> included).</summary>
    public bool IsTimestamp => Kind == TypeKind.Timestamp;

    /// <summary>
    /// Parses one type expression: a name or alias (<c>int</c>, <c>int32</c>, <c>string</c>, <c>datetime</c>, ...),
    /// <c>decimal(p[,s])</c>, <c>timestamp(unit[,tz])</c> with unit <c>s</c>, <c>ms</c>, <c>us</c> or <c>ns</c>, a list
    /// <c>[T]</c>, a struct <c>{a:T,...}</c> or a map <c>&lt;K,V&gt;</c>, nested up to 100 levels.
    /// </summary>
    /// <exception cref="FugueSchemaException">The expression is not a valid type.</exception>
    public static DataType Parse(string expression) => SchemaParser.ParseType(expression);

    /// <inheritdoc />
    public abstract bool Equals(DataType? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is DataType t && Equals(t);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>The canonical schema-expression form of this type.</summary>
    public abstract override string ToString();

    /// <summary>Value equality.</summary>
    public static bool operator ==(DataType? left, DataType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(DataType? left, DataType? right) => !(left == right);
}

/// <summary>A type without parameters: null, bool, the integers, floats, str, bytes and date.</summary>
public sealed class PrimitiveType : DataType
{
    private readonly string _name;
    private readonly int _width;

    internal PrimitiveType(TypeKind kind, string name, int width) : base(kind)
    {
        _name = name;
        _width = width;
    }

    /// <inheritdoc />
    public override int ByteWidth => _width;

    /// <inheritdoc />
    public override bool Equals(DataType? other) => other is PrimitiveType p && p.Kind == Kind;

    /// <inheritdoc />
    public override int GetHashCode() => (int)Kind;

    /// <inheritdoc />
    public override string ToString() => _name;
}

/// <summary>A timestamp: int64 values in <see cref="Unit"/> since the Unix epoch, naive or in <see cref="TimeZone"/>.</summary>
public sealed class TimestampType : DataType
{
    internal TimestampType(TimeUnit unit, string? timeZone) : base(TypeKind.Timestamp)
    {
        Unit = unit;
        TimeZone = string.IsNullOrEmpty(timeZone) ? null : timeZone;
    }

    /// <summary>The unit of the stored int64 values.</summary>
    public TimeUnit Unit { get; }

    /// <summary>The time zone, or null for a naive (wall-clock) timestamp.</summary>
    public string? TimeZone { get; }

    /// <inheritdoc />
    public override int ByteWidth => 8;

    /// <summary>The unit's spelling in schema expressions: s, ms, us or ns.</summary>
    public string UnitName => UnitToString(Unit);

    /// <summary>Spells a unit as in schema expressions.</summary>
    public static string UnitToString(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    /// <inheritdoc />
    public override bool Equals(DataType? other) =>
        other is TimestampType t && t.Unit == Unit && string.Equals(t.TimeZone, TimeZone, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Unit, TimeZone);

    /// <summary>
    /// Zoned timestamps print as <c>timestamp(unit,tz)</c>; naive timestamps of <b>any</b> unit print as
    /// <c>datetime</c>. This is a Fugue quirk kept for compatibility: the model keeps the unit and
    /// <see cref="Equals(DataType?)"/> compares it, so a naive <c>timestamp(ns)</c> is not equal to <c>datetime</c>
    /// (microseconds) although both print the same, and printing then parsing a naive non-microsecond timestamp
    /// gives <c>datetime</c>. Every other type round-trips exactly.
    /// </summary>
    public override string ToString() => TimeZone is null ? "datetime" : $"timestamp({UnitName},{TimeZone})";
}

/// <summary>A decimal128 with <see cref="Precision"/> digits, <see cref="Scale"/> of them after the point.</summary>
public sealed class DecimalType : DataType
{
    internal DecimalType(int precision, int scale) : base(TypeKind.Decimal)
    {
        if (precision is < 1 or > 38)
        {
            throw new FugueSchemaException($"decimal precision must be between 1 and 38, got {precision}");
        }

        if (scale < 0 || scale > precision)
        {
            throw new FugueSchemaException($"decimal scale must be between 0 and the precision {precision}, got {scale}");
        }

        Precision = precision;
        Scale = scale;
    }

    /// <summary>The total number of digits.</summary>
    public int Precision { get; }

    /// <summary>The number of digits after the decimal point.</summary>
    public int Scale { get; }

    /// <inheritdoc />
    public override int ByteWidth => 16;

    /// <inheritdoc />
    public override bool Equals(DataType? other) => other is DecimalType d && d.Precision == Precision && d.Scale == Scale;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Precision, Scale);

    /// <inheritdoc />
    public override string ToString() => Scale == 0 ? $"decimal({Precision})" : $"decimal({Precision},{Scale})";
}

/// <summary>A list of values of <see cref="ItemType"/>: <c>[T]</c>.</summary>
public sealed class ListType : DataType
{
    internal ListType(DataType itemType) : base(TypeKind.List) => ItemType = itemType ?? throw new ArgumentNullException(nameof(itemType));

    /// <summary>The type of the items.</summary>
    public DataType ItemType { get; }

    /// <inheritdoc />
    public override bool Equals(DataType? other) => other is ListType l && l.ItemType.Equals(ItemType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ItemType);

    /// <inheritdoc />
    public override string ToString() => $"[{ItemType}]";
}

/// <summary>A struct of named <see cref="Fields"/>: <c>{a:T,b:U}</c>.</summary>
public sealed class StructType : DataType
{
    internal StructType(IEnumerable<Field> fields)
        : this((fields ?? throw new ArgumentNullException(nameof(fields))).ToArray(), validated: false)
    {
    }

    /// <summary>Takes ownership of <paramref name="fields"/>; checks the names unless the caller (the parser) did.</summary>
    internal StructType(Field[] fields, bool validated) : base(TypeKind.Struct)
    {
        if (!validated)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in fields)
            {
                ArgumentNullException.ThrowIfNull(f, nameof(fields));
                if (!seen.Add(f.Name))
                {
                    throw new FugueSchemaException($"duplicate field name '{f.Name}' in struct");
                }
            }
        }

        Fields = fields;
    }

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The index of the field with the given name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override bool Equals(DataType? other) => other is StructType s && s.Fields.SequenceEqual(Fields);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Kind);
        foreach (var f in Fields)
        {
            h.Add(f);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(",", Fields) + "}";
}

/// <summary>A map from <see cref="KeyType"/> to <see cref="ValueType"/>: <c>&lt;K,V&gt;</c>. Stored as a list of key/value structs.</summary>
public sealed class MapType : DataType
{
    private StructType? _entryType;

    internal MapType(DataType keyType, DataType valueType) : base(TypeKind.Map)
    {
        KeyType = keyType ?? throw new ArgumentNullException(nameof(keyType));
        ValueType = valueType ?? throw new ArgumentNullException(nameof(valueType));
    }

    /// <summary>The key type.</summary>
    public DataType KeyType { get; }

    /// <summary>The value type.</summary>
    public DataType ValueType { get; }

    /// <summary>The struct of one entry, <c>{key:K,value:V}</c>, as Arrow lays maps out.</summary>
    public StructType EntryType => _entryType ??= new([new Field("key", KeyType), new Field("value", ValueType)]);

    /// <inheritdoc />
    public override bool Equals(DataType? other) => other is MapType m && m.KeyType.Equals(KeyType) && m.ValueType.Equals(ValueType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, KeyType, ValueType);

    /// <inheritdoc />
    public override string ToString() => $"<{KeyType},{ValueType}>";
}
