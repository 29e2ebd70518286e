using System.Buffers.Binary;
using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// Whole-buffer helpers for the RLE / bit-packing hybrid: decoding an exact number of values, the optional 4-byte
/// length prefix, and encoding (RLE runs for repeats of 8 or more, bit-packed groups otherwise).
/// </summary>
public static class RleBitPackedHybrid
{
    /// <summary>Splits a length-prefixed hybrid block; returns the bytes consumed (4 + length).</summary>
    public static int SplitLengthPrefixed(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> payload)
    {
        if (data.Length < 4)
        {
            throw new ParquetFormatException("RLE/bit-packed length prefix is truncated");
        }

        var len = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (len > (uint)(data.Length - 4))
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE/bit-packed length {len} exceeds the {data.Length - 4} bytes available"));
        }

        payload = data.Slice(4, (int)len);
        return 4 + (int)len;
    }

    /// <summary>Decodes exactly <c>output.Length</c> values; throws when the data holds fewer.</summary>
    public static void Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        var d = new RleBitPackedDecoder(data, bitWidth);
        var n = d.Read(output);
        if (n != output.Length)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE/bit-packed data holds {n} values, expected {output.Length}"));
        }
    }

    /// <summary>Encodes <paramref name="values"/> (each must fit <paramref name="bitWidth"/> bits) without a length prefix.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, GrowableBuffer output)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..32.");
        }

        var byteWidth = (bitWidth + 7) >> 3;
        var n = values.Length;
        var i = 0;
        while (i < n)
        {
            var run = RunLength(values, i);
            if (run >= 8)
            {
                output.WriteVarUInt64((ulong)run << 1);
                var v = values[i];
                for (var b = 0; b < byteWidth; b++)
                {
                    output.WriteByte((byte)(v >> (8 * b)));
                }

                i += run;
                continue;
            }

            // Bit-pack groups of 8 until a run of 8+ starts at a group boundary (or the data ends).
            var start = i;
            do
            {
                i += 8;
            }
            while (i < n && RunLength(values, i) < 8);

            var count = Math.Min(i, n) - start;
            var groups = (count + 7) / 8;
            output.WriteVarUInt64(((ulong)groups << 1) | 1);
            var bytes = groups * bitWidth; // groups * 8 values * bitWidth / 8
            var dst = output.GetSpan(bytes)[..bytes];
            dst.Clear(); // padding values of the last group must be zero bits
            BitPacking.Pack(values.Slice(start, count), dst, bitWidth);
            output.Advance(bytes);
            i = Math.Min(i, n);
        }
    }

    /// <summary>
    /// Encodes <paramref name="count"/> copies of <paramref name="value"/> exactly as <see cref="Encode"/> would
    /// (one RLE run, or a bit-packed group when fewer than 8), without materialising them.
    /// </summary>
    public static void EncodeRepeated(int value, int count, int bitWidth, GrowableBuffer output)
    {
        if (count < 8)
        {
            Span<int> few = stackalloc int[8];
            few.Fill(value);
            Encode(few[..count], bitWidth, output);
            return;
        }

        if ((uint)bitWidth > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "Bit width must be 0..32.");
        }

        output.WriteVarUInt64((ulong)count << 1);
        for (var b = 0; b < (bitWidth + 7) >> 3; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    /// <summary><see cref="EncodeRepeated"/> with the 4-byte little-endian length prefix.</summary>
    public static void EncodeRepeatedLengthPrefixed(int value, int count, int bitWidth, GrowableBuffer output)
    {
        var at = output.Reserve(4);
        EncodeRepeated(value, count, bitWidth, output);
        BinaryPrimitives.WriteInt32LittleEndian(output.WrittenSpan[at..], output.Length - at - 4);
    }

    /// <summary>Encodes with the 4-byte little-endian length prefix (v1 levels, RLE booleans).</summary>
    public static void EncodeLengthPrefixed(ReadOnlySpan<int> values, int bitWidth, GrowableBuffer output)
    {
        var at = output.Reserve(4);
        Encode(values, bitWidth, output);
        BinaryPrimitives.WriteInt32LittleEndian(output.WrittenSpan[at..], output.Length - at - 4);
    }

    private static int RunLength(ReadOnlySpan<int> values, int i)
    {
        var v = values[i];
        var j = i + 1;
        while (j < values.Length && values[j] == v)
        {
            j++;
        }

        return j - i;
    }
}
