using System.IO.Compression;
using Fugue.IO.Parquet;

namespace Fugue.IO.Compression;

/// <summary>GZIP (RFC 1952) via System.IO.Compression; concatenated members are accepted when decompressing.</summary>
public static class GzipCodec
{
    /// <summary>Decompresses into <paramref name="destination"/>, which must be exactly the uncompressed size; returns bytes written.</summary>
    public static unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            return destination.IsEmpty ? 0 : throw new ParquetFormatException($"Corrupt GZIP data: empty input, expected {destination.Length} bytes");
        }

        fixed (byte* p = source)
        {
            using var input = new UnmanagedMemoryStream(p, source.Length);
            try
            {
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                var n = gzip.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                if (n < destination.Length)
                {
                    throw new ParquetFormatException($"Corrupt GZIP data: {n} bytes decompressed, expected {destination.Length}");
                }

                Span<byte> probe = stackalloc byte[1];
                if (gzip.Read(probe) != 0)
                {
                    throw new ParquetFormatException($"Corrupt GZIP data: more than the expected {destination.Length} bytes");
                }

                return n;
            }
            catch (InvalidDataException e)
            {
                throw new ParquetFormatException("Corrupt GZIP data: " + e.Message, e);
            }
        }
    }

    /// <summary>Compresses <paramref name="source"/> and appends the result to <paramref name="output"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> source, Stream output, CompressionLevel level = CompressionLevel.Optimal)
    {
        var before = output.CanSeek ? output.Position : -1;
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(source);
        }

        if (source.IsEmpty && output.CanSeek && output.Position == before)
        {
            // GZipStream emits nothing for empty input; write a valid empty member so other readers accept it.
            output.Write(EmptyMember);
        }
    }

    private static ReadOnlySpan<byte> EmptyMember =>
        [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
}
