namespace Fugue.IO.Thrift;

/// <summary>Type ids of the Thrift compact protocol (field headers and container element types).</summary>
public enum ThriftType : byte
{
    /// <summary>End of a struct's fields.</summary>
    Stop = 0,
    /// <summary>Boolean true (field header); in containers any boolean element.</summary>
    BooleanTrue = 1,
    /// <summary>Boolean false (field header); the canonical boolean element type of containers.</summary>
    BooleanFalse = 2,
    /// <summary>Signed 8-bit integer, one raw byte.</summary>
    I8 = 3,
    /// <summary>Signed 16-bit integer, zigzag varint.</summary>
    I16 = 4,
    /// <summary>Signed 32-bit integer, zigzag varint.</summary>
    I32 = 5,
    /// <summary>Signed 64-bit integer, zigzag varint.</summary>
    I64 = 6,
    /// <summary>IEEE double, 8 bytes little-endian.</summary>
    Double = 7,
    /// <summary>Binary or UTF-8 string: varint length then bytes.</summary>
    Binary = 8,
    /// <summary>List: size and element type header then elements.</summary>
    List = 9,
    /// <summary>Set: encoded like a list.</summary>
    Set = 10,
    /// <summary>Map: size, key/value type byte, then pairs.</summary>
    Map = 11,
    /// <summary>Struct or union.</summary>
    Struct = 12,
    /// <summary>UUID, 16 raw bytes.</summary>
    Uuid = 13,
}
