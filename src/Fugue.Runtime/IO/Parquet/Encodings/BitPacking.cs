using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// LSB-first bit packing as used by the RLE/bit-packing hybrid and DELTA_BINARY_PACKED: value i occupies bits
/// [i*w, (i+1)*w) of the little-endian bit stream.
/// </summary>
public static class BitPacking
{
    /// <summary>The number of bytes that <paramref name="count"/> values of <paramref name="bitWidth"/> bits occupy.</summary>
    public static int ByteCount(int count, int bitWidth) => (int)(((long)count * bitWidth + 7) >> 3);

    /// <summary>Unpacks <c>dst.Length</c> values of up to 32 bits from <paramref name="src"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> src, Span<int> dst, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..32.");
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        CheckLength(src, dst.Length, bitWidth);
        var mask = bitWidth == 32 ? ulong.MaxValue : (1UL << bitWidth) - 1;

        // Fast path while a whole 8-byte window is available (bitWidth + 7 <= 39 bits fit in one read): the values
        // whose window starts at or before src.Length - 8 are counted up front, so the loop needs no bounds checks.
        var fast = src.Length < 8 ? 0 : (int)Math.Min(dst.Length, (((long)src.Length - 8) * 8 + 7) / bitWidth + 1);
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        var i = 0;
        long bit = 0;
        for (; i < fast; i++, bit += bitWidth)
        {
            Unsafe.Add(ref d, i) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, (nint)(bit >> 3))) >> (int)(bit & 7)) & mask);
        }

        for (; i < dst.Length; i++, bit += bitWidth)
        {
            dst[i] = (int)(SlowRead(src, bit, bitWidth) & mask);
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of up to 64 bits from <paramref name="src"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> src, Span<ulong> dst, int bitWidth)
    {
        if ((uint)bitWidth > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..64.");
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        CheckLength(src, dst.Length, bitWidth);
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        var i = 0;
        long bit = 0;
        var fastEnd = src.Length - 16;
        for (; i < dst.Length; i++, bit += bitWidth)
        {
            var b = (int)(bit >> 3);
            if (b > fastEnd)
            {
                break;
            }

            var shift = (int)(bit & 7);
            var lo = BinaryPrimitives.ReadUInt64LittleEndian(src[b..]);
            var v = lo >> shift;
            if (shift + bitWidth > 64)
            {
                v |= (ulong)src[b + 8] << (64 - shift);
            }

            dst[i] = v & mask;
        }

        for (; i < dst.Length; i++, bit += bitWidth)
        {
            dst[i] = SlowRead(src, bit, bitWidth) & mask;
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of up to 32 bits starting at any bit offset of <paramref name="src"/>.</summary>
    public static void UnpackAt(ReadOnlySpan<byte> src, long bitOffset, Span<int> dst, int bitWidth)
    {
        if ((bitOffset & 7) == 0)
        {
            Unpack(src[(int)(bitOffset >> 3)..], dst, bitWidth);
            return;
        }

        CheckBits(src, bitOffset, dst.Length, bitWidth);
        var mask = bitWidth == 32 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        for (var i = 0; i < dst.Length; i++, bitOffset += bitWidth)
        {
            dst[i] = (int)(SlowRead(src, bitOffset, bitWidth) & mask);
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of up to 64 bits starting at any bit offset of <paramref name="src"/>.</summary>
    public static void UnpackAt(ReadOnlySpan<byte> src, long bitOffset, Span<ulong> dst, int bitWidth)
    {
        if ((bitOffset & 7) == 0)
        {
            Unpack(src[(int)(bitOffset >> 3)..], dst, bitWidth);
            return;
        }

        CheckBits(src, bitOffset, dst.Length, bitWidth);
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        for (var i = 0; i < dst.Length; i++, bitOffset += bitWidth)
        {
            dst[i] = SlowRead(src, bitOffset, bitWidth) & mask;
        }
    }

    /// <summary>Packs values of <paramref name="bitWidth"/> bits into <paramref name="dst"/> (every byte of the packed range is written, padding bits zero); extra high bits are masked off.</summary>
    public static void Pack(ReadOnlySpan<int> values, Span<byte> dst, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..32.");
        }

        if (bitWidth == 0)
        {
            return;
        }

        // Bits gather in a 64-bit accumulator (at most 31 pending + 32 new) and leave 4 bytes at a time; every byte
        // of the packed range is written exactly once.
        var mask = bitWidth == 32 ? uint.MaxValue : (1U << bitWidth) - 1;
        ulong acc = 0;
        var pending = 0;
        var o = 0;
        foreach (var v in values)
        {
            acc |= (ulong)((uint)v & mask) << pending;
            pending += bitWidth;
            if (pending >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(dst[o..], (uint)acc);
                o += 4;
                acc >>= 32;
                pending -= 32;
            }
        }

        while (pending > 0)
        {
            dst[o++] = (byte)acc;
            acc >>= 8;
            pending -= 8;
        }
    }

    /// <summary>Packs values of <paramref name="bitWidth"/> (up to 64) bits into <paramref name="dst"/> (cleared first).</summary>
    public static void Pack(ReadOnlySpan<ulong> values, Span<byte> dst, int bitWidth)
    {
        if ((uint)bitWidth > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..64.");
        }

        var bytes = ByteCount(values.Length, bitWidth);
        dst[..bytes].Clear();
        if (bitWidth == 0)
        {
            return;
        }

        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long bit = 0;
        foreach (var v in values)
        {
            WriteBits(dst, bit, v & mask, bitWidth);
            bit += bitWidth;
        }
    }

    /// <summary>The number of bits needed to represent <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(ulong maxValue) => 64 - System.Numerics.BitOperations.LeadingZeroCount(maxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteBits(Span<byte> dst, long bit, ulong value, int bitWidth)
    {
        var b = (int)(bit >> 3);
        var shift = (int)(bit & 7);
        // Low byte gets the value shifted into place; subsequent bytes get the remaining bits.
        dst[b] |= (byte)(value << shift);
        var written = 8 - shift;
        while (written < bitWidth)
        {
            dst[++b] |= (byte)(value >> written);
            written += 8;
        }
    }

    private static ulong SlowRead(ReadOnlySpan<byte> src, long bit, int bitWidth)
    {
        var b = (int)(bit >> 3);
        var shift = (int)(bit & 7);
        ulong v = (ulong)src[b] >> shift;
        var got = 8 - shift;
        while (got < bitWidth)
        {
            v |= (ulong)src[++b] << got; // got < 64 here since got < bitWidth <= 64
            got += 8;
        }

        return v;
    }

    private static void CheckBits(ReadOnlySpan<byte> src, long bitOffset, int count, int bitWidth)
    {
        if ((uint)bitWidth > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..64.");
        }

        if ((bitOffset + (long)count * bitWidth + 7) >> 3 > src.Length)
        {
            throw new ParquetFormatException($"Bit-packed data too short: {count} values of {bitWidth} bits from bit {bitOffset} exceed {src.Length} bytes");
        }
    }

    private static void CheckLength(ReadOnlySpan<byte> src, int count, int bitWidth)
    {
        if (ByteCount(count, bitWidth) > src.Length)
        {
            throw new ParquetFormatException(
                $"Bit-packed data too short: {count} values of {bitWidth} bits need {ByteCount(count, bitWidth)} bytes, {src.Length} available");
        }
    }
}
