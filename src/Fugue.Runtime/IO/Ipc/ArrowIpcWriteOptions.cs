namespace Fugue.IO.Ipc;

/// <summary>Options of the Arrow IPC writers.</summary>
public sealed class ArrowIpcWriteOptions
{
    /// <summary>The default options: uncompressed, no metadata.</summary>
    public static ArrowIpcWriteOptions Default { get; } = new();

    /// <summary>Body compression of record batches.</summary>
    public ArrowIpcCompression Compression { get; init; } = ArrowIpcCompression.None;

    /// <summary>The ZSTD level when <see cref="Compression"/> is <see cref="ArrowIpcCompression.Zstd"/>.</summary>
    public int ZstdLevel { get; init; } = 1;

    /// <summary>Schema-level custom metadata (key/value pairs), or null.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
