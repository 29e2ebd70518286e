using System.Buffers.Binary;
using Fugue.IO.Compression;
using Fugue.IO.Ipc;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

public class Lz4FrameDecoderTests
{
    private static byte[] Payload(int n)
    {
        var data = new byte[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = (byte)((i * 7 % 13) + (i / 100));
        }

        return data;
    }

    /// <summary>Wraps blocks in a frame: FLG/BD descriptor, optional content size and checksums (dummy values; not verified).</summary>
    private static byte[] Frame(byte[][] blocks, bool[] raw, bool blockChecksum, bool contentSize, bool contentChecksum, long size)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(0x184D2204u);
        var flg = (byte)(0x40 | (blockChecksum ? 0x10 : 0) | (contentSize ? 0x08 : 0) | (contentChecksum ? 0x04 : 0));
        w.Write(flg);
        w.Write((byte)0x70);
        if (contentSize)
        {
            w.Write(size);
        }

        w.Write((byte)0xAB); // header checksum
        for (var i = 0; i < blocks.Length; i++)
        {
            w.Write((uint)blocks[i].Length | (raw[i] ? 0x80000000u : 0));
            w.Write(blocks[i]);
            if (blockChecksum)
            {
                w.Write(0x12345678u);
            }
        }

        w.Write(0u);
        if (contentChecksum)
        {
            w.Write(0x9ABCDEF0u);
        }

        return ms.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var dest = new byte[Lz4RawCodec.GetMaxCompressedLength(data.Length)];
        return dest[..Lz4RawCodec.Compress(data, dest)];
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    public void DecodesCompressedAndStoredBlocks(bool blockChecksum, bool contentSize, bool contentChecksum)
    {
        var payload = Payload(5000);
        var blocks = new[] { Compress(payload.AsSpan(0, 3000)), payload[3000..4000], Compress(payload.AsSpan(4000)) };
        var frame = Frame(blocks, [false, true, false], blockChecksum, contentSize, contentChecksum, payload.Length);
        var dest = new byte[payload.Length];
        Lz4FrameDecoder.Decode(frame, dest);
        Assert.Equal(payload, dest);
    }

    [Fact]
    public void LinkedBlocksMayReferenceEarlierOutput()
    {
        // Hand-made block 2: a 4-byte literal "WXYZ"... no: a match copying 8 bytes from block 1 (distance 8).
        var first = "ABCDEFGH"u8.ToArray();
        byte[] second = [0x04, 0x08, 0x00, 0x10, (byte)'!'];
        // token 0x04: no literals, match length 4+4 = 8 at distance 8; then a literal-only last sequence "!".
        var frame = Frame([first, second], [true, false], false, false, false, 0);
        var dest = new byte[17];
        Lz4FrameDecoder.Decode(frame, dest);
        Assert.Equal("ABCDEFGHABCDEFGH!"u8.ToArray(), dest);
    }

    [Fact]
    public void ConcatenatedFramesAndSkippableFramesAreDecoded()
    {
        var a = Payload(100);
        var skippable = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(skippable, 0x184D2A50);
        BinaryPrimitives.WriteUInt32LittleEndian(skippable.AsSpan(4), 4);
        var frame = Frame([Compress(a)], [false], false, false, false, 0).Concat(skippable).Concat(Frame([a], [true], false, false, false, 0)).ToArray();
        var dest = new byte[200];
        Lz4FrameDecoder.Decode(frame, dest);
        Assert.Equal(a.Concat(a).ToArray(), dest);
    }

    [Fact]
    public void CorruptFramesAreFormatErrors()
    {
        var payload = Payload(2000);
        var frame = Frame([Compress(payload)], [false], false, false, false, 0);
        Assert.Throws<ArrowIpcFormatException>(() => Lz4FrameDecoder.Decode(frame, new byte[1999]));
        Assert.Throws<ArrowIpcFormatException>(() => Lz4FrameDecoder.Decode(frame, new byte[2001]));
        Assert.Throws<ArrowIpcFormatException>(() => Lz4FrameDecoder.Decode(frame.AsSpan(0, frame.Length - 6), new byte[2000]));
        var badMagic = (byte[])frame.Clone();
        badMagic[0] ^= 1;
        Assert.Throws<ArrowIpcFormatException>(() => Lz4FrameDecoder.Decode(badMagic, new byte[2000]));
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var copy = (byte[])frame.Clone();
            copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            try
            {
                Lz4FrameDecoder.Decode(copy, new byte[2000]);
            }
            catch (ArrowIpcFormatException)
            {
            }
        }
    }
}
