using System.Buffers.Binary;
using System.Globalization;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet;

/// <summary>
/// Locates, reads and writes the Parquet file footer: <c>PAR1 ... FileMetaData footerLength(4, LE) PAR1</c>.
/// </summary>
public static class ParquetFooter
{
    /// <summary>The 4-byte magic at both ends of a Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Reads the footer metadata of the seekable <paramref name="stream"/>.</summary>
    /// <exception cref="ParquetFormatException">The stream is not a (supported) Parquet file.</exception>
    public static FileMetaData Read(Stream stream, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable to read a Parquet footer.", nameof(stream));
        }

        var length = stream.Length;
        if (length < 12)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Not a Parquet file: {length} bytes is shorter than the minimum of 12"), filePath, 0);
        }

        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        stream.ReadExactly(head);
        Span<byte> tail = stackalloc byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (tail[4..].SequenceEqual("PARE"u8))
        {
            throw new ParquetFormatException("Encrypted Parquet footers are not supported", filePath, length - 4);
        }

        if (!head.SequenceEqual(Magic))
        {
            throw new ParquetFormatException("Not a Parquet file: missing leading magic 'PAR1'", filePath, 0);
        }

        if (!tail[4..].SequenceEqual(Magic))
        {
            throw new ParquetFormatException("Not a Parquet file: missing trailing magic 'PAR1'", filePath, length - 4);
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Footer length {footerLength} is invalid for a file of {length} bytes"), filePath, length - 8);
        }

        var start = length - 8 - footerLength;
        var buffer = new byte[footerLength];
        stream.Position = start;
        stream.ReadExactly(buffer);
        var metadata = FileMetaData.Read(buffer, filePath, start);
        if (metadata.IsEncrypted)
        {
            throw new ParquetFormatException("Encrypted Parquet files are not supported", filePath, start);
        }

        return metadata;
    }

    /// <summary>Reads the footer metadata of the file at <paramref name="path"/>.</summary>
    public static FileMetaData Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Writes <paramref name="metadata"/>, its length and the trailing magic at the stream's position.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Write(Stream stream, FileMetaData metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(metadata);
        var w = new ThriftCompactWriter(4096);
        metadata.Write(w);
        w.WriteTo(stream);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, w.Length);
        Magic.CopyTo(tail[4..]);
        stream.Write(tail);
        return w.Length + 8;
    }
}
