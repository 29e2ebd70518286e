using Fugue.IO.Compression;
using Fugue.IO.Parquet;

namespace Fugue.Runtime.Tests.IO;

/// <summary>
/// <see cref="SnappyCodec.Decompress"/> on streams built element by element (every literal and copy form, lengths and
/// offsets at the decoder's limits, long streams so that the unchecked fast loop runs), compared with the bytes the
/// elements describe; and corrupt streams, which must fail with <see cref="ParquetFormatException"/> wherever the bad
/// element sits.
/// </summary>
public class SnappyDecoderTests
{
    /// <summary>Builds a Snappy stream and the bytes it decodes to.</summary>
    private sealed class StreamBuilder
    {
        private readonly List<byte> _stream = [];
        private readonly List<byte> _expected = [];

        public int Written => _expected.Count;

        public void Literal(ReadOnlySpan<byte> bytes)
        {
            var n = bytes.Length - 1;
            if (n < 60)
            {
                _stream.Add((byte)(n << 2));
            }
            else
            {
                var extra = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
                _stream.Add((byte)((59 + extra) << 2));
                for (var i = 0; i < extra; i++)
                {
                    _stream.Add((byte)(n >> (8 * i)));
                }
            }

            _stream.AddRange(bytes.ToArray());
            _expected.AddRange(bytes.ToArray());
        }

        /// <summary>A copy in the given form (1, 2 or 4 offset bytes); offsets past the output are written unchecked.</summary>
        public void Copy(int offset, int length, int form)
        {
            switch (form)
            {
                case 1:
                    _stream.Add((byte)(1 | (length - 4) << 2 | (offset >> 8) << 5));
                    _stream.Add((byte)offset);
                    break;
                case 2:
                    _stream.Add((byte)(2 | (length - 1) << 2));
                    _stream.Add((byte)offset);
                    _stream.Add((byte)(offset >> 8));
                    break;
                default:
                    _stream.Add((byte)(3 | (length - 1) << 2));
                    _stream.AddRange(BitConverter.GetBytes(offset));
                    break;
            }

            if (offset > 0 && offset <= _expected.Count)
            {
                for (var i = 0; i < length; i++)
                {
                    _expected.Add(_expected[^offset]);
                }
            }
            else
            {
                _expected.AddRange(new byte[length]); // invalid: only the length counts
            }
        }

        public (byte[] Stream, byte[] Expected) Build() => ([.. Preamble(_expected.Count), .. _stream], [.. _expected]);
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var bytes = new byte[n];
        rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A random mix of all element forms and lengths; copies may overlap their own output (offset &lt; length).</summary>
    private static StreamBuilder RandomStream(int seed, int elements)
    {
        var rng = new Random(seed);
        var b = new StreamBuilder();
        b.Literal(RandomBytes(rng, 1 + rng.Next(70)));
        for (var i = 0; i < elements; i++)
        {
            var kind = rng.Next(10);
            if (kind < 4)
            {
                var n = kind switch { 0 => 1 + rng.Next(16), 1 => 17 + rng.Next(44), 2 => 61 + rng.Next(300), _ => 1 + rng.Next(3) };
                b.Literal(RandomBytes(rng, n));
                continue;
            }

            var offset = kind switch
            {
                4 => 1 + rng.Next(Math.Min(7, b.Written)), // overlapping pattern shorter than 8 bytes
                5 => 8 + rng.Next(Math.Max(1, Math.Min(8, b.Written - 7))), // 8..15: overlapping 8-byte steps
                _ => 1 + rng.Next(b.Written),
            };
            offset = Math.Min(offset, b.Written);
            var form = offset < 2048 && rng.Next(2) == 0 ? 1 : offset < 65536 && rng.Next(3) > 0 ? 2 : 4;
            var length = form == 1 ? 4 + rng.Next(8) : 1 + rng.Next(64);
            b.Copy(offset, length, form);
        }

        return b;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 40)]
    [InlineData(5, 1000)]
    [InlineData(6, 20_000)]
    [InlineData(7, 20_000)]
    [InlineData(8, 100_000)]
    public void EveryElementFormDecodesToTheBytesItDescribes(int seed, int elements)
    {
        var (stream, expected) = RandomStream(seed, elements).Build();
        var output = new byte[expected.Length + 100];
        Assert.Equal(expected.Length, SnappyCodec.Decompress(stream, output));
        Assert.True(expected.AsSpan().SequenceEqual(output.AsSpan(0, expected.Length)));

        var exact = new byte[expected.Length];
        Assert.Equal(expected.Length, SnappyCodec.Decompress(stream, exact));
        Assert.Equal(expected, exact);
    }

    [Fact]
    public void RoundTripsTheCompressorsOutputOnColumnLikeData()
    {
        // Sequential 8-byte integers: the 1-byte literal + 7-byte copy pattern of an id column.
        var ids = new byte[8 * 50_000];
        for (var i = 0; i < 50_000; i++)
        {
            BitConverter.TryWriteBytes(ids.AsSpan(8 * i), (long)i * 3);
        }

        var compressed = new byte[SnappyCodec.GetMaxCompressedLength(ids.Length)];
        var n = SnappyCodec.Compress(ids, compressed);
        var output = new byte[ids.Length];
        Assert.Equal(ids.Length, SnappyCodec.Decompress(compressed.AsSpan(0, n), output));
        Assert.Equal(ids, output);
    }

    public static TheoryData<string, int> CorruptCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "offset-zero", "offset-past-output", "offset4-past-output", "copy-overruns", "literal-overruns", "truncated" })
        {
            foreach (var at in new[] { 0, 3, 500, 4000 })
            {
                data.Add(kind, at);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorruptCases))]
    public void CorruptElementsFailWhereverTheySit(string kind, int at)
    {
        var rng = new Random(at + kind.Length);
        var b = RandomStream(at + 100, at);
        switch (kind)
        {
            case "offset-zero":
                b.Copy(0, 8, 2);
                break;
            case "offset-past-output":
                var past = b.Written + 1 + rng.Next(100);
                b.Copy(past, 8, past < 65536 ? 2 : 4);
                break;
            case "offset4-past-output":
                b.Copy(b.Written + 5000, 30, 4);
                break;
        }

        for (var i = 0; i < 200; i++)
        {
            b.Literal(RandomBytes(rng, 1 + rng.Next(20))); // a long tail, so the bad element is inside the fast loop's range
        }

        var (stream, expected) = b.Build();
        switch (kind)
        {
            case "copy-overruns":
            case "literal-overruns":
                // The preamble promises fewer bytes than the elements produce.
                var shorter = expected.Length - 1 - rng.Next(Math.Min(10, expected.Length - 1));
                stream = [.. Preamble(shorter), .. stream.AsSpan(Preamble(expected.Length).Length)];
                expected = new byte[shorter];
                break;
            case "truncated":
                stream = stream[..^(1 + rng.Next(5))];
                break;
        }

        var output = new byte[expected.Length + 200];
        Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(stream, output));
    }

    private static byte[] Preamble(int length)
    {
        var bytes = new List<byte>();
        var n = (uint)length;
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }

        bytes.Add((byte)n);
        return [.. bytes];
    }
}
