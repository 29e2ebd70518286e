namespace Fugue.IO.Parquet.Metadata;

/// <summary>Deprecated type annotations, still written alongside <see cref="LogicalType"/> for old readers.</summary>
public enum ConvertedType
{
    /// <summary>UTF-8 string.</summary>
    Utf8 = 0,
    /// <summary>Map group.</summary>
    Map = 1,
    /// <summary>Key/value group inside a map.</summary>
    MapKeyValue = 2,
    /// <summary>List group.</summary>
    List = 3,
    /// <summary>Enum as bytes.</summary>
    Enum = 4,
    /// <summary>Decimal with scale and precision on the schema element.</summary>
    Decimal = 5,
    /// <summary>Days since the Unix epoch (INT32).</summary>
    Date = 6,
    /// <summary>Milliseconds since midnight (INT32).</summary>
    TimeMillis = 7,
    /// <summary>Microseconds since midnight (INT64).</summary>
    TimeMicros = 8,
    /// <summary>Milliseconds since the Unix epoch (INT64).</summary>
    TimestampMillis = 9,
    /// <summary>Microseconds since the Unix epoch (INT64).</summary>
    TimestampMicros = 10,
    /// <summary>Unsigned 8-bit in INT32.</summary>
    UInt8 = 11,
    /// <summary>Unsigned 16-bit in INT32.</summary>
    UInt16 = 12,
    /// <summary>Unsigned 32-bit in INT32.</summary>
    UInt32 = 13,
    /// <summary>Unsigned 64-bit in INT64.</summary>
    UInt64 = 14,
    /// <summary>Signed 8-bit in INT32.</summary>
    Int8 = 15,
    /// <summary>Signed 16-bit in INT32.</summary>
    Int16 = 16,
    /// <summary>Signed 32-bit in INT32.</summary>
    Int32 = 17,
    /// <summary>Signed 64-bit in INT64.</summary>
    Int64 = 18,
    /// <summary>JSON document in UTF-8 bytes.</summary>
    Json = 19,
    /// <summary>BSON document in bytes.</summary>
    Bson = 20,
    /// <summary>Months/days/millis interval in FIXED[12].</summary>
    Interval = 21,
}
