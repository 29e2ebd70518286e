using System.Text;
using Fugue.IO.Compression;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.Runtime.Tests.IO;

public class ParquetCompressionTests
{
    private static byte[] Sample(int size, int seed, bool compressible)
    {
        var rng = new Random(seed);
        var data = new byte[size];
        if (!compressible)
        {
            rng.NextBytes(data);
            return data;
        }

        var words = new[] { "alpha ", "beta ", "gamma ", "delta ", "2026-11-21 ", "0.5 ", "\n" };
        var sb = new StringBuilder();
        while (sb.Length < size)
        {
            sb.Append(words[rng.Next(words.Length)]);
        }

        Encoding.ASCII.GetBytes(sb.ToString(0, size), data);
        return data;
    }

    public static TheoryData<int, bool> Sizes()
    {
        var data = new TheoryData<int, bool>();
        foreach (var size in new[] { 0, 1, 3, 4, 5, 12, 13, 17, 100, 65535, 65536, 65537, 200_000 })
        {
            data.Add(size, true);
            data.Add(size, false);
        }

        return data;
    }

    [Fact]
    public void SnappyDecodesHandWrittenVectors()
    {
        // preamble 10; literal "a"; copy-1 of length 9 at offset 1 (overlapping run)
        var run = new byte[] { 0x0A, 0x00, (byte)'a', 0x15, 0x01 };
        var dst = new byte[10];
        Assert.Equal(10, SnappyCodec.Decompress(run, dst));
        Assert.Equal("aaaaaaaaaa", Encoding.ASCII.GetString(dst));

        // preamble 70; literal of 64 bytes with a 1-byte length (tag 60); copy-2 of length 6 at offset 64
        var lit = Enumerable.Range(0, 64).Select(i => (byte)('0' + i % 10)).ToArray();
        var v = new List<byte> { 70, 60 << 2, 63 };
        v.AddRange(lit);
        v.AddRange(new byte[] { 2 | (5 << 2), 64, 0 });
        var dst2 = new byte[70];
        Assert.Equal(70, SnappyCodec.Decompress(v.ToArray(), dst2));
        Assert.Equal(lit.Concat(lit.Take(6)), dst2);
        Assert.Equal(70, SnappyCodec.GetUncompressedLength(v.ToArray()));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(31)]
    [InlineData(4096)]
    [InlineData(65536 + 17)]
    [InlineData(300_001)]
    public void SnappyRoundTripsShortMatchData(int size)
    {
        // Timestamp-like int64 values (whole seconds in microseconds) and sequential ids: many 4-6 byte matches
        // between literals, the encoder's short-literal/short-copy fast paths and the 16-position probe.
        var rnd = new Random(size);
        var data = new byte[size];
        for (var i = 0; i + 8 <= size; i += 8)
        {
            var v = i % 16 == 0 ? (1_704_067_200L + rnd.Next(31_622_400)) * 1_000_000L : 10_000_000_000L + i;
            BitConverter.TryWriteBytes(data.AsSpan(i), v);
        }

        var compressed = new byte[SnappyCodec.GetMaxCompressedLength(size)];
        var n = SnappyCodec.Compress(data, compressed);
        if (size > 1000)
        {
            Assert.True(n < size, $"{n} of {size}");
        }

        var back = new byte[size];
        Assert.Equal(size, SnappyCodec.Decompress(compressed.AsSpan(0, n), back));
        Assert.Equal(data, back);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SnappyRoundTrips(int size, bool compressible)
    {
        var data = Sample(size, size, compressible);
        var compressed = new byte[SnappyCodec.GetMaxCompressedLength(size)];
        var n = SnappyCodec.Compress(data, compressed);
        if (compressible && size > 1000)
        {
            Assert.True(n < size / 2, $"{n} of {size}");
        }

        var back = new byte[size];
        Assert.Equal(size, SnappyCodec.Decompress(compressed.AsSpan(0, n), back));
        Assert.Equal(data, back);
    }

    [Fact]
    public void SnappyRejectsCorruptInput()
    {
        var dst = new byte[10];
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0x0A, 0x00, (byte)'a', 0x15, 0x02 }, dst)); // offset 2 > 1
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0x0A, 0x00, (byte)'a', 0x15, 0x00 }, dst)); // offset 0
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0x0A, 0x00, (byte)'a' }, dst));             // short output
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0x0B, 0x00, (byte)'a', 0x15, 0x01 }, dst)); // preamble > dst
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0x02, 0x08, (byte)'a' }, dst));             // literal past input
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, dst));
    }

    [Fact]
    public void Lz4RawDecodesHandWrittenVector()
    {
        // "abc" + match(offset 3, length 9) then final literals "xyzab"
        var block = new byte[] { 0x35, (byte)'a', (byte)'b', (byte)'c', 3, 0, 0x50, (byte)'x', (byte)'y', (byte)'z', (byte)'a', (byte)'b' };
        var dst = new byte[17];
        Assert.Equal(17, Lz4RawCodec.Decompress(block, dst));
        Assert.Equal("abcabcabcabcxyzab", Encoding.ASCII.GetString(dst));
    }

    [Fact]
    public void Lz4RawDecodesExtendedLengths()
    {
        // 20 literal bytes (15 + 5), then a match of 4 + 15 + 255 + 1 = 275 bytes at offset 1, then 5 literals
        var v = new List<byte> { 0xFF, 5 };
        v.AddRange(Enumerable.Repeat((byte)'q', 20));
        v.AddRange(new byte[] { 1, 0, 255, 1 });
        v.Add(0x50);
        v.AddRange("tail!"u8.ToArray());
        var dst = new byte[300];
        Assert.Equal(300, Lz4RawCodec.Decompress(v.ToArray(), dst));
        Assert.Equal(new string('q', 295) + "tail!", Encoding.ASCII.GetString(dst));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Lz4RawRoundTrips(int size, bool compressible)
    {
        var data = Sample(size, size + 1, compressible);
        var compressed = new byte[Lz4RawCodec.GetMaxCompressedLength(size)];
        var n = Lz4RawCodec.Compress(data, compressed);
        if (compressible && size > 1000)
        {
            Assert.True(n < size / 2, $"{n} of {size}");
        }

        var back = new byte[size];
        Assert.Equal(size, Lz4RawCodec.Decompress(compressed.AsSpan(0, n), back));
        Assert.Equal(data, back);
    }

    [Fact]
    public void Lz4RawRejectsCorruptInput()
    {
        var dst = new byte[17];
        Assert.Throws<ParquetFormatException>(() => Lz4RawCodec.Decompress(new byte[] { 0x35, (byte)'a', (byte)'b', (byte)'c', 4, 0, 0x00 }, dst)); // offset 4 > 3
        Assert.Throws<ParquetFormatException>(() => Lz4RawCodec.Decompress(new byte[] { 0x35, (byte)'a', (byte)'b', (byte)'c', 0, 0, 0x00 }, dst)); // offset 0
        Assert.Throws<ParquetFormatException>(() => Lz4RawCodec.Decompress(new byte[] { 0x35, (byte)'a', (byte)'b', (byte)'c', 3 }, dst));       // offset truncated
        Assert.Throws<ParquetFormatException>(() => Lz4RawCodec.Decompress(new byte[] { 0xF0, 255, 255 }, dst));                                  // length truncated
        Assert.Throws<ParquetFormatException>(() => Lz4RawCodec.Decompress(new byte[] { 0x3F, (byte)'a', (byte)'b', (byte)'c', 3, 0, 200 }, dst)); // match overruns
    }

    [Fact]
    public void ZstdRoundTripsAndAcceptsConcatenatedFrames()
    {
        Assert.True(ZstdCodec.IsAvailable, "libzstd.so.1 must be installed for the IO tests");
        var a = Sample(50_000, 1, true);
        var b = Sample(30_000, 2, false);
        var ca = new byte[ZstdCodec.GetMaxCompressedLength(a.Length)];
        var na = ZstdCodec.Compress(a, ca);
        Assert.True(na < a.Length / 2);
        var cb = new byte[ZstdCodec.GetMaxCompressedLength(b.Length)];
        var nb = ZstdCodec.Compress(b, cb, 1);
        var both = ca.AsSpan(0, na).ToArray().Concat(cb.AsSpan(0, nb).ToArray()).ToArray();
        var back = new byte[a.Length + b.Length];
        Assert.Equal(back.Length, ZstdCodec.Decompress(both, back));
        Assert.Equal(a.Concat(b), back);
    }

    [Fact]
    public void ZstdRejectsCorruptInput()
    {
        var a = Sample(10_000, 3, true);
        var c = new byte[ZstdCodec.GetMaxCompressedLength(a.Length)];
        var n = ZstdCodec.Compress(a, c);
        var ex = Assert.Throws<ParquetFormatException>(() => ZstdCodec.Decompress(c.AsSpan(0, n - 3), new byte[a.Length]));
        Assert.Contains("ZSTD", ex.Message);
        Assert.Throws<ParquetFormatException>(() => ZstdCodec.Decompress(c.AsSpan(0, n), new byte[a.Length - 1]));
        Assert.Throws<ParquetFormatException>(() => ZstdCodec.Decompress("garbage!"u8, new byte[100]));
    }

    [Fact]
    public void GzipRoundTripsAndAcceptsConcatenatedMembers()
    {
        var a = Sample(20_000, 4, true);
        var b = Sample(5_000, 5, false);
        using var ms = new MemoryStream();
        GzipCodec.Compress(a, ms);
        GzipCodec.Compress(b, ms);
        var back = new byte[a.Length + b.Length];
        Assert.Equal(back.Length, GzipCodec.Decompress(ms.ToArray(), back));
        Assert.Equal(a.Concat(b), back);
        Assert.Throws<ParquetFormatException>(() => GzipCodec.Decompress(ms.ToArray(), new byte[back.Length - 1]));
        Assert.Throws<ParquetFormatException>(() => GzipCodec.Decompress(ms.ToArray(), new byte[back.Length + 1]));
        Assert.Throws<ParquetFormatException>(() => GzipCodec.Decompress("not gzip at all"u8, new byte[10]));
    }

    [Fact]
    public void EmptyInputCompressesToValidStreamsForEveryCodec()
    {
        foreach (var codec in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
        {
            var output = new GrowableBuffer();
            ParquetCompression.Compress(codec, default, output);
            Assert.True(codec == CompressionCodec.Uncompressed || output.Length > 0, codec.ToString());
            ParquetCompression.Decompress(codec, output.WrittenSpan, default);
        }

        using var ms = new MemoryStream();
        GzipCodec.Compress(default, ms);
        using var gz = new System.IO.Compression.GZipStream(new MemoryStream(ms.ToArray()), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(-1, gz.ReadByte());
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void FacadeRoundTripsEverySupportedCodec(CompressionCodec codec)
    {
        Assert.True(ParquetCompression.IsSupported(codec));
        var data = Sample(100_000, (int)codec, true);
        var output = new GrowableBuffer();
        output.Write("prefix"u8);
        var n = ParquetCompression.Compress(codec, data, output);
        Assert.Equal(output.Length - 6, n);
        var back = new byte[data.Length];
        ParquetCompression.Decompress(codec, output.WrittenSpan[6..], back);
        Assert.Equal(data, back);
    }

    [Fact]
    public void FacadeRejectsUnsupportedCodecsAndSizeMismatches()
    {
        Assert.False(ParquetCompression.IsSupported(CompressionCodec.Lzo));
        Assert.False(ParquetCompression.IsSupported(CompressionCodec.Brotli));
        Assert.False(ParquetCompression.IsSupported(CompressionCodec.Lz4));
        Assert.Throws<NotSupportedException>(() => ParquetCompression.Decompress(CompressionCodec.Brotli, new byte[1], new byte[1]));
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Decompress(CompressionCodec.Uncompressed, new byte[3], new byte[4]));
        var output = new GrowableBuffer();
        ParquetCompression.Compress(CompressionCodec.Lz4Raw, new byte[100], output);
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Decompress(CompressionCodec.Lz4Raw, output.WrittenSpan, new byte[101]));
    }

    [Fact]
    public void CorruptCompressedDataOnlyThrowsFormatExceptions()
    {
        var rng = new Random(11);
        var data = Sample(3000, 6, true);
        foreach (var codec in new[] { CompressionCodec.Snappy, CompressionCodec.Lz4Raw, CompressionCodec.Gzip, CompressionCodec.Zstd })
        {
            var output = new GrowableBuffer();
            ParquetCompression.Compress(codec, data, output);
            var valid = output.ToArray();
            for (var i = 0; i < 500; i++)
            {
                var bad = (byte[])valid.Clone();
                for (var k = 0; k < 1 + i % 3; k++)
                {
                    bad[rng.Next(bad.Length)] = (byte)rng.Next(256);
                }

                if (i % 4 == 0)
                {
                    bad = bad[..rng.Next(bad.Length)];
                }

                var ex = Record.Exception(() => ParquetCompression.Decompress(codec, bad, new byte[data.Length]));
                Assert.True(ex is null or ParquetFormatException, $"{codec}: {ex}");
            }
        }
    }
}
