using System.Numerics;
using System.Runtime.InteropServices;

namespace Fugue.Columnar;

/// <summary>Bitmap helpers for Arrow's LSB-first bit order (bit i is <c>byte[i / 8] &amp; (1 &lt;&lt; (i % 8))</c>).</summary>
public static class BitUtility
{
    /// <summary>The number of bytes needed to hold <paramref name="bits"/> bits.</summary>
    public static int BytesFor(long bits) => checked((int)((bits + 7) >> 3));

    /// <summary>Reads bit <paramref name="index"/>.</summary>
    public static bool GetBit(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Sets bit <paramref name="index"/> to <paramref name="value"/>.</summary>
    public static void SetBit(Span<byte> bits, int index, bool value)
    {
        if (value)
        {
            bits[index >> 3] |= (byte)(1 << (index & 7));
        }
        else
        {
            bits[index >> 3] &= (byte)~(1 << (index & 7));
        }
    }

    /// <summary>Counts the set bits among <paramref name="length"/> bits starting at bit <paramref name="offset"/>.</summary>
    public static int CountSetBits(ReadOnlySpan<byte> bits, int offset, int length)
    {
        var count = 0;
        var i = offset;
        var end = offset + length;
        // Leading bits up to a byte boundary.
        while (i < end && (i & 7) != 0)
        {
            if (GetBit(bits, i))
            {
                count++;
            }

            i++;
        }

        // Whole bytes, eight at a time through ulong popcount.
        var wholeBytes = (end - i) >> 3;
        if (wholeBytes > 0)
        {
            var bytes = bits.Slice(i >> 3, wholeBytes);
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var w in words)
            {
                count += BitOperations.PopCount(w);
            }

            for (var b = words.Length * 8; b < bytes.Length; b++)
            {
                count += BitOperations.PopCount(bytes[b]);
            }

            i += wholeBytes << 3;
        }

        while (i < end)
        {
            if (GetBit(bits, i))
            {
                count++;
            }

            i++;
        }

        return count;
    }
}
