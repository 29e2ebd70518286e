using System.Runtime.InteropServices;
using System.Text;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Encodings;

namespace Fugue.Runtime.Tests.IO;

public class ParquetEncodingTests
{
    [Fact]
    public void BitPackingMatchesSpecExample()
    {
        // Encodings.md: 0..7 with bit width 3 -> 10001000 11000110 11111010
        var values = Enumerable.Range(0, 8).ToArray();
        var packed = new byte[3];
        BitPacking.Pack(values, packed, 3);
        Assert.Equal(new byte[] { 0b10001000, 0b11000110, 0b11111010 }, packed);
        var back = new int[8];
        BitPacking.Unpack(packed, back, 3);
        Assert.Equal(values, back);
    }

    [Fact]
    public void RleHybridEncodesSpecExampleAsOneBitPackedGroup()
    {
        var output = new GrowableBuffer();
        RleBitPackedHybrid.Encode(Enumerable.Range(0, 8).ToArray(), 3, output);
        Assert.Equal(new byte[] { 0x03, 0b10001000, 0b11000110, 0b11111010 }, output.ToArray());
    }

    [Fact]
    public void RleHybridEncodesRepeatsAsRleRuns()
    {
        var output = new GrowableBuffer();
        RleBitPackedHybrid.Encode(Enumerable.Repeat(5, 100).ToArray(), 3, output);
        Assert.Equal(new byte[] { 200, 1, 5 }, output.ToArray()); // varint(100 << 1), value in 1 byte
        output.Clear();
        RleBitPackedHybrid.Encode(Enumerable.Repeat(0x123456, 9).ToArray(), 21, output);
        Assert.Equal(new byte[] { 18, 0x56, 0x34, 0x12 }, output.ToArray());
        var back = new int[9];
        RleBitPackedHybrid.Decode(output.WrittenSpan, 21, back);
        Assert.All(back, v => Assert.Equal(0x123456, v));
    }

    [Fact]
    public void RleHybridDecodesMixedRunsWithLengthPrefix()
    {
        // [len=6] RLE run of 3 x 1 (bit width 1), bit-packed 1 group: 1,0,1,0,1,0,1,0 -> 0x55
        var data = new byte[] { 5, 0, 0, 0, 0x06, 0x01, 0x03, 0x55, 0xFF, 0xEE };
        var consumed = RleBitPackedHybrid.SplitLengthPrefixed(data, out var payload);
        Assert.Equal(9, consumed);
        var values = new int[11];
        RleBitPackedHybrid.Decode(payload, 1, values);
        Assert.Equal(new[] { 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0 }, values);
    }

    [Fact]
    public void RleHybridBitWidthZeroIsAllZeros()
    {
        var output = new GrowableBuffer();
        RleBitPackedHybrid.Encode(new int[50], 0, output);
        var back = Enumerable.Repeat(9, 50).ToArray();
        RleBitPackedHybrid.Decode(output.WrittenSpan, 0, back);
        Assert.All(back, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(32)]
    public void RleHybridRoundTripsRandomDataInRandomChunks(int bitWidth)
    {
        var rng = new Random(bitWidth * 31);
        foreach (var n in new[] { 1, 7, 8, 9, 100, 1000, 5003 })
        {
            var values = new int[n];
            var max = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
            for (var i = 0; i < n;)
            {
                var v = (int)(uint)(rng.NextInt64(0, (long)max + 1));
                var run = rng.Next(4) == 0 ? rng.Next(1, 40) : 1;
                for (var k = 0; k < run && i < n; k++)
                {
                    values[i++] = v;
                }
            }

            var output = new GrowableBuffer();
            RleBitPackedHybrid.EncodeLengthPrefixed(values, bitWidth, output);
            RleBitPackedHybrid.SplitLengthPrefixed(output.WrittenSpan, out var payload);
            var decoder = new RleBitPackedDecoder(payload, bitWidth);
            var back = new int[n];
            var done = 0;
            while (done < n)
            {
                var k = decoder.Read(back.AsSpan(done, Math.Min(n - done, rng.Next(1, 50))));
                Assert.True(k > 0);
                done += k;
            }

            Assert.Equal(values, back);
            // Skipping past the end stops at the data's end (n plus the zero padding of a final bit-packed group).
            Assert.InRange(new RleBitPackedDecoder(payload, bitWidth).Skip(n + 100), n, n + 7);
        }
    }

    [Fact]
    public void RleDecoderSkipThenRead()
    {
        var values = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? 3 : i % 5).ToArray();
        var output = new GrowableBuffer();
        RleBitPackedHybrid.Encode(values, 3, output);
        var d = new RleBitPackedDecoder(output.WrittenSpan, 3);
        Assert.Equal(13, d.Skip(13));
        var rest = new int[287];
        Assert.Equal(287, d.Read(rest));
        Assert.Equal(values[13..], rest);
    }

