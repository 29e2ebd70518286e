using System.IO.MemoryMappedFiles;

namespace Fugue.IO.Parquet;

/// <summary>
/// A read-only memory mapping of a whole Parquet file for <see cref="ParquetReader.ReadAll"/>: column chunks are
/// decoded straight from the page cache instead of being copied into a buffer first. Only for files on disk of
/// some size; the streaming reads keep reading chunk by chunk.
/// </summary>
internal sealed unsafe class MappedParquetFile : IDisposable
{
    private const long MinLength = 1 << 20;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly long _length;

    private MappedParquetFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    /// <summary>Maps the file behind <paramref name="stream"/>, or null when it is not a file worth mapping (or mapping fails).</summary>
    public static MappedParquetFile? TryMap(Stream stream, long length)
    {
        if (stream is not FileStream { SafeFileHandle: { IsClosed: false } handle } || length < MinLength)
        {
            return null;
        }

        MemoryMappedFile? file = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedParquetFile(file, view, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            file?.Dispose();
            return null; // fall back to positional reads
        }
    }

    /// <summary>The bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of the file (checked by the caller).</summary>
    public ReadOnlySpan<byte> Span(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _length);
        return new ReadOnlySpan<byte>(_pointer + offset, length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
