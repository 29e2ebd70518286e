using System.Buffers;
using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>DELTA_LENGTH_BYTE_ARRAY: all lengths DELTA_BINARY_PACKED, then all bytes concatenated.</summary>
public static class DeltaLengthByteArray
{
    /// <summary>Decodes <paramref name="count"/> values into <paramref name="dst"/>; returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> src, int count, ByteArrayBuffer dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pos = DeltaBinaryPackedDecoder.DecodeAll(src, out var lengths, count);
        try
        {
            long total = 0;
            for (var i = 0; i < count; i++)
            {
                if (lengths[i] < 0)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"DELTA_LENGTH_BYTE_ARRAY value {i} has negative length {lengths[i]}"));
                }

                total += lengths[i];
            }

            if (total > src.Length - pos)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"DELTA_LENGTH_BYTE_ARRAY lengths total {total} bytes, only {src.Length - pos} available"));
            }

            dst.EnsureValues(count);
            dst.EnsureData((int)total);
            for (var i = 0; i < count; i++)
            {
                dst.Append(src.Slice(pos, lengths[i]));
                pos += lengths[i];
            }

            return pos;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>Encodes the values of <paramref name="values"/>.</summary>
    public static void Encode(ByteArrayBuffer values, GrowableBuffer output)
    {
        var offsets = values.Offsets;
        var lengths = ArrayPool<int>.Shared.Rent(Math.Max(1, values.Count));
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                lengths[i] = offsets[i + 1] - offsets[i];
            }

            DeltaBinaryPackedEncoder.Encode(lengths.AsSpan(0, values.Count), output);
            output.Write(values.Data);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
    }
}
