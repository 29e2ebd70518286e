using System.IO.Compression;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.IO.Compression;

/// <summary>Page compression by Parquet codec: UNCOMPRESSED, SNAPPY, GZIP, ZSTD (native libzstd) and LZ4_RAW.</summary>
public static class ParquetCompression
{
    /// <summary>Whether <paramref name="codec"/> can be decompressed and compressed here.</summary>
    public static bool IsSupported(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Lz4Raw => true,
        CompressionCodec.Zstd => ZstdCodec.IsAvailable,
        _ => false,
    };

    /// <summary>
    /// Decompresses a page body into <paramref name="destination"/>, whose length is the page's uncompressed size.
    /// </summary>
    /// <exception cref="ParquetFormatException">The data is corrupt or does not have the expected size.</exception>
    /// <exception cref="NotSupportedException">The codec is not supported.</exception>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n;
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (source.Length != destination.Length)
                {
                    throw new ParquetFormatException($"Uncompressed page has {source.Length} bytes, header says {destination.Length}");
                }

                source.CopyTo(destination);
                return;
            case CompressionCodec.Snappy:
                n = SnappyCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Gzip:
                n = GzipCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Zstd:
                n = ZstdCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Lz4Raw:
                n = Lz4RawCodec.Decompress(source, destination);
                break;
            default:
                throw new NotSupportedException($"Parquet compression codec {codec} is not supported.");
        }

        if (n != destination.Length)
        {
            throw new ParquetFormatException($"{codec} page decompressed to {n} bytes, header says {destination.Length}");
        }
    }

    /// <summary>Compresses <paramref name="source"/> with <paramref name="codec"/> and appends to <paramref name="output"/>; returns bytes appended.</summary>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> source, GrowableBuffer output)
    {
        var before = output.Length;
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                output.Write(source);
                break;
            case CompressionCodec.Snappy:
                output.Advance(SnappyCodec.Compress(source, output.GetSpan(SnappyCodec.GetMaxCompressedLength(source.Length))));
                break;
            case CompressionCodec.Lz4Raw:
                output.Advance(Lz4RawCodec.Compress(source, output.GetSpan(Lz4RawCodec.GetMaxCompressedLength(source.Length))));
                break;
            case CompressionCodec.Zstd:
                output.Advance(ZstdCodec.Compress(source, output.GetSpan(ZstdCodec.GetMaxCompressedLength(source.Length))));
                break;
            case CompressionCodec.Gzip:
            {
                using var ms = new MemoryStream();
                GzipCodec.Compress(source, ms, CompressionLevel.Optimal);
                output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
                break;
            }
            default:
                throw new NotSupportedException($"Parquet compression codec {codec} is not supported.");
        }

        return output.Length - before;
    }
}
