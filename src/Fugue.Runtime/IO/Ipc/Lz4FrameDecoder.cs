using System.Buffers.Binary;

namespace Fugue.IO.Ipc;

/// <summary>
/// Decodes the LZ4 frame format (what Arrow's LZ4_FRAME body compression uses): magic, frame descriptor, data
/// blocks, optional checksums (skipped, not verified). Blocks may be linked (matches reaching into earlier
/// blocks), so the block decoder here writes into one output buffer with the history before it; that is why
/// it does not reuse the span-bounded raw block codec.
/// </summary>
internal static class Lz4FrameDecoder
{
    private const uint Magic = 0x184D2204;

    /// <summary>Decodes concatenated frames in <paramref name="src"/> into exactly <paramref name="dest"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> src, Span<byte> dest)
    {
        var ip = 0;
        var op = 0;
        while (ip < src.Length)
        {
            Need(src, ip, 4);
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(src[ip..]);
            ip += 4;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                // skippable frame
                Need(src, ip, 4);
                var skip = BinaryPrimitives.ReadUInt32LittleEndian(src[ip..]);
                ip += 4;
                Need(src, ip, skip);
                ip += (int)skip;
                continue;
            }

            if (magic != Magic)
            {
                throw Corrupt($"bad LZ4 frame magic 0x{magic:X8}", ip - 4);
            }

            Need(src, ip, 2);
            var flg = src[ip];
            if (flg >> 6 != 1)
            {
                throw Corrupt($"unsupported LZ4 frame version {flg >> 6}", ip);
            }

            var blockChecksum = (flg & 0x10) != 0;
            var contentSize = (flg & 0x08) != 0;
            var contentChecksum = (flg & 0x04) != 0;
            var dictId = (flg & 0x01) != 0;
            ip += 2 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1; // FLG, BD, sizes, header checksum
            while (true)
            {
                Need(src, ip, 4);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(src[ip..]);
                ip += 4;
                if (size == 0)
                {
                    break;
                }

                var raw = (size & 0x80000000) != 0;
                size &= 0x7FFFFFFF;
                Need(src, ip, size);
                var block = src.Slice(ip, (int)size);
                if (raw)
                {
                    if (block.Length > dest.Length - op)
                    {
                        throw Corrupt("LZ4 frame holds more data than the declared uncompressed length", ip);
                    }

                    block.CopyTo(dest[op..]);
                    op += block.Length;
                }
                else
                {
                    op = DecodeBlock(block, dest, op, ip);
                }

                ip += (int)size + (blockChecksum ? 4 : 0);
            }

            ip += contentChecksum ? 4 : 0;
        }

        if (op != dest.Length)
        {
            throw Corrupt($"LZ4 frame decoded to {op} bytes, expected {dest.Length}", src.Length);
        }
    }

    private static void Need(ReadOnlySpan<byte> src, int ip, long n)
    {
        if (ip + n > src.Length)
        {
            throw Corrupt("LZ4 frame truncated", ip);
        }
    }

    private static ArrowIpcFormatException Corrupt(string what, long at) => new(what, at);

    /// <summary>Decodes one LZ4 block into <paramref name="dest"/> from <paramref name="op"/>; matches may reach back before it.</summary>
    private static int DecodeBlock(ReadOnlySpan<byte> src, Span<byte> dest, int op, int baseOffset)
    {
        var ip = 0;
        while (true)
        {
            if (ip >= src.Length)
            {
                throw Corrupt("LZ4 block truncated", baseOffset + ip);
            }

            var token = src[ip++];
            var literal = token >> 4;
            if (literal == 15)
            {
                literal += ReadExtra(src, ref ip, baseOffset);
            }

            if (literal > src.Length - ip || literal > dest.Length - op)
            {
                throw Corrupt("LZ4 literal run overflows its block or the output", baseOffset + ip);
            }

            src.Slice(ip, literal).CopyTo(dest[op..]);
            ip += literal;
            op += literal;
            if (ip == src.Length)
            {
                return op; // the last sequence has literals only
            }

            if (ip + 2 > src.Length)
            {
                throw Corrupt("LZ4 match offset truncated", baseOffset + ip);
            }

            var distance = src[ip] | (src[ip + 1] << 8);
            ip += 2;
            if (distance == 0 || distance > op)
            {
                throw Corrupt($"LZ4 match distance {distance} is invalid", baseOffset + ip);
            }

            var match = (token & 15) + 4;
            if ((token & 15) == 15)
            {
                match += ReadExtra(src, ref ip, baseOffset);
            }

            if (match > dest.Length - op)
            {
                throw Corrupt("LZ4 match overflows the output", baseOffset + ip);
            }

            var from = op - distance;
            if (distance >= match)
            {
                dest.Slice(from, match).CopyTo(dest[op..]);
            }
            else
            {
                for (var i = 0; i < match; i++)
                {
                    dest[op + i] = dest[from + i];
                }
            }

            op += match;
        }
    }

    private static int ReadExtra(ReadOnlySpan<byte> src, ref int ip, int baseOffset)
    {
        var total = 0;
        byte b;
        do
        {
            if (ip >= src.Length)
            {
                throw Corrupt("LZ4 length truncated", baseOffset + ip);
            }

            b = src[ip++];
            total += b;
            if (total > int.MaxValue / 2)
            {
                throw Corrupt("LZ4 length too large", baseOffset + ip);
            }
        }
        while (b == 255);
        return total;
    }
}
