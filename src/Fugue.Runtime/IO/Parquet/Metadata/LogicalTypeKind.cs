namespace Fugue.IO.Parquet.Metadata;

/// <summary>The member of the <c>LogicalType</c> union (values are the thrift union field ids).</summary>
public enum LogicalTypeKind
{
    /// <summary>A union member this reader does not know.</summary>
    Unsupported = 0,
    /// <summary>UTF-8 string.</summary>
    String = 1,
    /// <summary>Map group.</summary>
    Map = 2,
    /// <summary>List group.</summary>
    List = 3,
    /// <summary>Enum as UTF-8 bytes.</summary>
    Enum = 4,
    /// <summary>Decimal(precision, scale).</summary>
    Decimal = 5,
    /// <summary>Days since the Unix epoch.</summary>
    Date = 6,
    /// <summary>Time of day (unit, adjusted to UTC).</summary>
    Time = 7,
    /// <summary>Instant or local date-time (unit, adjusted to UTC).</summary>
    Timestamp = 8,
    /// <summary>Integer (bit width, signedness).</summary>
    Integer = 10,
    /// <summary>Always null (thrift name UNKNOWN).</summary>
    Null = 11,
    /// <summary>JSON document.</summary>
    Json = 12,
    /// <summary>BSON document.</summary>
    Bson = 13,
    /// <summary>UUID in FIXED[16].</summary>
    Uuid = 14,
    /// <summary>Half float in FIXED[2].</summary>
    Float16 = 15,
    /// <summary>Variant (fields not modelled).</summary>
    Variant = 16,
    /// <summary>Geometry (fields not modelled).</summary>
    Geometry = 17,
    /// <summary>Geography (fields not modelled).</summary>
    Geography = 18,
}
