namespace Fugue.IO.Parquet.Metadata;

/// <summary>Parquet physical (storage) types (thrift <c>Type</c>).</summary>
public enum PhysicalType
{
    /// <summary>1 bit per value, bit-packed in PLAIN.</summary>
    Boolean = 0,
    /// <summary>32-bit signed integer.</summary>
    Int32 = 1,
    /// <summary>64-bit signed integer.</summary>
    Int64 = 2,
    /// <summary>Deprecated 96-bit value (legacy nanosecond timestamps).</summary>
    Int96 = 3,
    /// <summary>IEEE 32-bit float.</summary>
    Float = 4,
    /// <summary>IEEE 64-bit float.</summary>
    Double = 5,
    /// <summary>Variable-length bytes.</summary>
    ByteArray = 6,
    /// <summary>Fixed-length bytes (<see cref="SchemaElement.TypeLength"/>).</summary>
    FixedLenByteArray = 7,
}
