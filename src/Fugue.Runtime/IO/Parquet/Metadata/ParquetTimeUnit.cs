namespace Fugue.IO.Parquet.Metadata;

/// <summary>Units of TIME and TIMESTAMP logical types (values are the thrift union field ids).</summary>
public enum ParquetTimeUnit
{
    /// <summary>Milliseconds.</summary>
    Millis = 1,
    /// <summary>Microseconds.</summary>
    Micros = 2,
    /// <summary>Nanoseconds.</summary>
    Nanos = 3,
}
