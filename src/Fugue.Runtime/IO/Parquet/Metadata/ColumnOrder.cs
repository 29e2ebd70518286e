namespace Fugue.IO.Parquet.Metadata;

/// <summary>Sort order of a leaf column's statistics (values are the thrift union field ids).</summary>
public enum ColumnOrder
{
    /// <summary>Not recognised by this reader: statistics min/max must be ignored.</summary>
    Unknown = 0,
    /// <summary>Order defined by the logical or physical type.</summary>
    TypeDefined = 1,
    /// <summary>IEEE 754 total order for floating point.</summary>
    Ieee754TotalOrder = 2,
    /// <summary>Chronological order of INT96 timestamps.</summary>
    Int96Timestamp = 3,
}
