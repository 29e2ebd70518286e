using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>BYTE_STREAM_SPLIT: byte k of every value is stored in stream k; streams are concatenated.</summary>
public static class ByteStreamSplit
{
    /// <summary>Decodes <paramref name="count"/> values of <paramref name="width"/> bytes into <paramref name="dst"/>; returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> src, int count, int width, Span<byte> dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var bytes = (long)count * width;
        if (bytes > src.Length)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"BYTE_STREAM_SPLIT data too short: {count} values of {width} bytes need {bytes} bytes, {src.Length} available"));
        }

        if (bytes > dst.Length)
        {
            throw new ArgumentException("Destination is too small.", nameof(dst));
        }

        for (var k = 0; k < width; k++)
        {
            var stream = src.Slice(k * count, count);
            for (var i = 0; i < count; i++)
            {
                dst[i * width + k] = stream[i];
            }
        }

        return (int)bytes;
    }

    /// <summary>Encodes <c>src.Length / width</c> values of <paramref name="width"/> bytes.</summary>
    public static void Encode(ReadOnlySpan<byte> src, int width, GrowableBuffer output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (src.Length % width != 0)
        {
            throw new ArgumentException("Source length must be a multiple of the width.", nameof(src));
        }

        var count = src.Length / width;
        var dst = output.GetSpan(src.Length)[..src.Length];
        for (var k = 0; k < width; k++)
        {
            for (var i = 0; i < count; i++)
            {
                dst[k * count + i] = src[i * width + k];
            }
        }

        output.Advance(src.Length);
    }
}
