namespace Fugue.Schemas;

/// <summary>The kind of a <see cref="DataType"/>; one value per Fugue schema type.</summary>
public enum TypeKind
{
    /// <summary>The null type (<c>null</c>): every value is null.</summary>
    Null,
    /// <summary>Boolean (<c>bool</c>).</summary>
    Bool,
    /// <summary>Signed 8-bit integer (<c>byte</c>).</summary>
    Int8,
    /// <summary>Unsigned 8-bit integer (<c>ubyte</c>).</summary>
    UInt8,
    /// <summary>Signed 16-bit integer (<c>short</c>).</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer (<c>ushort</c>).</summary>
    UInt16,
    /// <summary>Signed 32-bit integer (<c>int</c>).</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer (<c>uint</c>).</summary>
    UInt32,
    /// <summary>Signed 64-bit integer (<c>long</c>).</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer (<c>ulong</c>).</summary>
    UInt64,
    /// <summary>IEEE half precision float (<c>float16</c>).</summary>
    Float16,
    /// <summary>IEEE single precision float (<c>float</c>).</summary>
    Float32,
    /// <summary>IEEE double precision float (<c>double</c>).</summary>
    Float64,
    /// <summary>UTF-8 string (<c>str</c>).</summary>
    String,
    /// <summary>Variable-length bytes (<c>bytes</c>).</summary>
    Binary,
    /// <summary>Calendar date, days since the Unix epoch (<c>date</c>).</summary>
    Date,
    /// <summary>Timestamp as int64 in a <see cref="TimeUnit"/>, with an optional time zone (<c>datetime</c>, <c>timestamp(unit,tz)</c>).</summary>
    Timestamp,
    /// <summary>128-bit decimal with precision and scale (<c>decimal(p,s)</c>).</summary>
    Decimal,
    /// <summary>List of one item type (<c>[T]</c>).</summary>
    List,
    /// <summary>Struct of named fields (<c>{a:T,...}</c>).</summary>
    Struct,
    /// <summary>Map from keys to values (<c>&lt;K,V&gt;</c>).</summary>
    Map,
}

/// <summary>The unit of a timestamp's int64 value, as in Arrow.</summary>
public enum TimeUnit
{
    /// <summary>Seconds (<c>s</c>).</summary>
    Second,
    /// <summary>Milliseconds (<c>ms</c>).</summary>
    Millisecond,
    /// <summary>Microseconds (<c>us</c>); the unit of <c>datetime</c>.</summary>
    Microsecond,
    /// <summary>Nanoseconds (<c>ns</c>).</summary>
    Nanosecond,
}
