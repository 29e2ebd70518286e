using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// PLAIN encoding: fixed-width values little-endian back to back, booleans bit-packed LSB first, byte arrays as a
/// 4-byte little-endian length followed by the bytes, fixed-length byte arrays as raw bytes.
/// </summary>
public static class PlainEncoding
{
    /// <summary>Decodes <c>dst.Length</c> fixed-width values (int, long, float, double, <see cref="Int96"/>); returns bytes consumed.</summary>
    public static int DecodeFixed<T>(ReadOnlySpan<byte> src, Span<T> dst) where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var bytes = (long)dst.Length * size;
        if (bytes > src.Length)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"PLAIN data too short: {dst.Length} values of {size} bytes need {bytes} bytes, {src.Length} available"));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Parquet decoding requires a little-endian platform.");
        }

        src[..(int)bytes].CopyTo(MemoryMarshal.AsBytes(dst));

        return (int)bytes;
    }

    /// <summary>Encodes fixed-width values.</summary>
    public static void EncodeFixed<T>(ReadOnlySpan<T> values, GrowableBuffer output) where T : unmanaged =>
        output.Write(MemoryMarshal.AsBytes(values));

    /// <summary>Decodes <c>dst.Length</c> booleans starting at bit <paramref name="bitOffset"/>; returns the bit position after them.</summary>
    public static long DecodeBooleans(ReadOnlySpan<byte> src, Span<bool> dst, long bitOffset = 0)
    {
        var endBit = bitOffset + dst.Length;
        if ((endBit + 7) >> 3 > src.Length)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"PLAIN boolean data too short: {dst.Length} values from bit {bitOffset} need {(endBit + 7) >> 3} bytes, {src.Length} available"));
        }

        for (var i = 0; i < dst.Length; i++)
        {
            var bit = bitOffset + i;
            dst[i] = ((src[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) != 0;
        }

        return endBit;
    }

    /// <summary>Encodes booleans bit-packed LSB first (padding bits zero).</summary>
    public static void EncodeBooleans(ReadOnlySpan<bool> values, GrowableBuffer output)
    {
        var bytes = (values.Length + 7) >> 3;
        var dst = output.GetSpan(bytes)[..bytes];
        dst.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                dst[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        output.Advance(bytes);
    }

    /// <summary>Decodes <paramref name="count"/> length-prefixed byte arrays into <paramref name="dst"/>; returns bytes consumed.</summary>
    public static int DecodeByteArrays(ReadOnlySpan<byte> src, int count, ByteArrayBuffer dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // First pass validates and sizes, so corrupt lengths fail before any growth.
        var pos = 0;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            if (src.Length - pos < 4)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"PLAIN byte array {i} of {count}: length prefix truncated at byte {pos}"));
            }

            var len = BinaryPrimitives.ReadUInt32LittleEndian(src[pos..]);
            if (len > (uint)(src.Length - pos - 4))
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"PLAIN byte array {i} of {count}: length {len} at byte {pos} exceeds the {src.Length - pos - 4} bytes available"));
            }

            pos += 4 + (int)len;
            total += len;
        }

        dst.EnsureValues(count);
        dst.EnsureData((int)Math.Min(total, int.MaxValue));
        pos = 0;
        for (var i = 0; i < count; i++)
        {
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(src[pos..]);
            dst.Append(src.Slice(pos + 4, len));
            pos += 4 + len;
        }

        return pos;
    }

    /// <summary>Encodes one byte array (length prefix then bytes).</summary>
    public static void EncodeByteArray(ReadOnlySpan<byte> value, GrowableBuffer output)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value.Length);
        output.Advance(4);
        output.Write(value);
    }

    /// <summary>Decodes <paramref name="count"/> fixed-length byte arrays of <paramref name="width"/> bytes; returns bytes consumed.</summary>
    public static int DecodeFixedLenByteArrays(ReadOnlySpan<byte> src, int count, int width, ByteArrayBuffer dst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        var bytes = (long)count * width;
        if (bytes > src.Length)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"PLAIN fixed-length data too short: {count} values of {width} bytes need {bytes} bytes, {src.Length} available"));
        }

        dst.EnsureValues(count);
        dst.EnsureData((int)bytes);
        for (var i = 0; i < count; i++)
        {
            dst.Append(src.Slice(i * width, width));
        }

        return (int)bytes;
    }
}
