using Fugue.IO.Compression;

namespace Fugue.Runtime.Tests.IO;

/// <summary>
/// <see cref="SnappyCodec.Compress"/> at length boundaries and on hard inputs: the output decodes (by an independent
/// decoder written from the format description, and by ours) and nothing is written past the maximum compressed length.
/// </summary>
public class SnappyBoundaryTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        int[] lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 14, 15, 16, 17, 18, 19, 20, 31, 32, 33, 47, 48, 63, 64, 65, 100, 1000, 4095, 4096, 65535, 65536, 65537, 65536 + 15, 65536 + 16, 65536 + 17, 131072 + 5, 200_003];
        foreach (var n in lengths)
        {
            foreach (var pattern in new[] { "random", "zeros", "period3", "text", "mixed", "longruns" })
            {
                data.Add(n, pattern);
            }
        }

        return data;
    }

    private static byte[] Input(int n, string pattern)
    {
        var rng = new Random(n * 31 + pattern.Length);
        var bytes = new byte[n];
        switch (pattern)
        {
            case "random":
                rng.NextBytes(bytes);
                break;
            case "zeros":
                break;
            case "period3":
                for (var i = 0; i < n; i++) bytes[i] = (byte)(i % 3);
                break;
            case "text":
                var words = "the quick brown fox jumps over a lazy dog and then some more words appear "u8.ToArray();
                for (var i = 0; i < n; i++) bytes[i] = words[(i * 7 + i / 13) % words.Length];
                break;
            case "mixed":
                rng.NextBytes(bytes);
                for (var i = 0; i < n; i++) if ((i / 23) % 2 == 0) bytes[i] = (byte)(i / 23);
                break;
            case "longruns":
                for (var i = 0; i < n; i++) bytes[i] = (byte)((i / 1000) * 37);
                break;
        }

        return bytes;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompressedOutputDecodesAndStaysInBounds(int n, string pattern)
    {
        var input = Input(n, pattern);
        var max = SnappyCodec.GetMaxCompressedLength(n);
        const int Guard = 64;
        var buffer = new byte[max + 2 * Guard];
        buffer.AsSpan().Fill(0xCD);
        var written = SnappyCodec.Compress(input, buffer.AsSpan(Guard, max));
        Assert.InRange(written, 1, max);
        for (var i = 0; i < Guard; i++)
        {
            Assert.True(buffer[i] == 0xCD, $"byte written {Guard - i} before the destination");
            Assert.True(buffer[Guard + max + i] == 0xCD, $"byte written {i} past the maximum compressed length");
        }

        var compressed = buffer.AsSpan(Guard, written).ToArray();
        Assert.Equal(input, ReferenceDecode(compressed));
        var ours = new byte[n];
        Assert.Equal(n, SnappyCodec.GetUncompressedLength(compressed));
        Assert.Equal(n, SnappyCodec.Decompress(compressed, ours));
        Assert.Equal(input, ours);
    }

    [Fact]
    public void CompressionIntoALargerDestinationMatchesTheExactOne()
    {
        foreach (var n in new[] { 17, 65537 })
        {
            var input = Input(n, "mixed");
            var exact = new byte[SnappyCodec.GetMaxCompressedLength(n)];
            var large = new byte[exact.Length * 2];
            var a = SnappyCodec.Compress(input, exact);
            var b = SnappyCodec.Compress(input, large);
            Assert.Equal(exact.AsSpan(0, a).ToArray(), large.AsSpan(0, b).ToArray());
        }
    }

    /// <summary>A plain Snappy decoder after the format description (varint length, literal and copy elements).</summary>
    private static byte[] ReferenceDecode(byte[] src)
    {
        var pos = 0;
        ulong length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = src[pos++];
            length |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }

        var output = new List<byte>((int)length);
        while (pos < src.Length)
        {
            var tag = src[pos++];
            switch (tag & 3)
            {
                case 0:
                {
                    var len = tag >> 2;
                    if (len >= 60)
                    {
                        var extra = len - 59;
                        len = 0;
                        for (var i = 0; i < extra; i++) len |= src[pos++] << (8 * i);
                    }

                    len += 1;
                    for (var i = 0; i < len; i++) output.Add(src[pos++]);
                    break;
                }

                case 1:
                {
                    var len = ((tag >> 2) & 7) + 4;
                    var offset = ((tag >> 5) << 8) | src[pos++];
                    CopyBack(output, offset, len);
                    break;
                }

                case 2:
                {
                    var len = (tag >> 2) + 1;
                    var offset = src[pos] | (src[pos + 1] << 8);
                    pos += 2;
                    CopyBack(output, offset, len);
                    break;
                }

                default:
                {
                    var len = (tag >> 2) + 1;
                    var offset = BitConverter.ToInt32(src, pos);
                    pos += 4;
                    CopyBack(output, offset, len);
                    break;
                }
            }
        }

        Assert.Equal((int)length, output.Count);
        return [.. output];
    }

    private static void CopyBack(List<byte> output, int offset, int len)
    {
        Assert.InRange(offset, 1, output.Count);
        var from = output.Count - offset;
        for (var i = 0; i < len; i++) output.Add(output[from + i]);
    }
}