    [Fact]
    public void RleDecoderAcceptsTruncatedFinalBitPackedRun()
    {
        // header says 2 groups (16 values) of 8 bits but only 10 bytes follow
        var data = new byte[] { 0x05, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        var d = new RleBitPackedDecoder(data, 8);
        var back = new int[16];
        Assert.Equal(10, d.Read(back));
        Assert.Equal(Enumerable.Range(1, 10), back[..10]);
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(data, 8, new int[16]));
    }

    [Fact]
    public void RleDecoderRejectsCorruptRuns()
    {
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x10, 0x09 }, 3, new int[8])); // value 9 > 3 bits
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x10 }, 3, new int[8]));       // missing value
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x00 }, 3, new int[8]));       // zero-length run
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, 3, new int[8]));
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.SplitLengthPrefixed(new byte[] { 9, 0, 0, 0, 1 }, out _));
        Assert.Throws<ParquetFormatException>(() => new RleBitPackedDecoder(default, 33));
    }

    [Fact]
    public void DeltaBinaryPackedSpecExample1()
    {
        var output = new GrowableBuffer();
        DeltaBinaryPackedEncoder.Encode(new[] { 1, 2, 3, 4, 5 }, output);
        // block 128, 4 miniblocks, 5 values, first 1 (zigzag 2); min delta 1 (zigzag 2); all widths 0; no bodies
        Assert.Equal(new byte[] { 0x80, 0x01, 4, 5, 2, 2, 0, 0, 0, 0 }, output.ToArray());
        var back = new int[5];
        Assert.Equal(output.Length, DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, back));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, back);
    }

    [Fact]
    public void DeltaBinaryPackedSpecExample2()
    {
        var values = new[] { 7, 5, 3, 1, 2, 3, 4, 5 };
        var output = new GrowableBuffer();
        DeltaBinaryPackedEncoder.Encode(values, output);
        // min delta -2 (zigzag 3); widths 2,0,0,0; first miniblock 32 values * 2 bits = 8 bytes: 0,0,0,3 | 3,3,3,0
        var expected = new byte[] { 0x80, 0x01, 4, 8, 14, 3, 2, 0, 0, 0, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0 };
        Assert.Equal(expected, output.ToArray());
        var back = new long[8];
        Assert.Equal(expected.Length, DeltaBinaryPackedDecoder.Decode(expected, back));
        Assert.Equal(values.Select(v => (long)v), back);
    }

    [Fact]
    public void DeltaBinaryPackedDecodesOtherBlockGeometries()
    {
        // Block 256 with 2 miniblocks of 128 (as some writers use), 3 values 10, 20, 30: deltas 10, 10.
        var data = new List<byte> { 0x80, 0x02, 2, 3, 20, 20, 0, 0 };
        var back = new int[3];
        Assert.Equal(data.Count, DeltaBinaryPackedDecoder.Decode(data.ToArray(), back));
        Assert.Equal(new[] { 10, 20, 30 }, back);
    }

    [Fact]
    public void DeltaBinaryPackedRoundTripsExtremesWithWrapping()
    {
        var rng = new Random(5);
        foreach (var n in new[] { 0, 1, 2, 31, 32, 33, 127, 128, 129, 1000, 4097 })
        {
            var ints = new int[n];
            var longs = new long[n];
            for (var i = 0; i < n; i++)
            {
                ints[i] = rng.Next(6) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => rng.Next(-5, 5), _ => rng.Next(int.MinValue, int.MaxValue) };
                longs[i] = rng.Next(6) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => i, _ => rng.NextInt64(long.MinValue, long.MaxValue) };
            }

            var o32 = new GrowableBuffer();
            DeltaBinaryPackedEncoder.Encode(ints, o32);
            var b32 = new int[n];
            Assert.Equal(o32.Length, DeltaBinaryPackedDecoder.Decode(o32.WrittenSpan, b32));
            Assert.Equal(ints, b32);

            var o64 = new GrowableBuffer();
            DeltaBinaryPackedEncoder.Encode(longs, o64);
            var d = new DeltaBinaryPackedDecoder(o64.WrittenSpan);
            Assert.Equal(n, d.TotalCount);
            var b64 = new long[n];
            var done = 0;
            while (done < n)
            {
                done += d.Read(b64.AsSpan(done, Math.Min(n - done, rng.Next(1, 100))));
            }

            Assert.Equal(longs, b64);
            Assert.Equal(o64.Length, d.Position);
        }
    }

    [Fact]
    public void DeltaBinaryPackedInt32DeltasWrapIn32Bits()
    {
        var output = new GrowableBuffer();
        DeltaBinaryPackedEncoder.Encode(new[] { int.MinValue, int.MaxValue, int.MinValue }, output);
        // deltas wrap to -1 and +1: min delta -1 (zigzag 1), packed 0 and 2 in 2 bits, not 33-bit deltas.
        Assert.Equal(new byte[] { 0x80, 0x01, 4, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0 }, output.ToArray());
        var back = new int[3];
        DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, back);
        Assert.Equal(new[] { int.MinValue, int.MaxValue, int.MinValue }, back);
    }

    [Fact]
    public void DeltaBinaryPackedSortedDataIsCompact()
    {
        var values = Enumerable.Range(1_000_000, 10_000).ToArray();
        var output = new GrowableBuffer();
        DeltaBinaryPackedEncoder.Encode(values, output);
        Assert.True(output.Length < 1000, $"{output.Length} bytes");
    }

    [Fact]
    public void DeltaBinaryPackedRejectsCorruptHeaders()
    {
        Assert.Throws<ParquetFormatException>(() => new DeltaBinaryPackedDecoder(new byte[] { 8, 1, 5, 2 }));            // block 8
        Assert.Throws<ParquetFormatException>(() => new DeltaBinaryPackedDecoder(new byte[] { 0x80, 0x01, 3, 5, 2 }));   // 128/3
        Assert.Throws<ParquetFormatException>(() => new DeltaBinaryPackedDecoder(new byte[] { 0x80, 0x01, 8, 5, 2 }));   // 16 per miniblock
        Assert.Throws<ParquetFormatException>(() => new DeltaBinaryPackedDecoder(new byte[] { 0x80, 0x01 }));
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPackedDecoder.Decode(new byte[] { 0x80, 0x01, 4, 2, 2 }, new int[3]));
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPackedDecoder.Decode(new byte[] { 0x80, 0x01, 4, 3, 2, 2, 65, 0, 0, 0 }, new long[3]));
        Assert.Throws<ParquetFormatException>(() => DeltaBinaryPackedDecoder.Decode(new byte[] { 0x80, 0x01, 4, 3, 2, 2, 8, 0, 0, 0, 1 }, new long[3]));
    }

    [Fact]
    public void DeltaLengthByteArrayRoundTripsSpecExample()
    {
        var values = Buffer("Hello", "World", "Foobar", "ABCDEF");
        var output = new GrowableBuffer();
        DeltaLengthByteArray.Encode(values, output);
        Assert.EndsWith("HelloWorldFoobarABCDEF", Encoding.ASCII.GetString(output.WrittenSpan));
        var lengths = new int[4];
        DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, lengths);
        Assert.Equal(new[] { 5, 5, 6, 6 }, lengths);
        var back = new ByteArrayBuffer();
        Assert.Equal(output.Length, DeltaLengthByteArray.Decode(output.WrittenSpan, 4, back));
        Assert.Equal(new[] { "Hello", "World", "Foobar", "ABCDEF" }, Strings(back));
    }

    [Fact]
    public void DeltaByteArrayRoundTripsSpecExample()
    {
        var values = Buffer("axis", "axle", "babble", "babyhood");
        var output = new GrowableBuffer();
        DeltaByteArray.Encode(values, output);
        var prefixes = new int[4];
        var consumed = DeltaBinaryPackedDecoder.Decode(output.WrittenSpan, prefixes);
        Assert.Equal(new[] { 0, 2, 0, 3 }, prefixes);
        var suffixes = new ByteArrayBuffer();
        DeltaLengthByteArray.Decode(output.WrittenSpan[consumed..], 4, suffixes);
        Assert.Equal(new[] { "axis", "le", "babble", "yhood" }, Strings(suffixes));

        var back = new ByteArrayBuffer();
        back.Append("existing"u8);
        Assert.Equal(output.Length, DeltaByteArray.Decode(output.WrittenSpan, 4, back));
        Assert.Equal(new[] { "existing", "axis", "axle", "babble", "babyhood" }, Strings(back));
    }

    [Fact]
    public void DeltaByteArraysRoundTripRandomStrings()
    {
        var rng = new Random(99);
        var words = Enumerable.Range(0, 2000).Select(_ => "pre" + new string((char)('a' + rng.Next(3)), rng.Next(0, 6)) + rng.Next(1000)).Order(StringComparer.Ordinal).ToArray();
        var values = Buffer(words);
        foreach (var roundTrip in new Func<ByteArrayBuffer, ByteArrayBuffer>[]
        {
            v => { var o = new GrowableBuffer(); DeltaByteArray.Encode(v, o); var b = new ByteArrayBuffer(); Assert.Equal(o.Length, DeltaByteArray.Decode(o.WrittenSpan, v.Count, b)); return b; },
            v => { var o = new GrowableBuffer(); DeltaLengthByteArray.Encode(v, o); var b = new ByteArrayBuffer(); Assert.Equal(o.Length, DeltaLengthByteArray.Decode(o.WrittenSpan, v.Count, b)); return b; },
            v => { var o = new GrowableBuffer(); for (var i = 0; i < v.Count; i++) { PlainEncoding.EncodeByteArray(v[i], o); } var b = new ByteArrayBuffer(); Assert.Equal(o.Length, PlainEncoding.DecodeByteArrays(o.WrittenSpan, v.Count, b)); return b; },
        })
        {
            Assert.Equal(words, Strings(roundTrip(values)));
        }
    }

    [Fact]
    public void DeltaByteArrayRejectsPrefixLongerThanPreviousValue()
    {
        var prefixes = new GrowableBuffer();
        DeltaBinaryPackedEncoder.Encode(new[] { 0, 5 }, prefixes);
        DeltaLengthByteArray.Encode(Buffer("ab", "c"), prefixes);
        var ex = Assert.Throws<ParquetFormatException>(() => DeltaByteArray.Decode(prefixes.WrittenSpan, 2, new ByteArrayBuffer()));
        Assert.Contains("prefix length 5", ex.Message);
    }

    [Fact]
    public void PlainFixedWidthRoundTrip()
    {
        var doubles = new[] { 0.0, -1.5, double.NaN, double.MaxValue };
        var output = new GrowableBuffer();
        PlainEncoding.EncodeFixed<double>(doubles, output);
        Assert.Equal(32, output.Length);
        Assert.Equal(BitConverter.GetBytes(-1.5), output.WrittenSpan.Slice(8, 8).ToArray());
        var back = new double[4];
        Assert.Equal(32, PlainEncoding.DecodeFixed<double>(output.WrittenSpan, back));
        Assert.Equal(doubles, back);
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeFixed<long>(new byte[15], new long[2]));
    }

    [Fact]
    public void PlainBooleansAreBitPackedLsbFirst()
    {
        var values = new[] { true, false, true, true, false, false, false, false, true };
        var output = new GrowableBuffer();
        PlainEncoding.EncodeBooleans(values, output);
        Assert.Equal(new byte[] { 0b0000_1101, 0b1 }, output.ToArray());
        var back = new bool[9];
        Assert.Equal(9, PlainEncoding.DecodeBooleans(output.WrittenSpan, back));
        Assert.Equal(values, back);
        var tail = new bool[4];
        PlainEncoding.DecodeBooleans(output.WrittenSpan, tail, 5);
        Assert.Equal(new[] { false, false, false, true }, tail);
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeBooleans(output.WrittenSpan, new bool[17]));
    }

    [Fact]
    public void PlainInt96IsTwelveBytesAndConvertsToUnixTime()
    {
        Assert.Equal(12, Marshal.SizeOf<Int96>());
        var bytes = new byte[12];
        BitConverter.GetBytes(3_600_000_000_000UL).CopyTo(bytes, 0); // 01:00
        BitConverter.GetBytes(2_451_545U).CopyTo(bytes, 8);          // 2000-01-01
        var v = new Int96[1];
        PlainEncoding.DecodeFixed<Int96>(bytes, v);
        var expected = (new DateTime(2000, 1, 1, 1, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal(expected, v[0].ToUnixNanoseconds());
        Assert.Equal(v[0], Int96.FromUnixNanoseconds(expected));
        Assert.Equal(-1, Int96.FromUnixNanoseconds(-1).ToUnixNanoseconds());
    }

    [Fact]
    public void PlainFixedLenByteArrays()
    {
        var src = Encoding.ASCII.GetBytes("abcdefghijkl");
        var back = new ByteArrayBuffer();
        Assert.Equal(12, PlainEncoding.DecodeFixedLenByteArrays(src, 3, 4, back));
        Assert.Equal(new[] { "abcd", "efgh", "ijkl" }, Strings(back));
        Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeFixedLenByteArrays(src, 4, 4, back));
    }

    [Fact]
    public void PlainByteArrayRejectsLengthBeyondData()
    {
        var data = new byte[] { 2, 0, 0, 0, (byte)'h', (byte)'i', 0xFF, 0xFF, 0xFF, 0x7F, 1 };
        var ex = Assert.Throws<ParquetFormatException>(() => PlainEncoding.DecodeByteArrays(data, 2, new ByteArrayBuffer()));
        Assert.Contains("byte array 1 of 2", ex.Message);
    }

    [Fact]
    public void ByteStreamSplitRoundTripAndLayout()
    {
        var floats = new[] { 1.0f, -2.5f, 3.25f };
        var raw = MemoryMarshal.AsBytes(floats.AsSpan()).ToArray();
        var output = new GrowableBuffer();
        ByteStreamSplit.Encode(raw, 4, output);
        var split = output.ToArray();
        for (var i = 0; i < 3; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(raw[i * 4 + k], split[k * 3 + i]);
            }
        }

        var back = new float[3];
        Assert.Equal(12, ByteStreamSplit.Decode(split, 3, 4, MemoryMarshal.AsBytes(back.AsSpan())));
        Assert.Equal(floats, back);
        Assert.Throws<ParquetFormatException>(() => ByteStreamSplit.Decode(split, 4, 4, new byte[16]));
    }

    [Fact]
    public void DecodersOnlyThrowFormatExceptionsOnGarbage()
    {
        var rng = new Random(2024);
        for (var iter = 0; iter < 3000; iter++)
        {
            var data = new byte[rng.Next(0, 80)];
            rng.NextBytes(data);
            var count = rng.Next(0, 40);
            var width = rng.Next(0, 33);
            Check(() => RleBitPackedHybrid.Decode(data, width, new int[count]));
            Check(() => DeltaBinaryPackedDecoder.Decode(data, new long[count]));
            Check(() => DeltaBinaryPackedDecoder.Decode(data, new int[count]));
            Check(() => DeltaLengthByteArray.Decode(data, count, new ByteArrayBuffer()));
            Check(() => DeltaByteArray.Decode(data, count, new ByteArrayBuffer()));
            Check(() => PlainEncoding.DecodeByteArrays(data, count, new ByteArrayBuffer()));
        }

        // Valid headers with corrupted bodies.
        var valid = new GrowableBuffer();
        DeltaByteArray.Encode(Buffer("alpha", "alphabet", "beta", "betamax"), valid);
        for (var iter = 0; iter < 2000; iter++)
        {
            var data = valid.ToArray();
            data[rng.Next(data.Length)] = (byte)rng.Next(256);
            if (rng.Next(2) == 0)
            {
                data = data[..rng.Next(data.Length)];
            }

            Check(() => DeltaByteArray.Decode(data, 4, new ByteArrayBuffer()));
        }

        static void Check(Action a)
        {
            var ex = Record.Exception(a);
            Assert.True(ex is null or ParquetFormatException, ex?.ToString());
        }
    }

    private static ByteArrayBuffer Buffer(params string[] values)
    {
        var b = new ByteArrayBuffer();
        foreach (var v in values)
        {
            b.Append(Encoding.UTF8.GetBytes(v));
        }

        return b;
    }

    private static string[] Strings(ByteArrayBuffer b) =>
        Enumerable.Range(0, b.Count).Select(i => Encoding.UTF8.GetString(b[i])).ToArray();
}
