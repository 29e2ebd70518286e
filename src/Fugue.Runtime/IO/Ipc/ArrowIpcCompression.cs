namespace Fugue.IO.Ipc;

/// <summary>Body compression for written record batches (readers also accept LZ4_FRAME).</summary>
public enum ArrowIpcCompression
{
    /// <summary>Buffers are written as they are (the default: fastest, zero-copy on read).</summary>
    None,

    /// <summary>Each buffer is ZSTD-compressed (needs libzstd at run time).</summary>
    Zstd,
}
