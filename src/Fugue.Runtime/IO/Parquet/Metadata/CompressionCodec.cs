namespace Fugue.IO.Parquet.Metadata;

/// <summary>Page compression codecs.</summary>
public enum CompressionCodec
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,
    /// <summary>Snappy raw block format.</summary>
    Snappy = 1,
    /// <summary>GZIP (RFC 1952).</summary>
    Gzip = 2,
    /// <summary>LZO (not supported).</summary>
    Lzo = 3,
    /// <summary>Brotli (not supported).</summary>
    Brotli = 4,
    /// <summary>Deprecated Hadoop-framed LZ4 (not supported).</summary>
    Lz4 = 5,
    /// <summary>Zstandard frames.</summary>
    Zstd = 6,
    /// <summary>LZ4 raw block format.</summary>
    Lz4Raw = 7,
}
