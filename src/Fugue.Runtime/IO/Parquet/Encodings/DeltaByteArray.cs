using System.Buffers;
using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY (incremental / front coding): prefix lengths shared with the previous value
/// (DELTA_BINARY_PACKED), then the suffixes as DELTA_LENGTH_BYTE_ARRAY. The first value of a page has no predecessor.
/// </summary>
public static class DeltaByteArray
{
    /// <summary>Decodes <paramref name="count"/> values into <paramref name="dst"/>; returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> src, int count, ByteArrayBuffer dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pos = DeltaBinaryPackedDecoder.DecodeAll(src, out var prefixes, count);
        var suffixes = new ByteArrayBuffer(count, 256);
        try
        {
            pos += DeltaLengthByteArray.Decode(src[pos..], count, suffixes);
            var prevLength = 0;
            var prevIndex = -1;
            long total = 0;
            for (var i = 0; i < count; i++)
            {
                var p = prefixes[i];
                if (p < 0 || p > prevLength)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"DELTA_BYTE_ARRAY value {i} has prefix length {p}, previous value has {prevLength} bytes"));
                }

                prevLength = p + suffixes[i].Length;
                total += prevLength;
            }

            if (total > Array.MaxLength)
            {
                throw new ParquetFormatException("DELTA_BYTE_ARRAY values exceed 2 GB");
            }

            dst.EnsureValues(count);
            dst.EnsureData((int)total);
            for (var i = 0; i < count; i++)
            {
                var start = dst.Count;
                dst.AppendPrefixed(prevIndex < 0 ? start : prevIndex, prefixes[i], suffixes[i]);
                prevIndex = start;
            }

            return pos;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
        }
    }

    /// <summary>Encodes the values of <paramref name="values"/>.</summary>
    public static void Encode(ByteArrayBuffer values, GrowableBuffer output)
    {
        var n = values.Count;
        var prefixes = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        var suffixes = new ByteArrayBuffer(n, values.DataLength);
        try
        {
            ReadOnlySpan<byte> prev = default;
            for (var i = 0; i < n; i++)
            {
                var v = values[i];
                var p = v.CommonPrefixLength(prev);
                prefixes[i] = p;
                suffixes.Append(v[p..]);
                prev = v;
            }

            DeltaBinaryPackedEncoder.Encode(prefixes.AsSpan(0, n), output);
            DeltaLengthByteArray.Encode(suffixes, output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
        }
    }
}
