namespace Fugue.Generators.Model;

/// <summary>The schema family of a row-type member.</summary>
internal enum ValueKind
{
    Bool,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float16,
    Float32,
    Float64,
    Decimal,
    String,
    Binary,
    Date,
    Timestamp,
    List,
    Struct,
    Map,
}
