using System.Buffers.Binary;
using System.Globalization;
using Fugue.IO.Parquet;

namespace Fugue.IO.Compression;

/// <summary>
/// LZ4 block format without framing (Parquet LZ4_RAW). Sequences of literals and matches; the last sequence is
/// literals only. The encoder is a greedy single-hash matcher honouring the end-of-block rules (last 5 bytes are
/// literals, no match starts within the last 12 bytes).
/// </summary>
public static class Lz4RawCodec
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5;
    private const int MatchFindLimit = 12;
    private const int HashBits = 16;

    /// <summary>An upper bound of the compressed size of <paramref name="sourceLength"/> bytes.</summary>
    public static int GetMaxCompressedLength(int sourceLength) => sourceLength + sourceLength / 255 + 16;

    /// <summary>Decompresses a block into <paramref name="destination"/>; returns the number of bytes written.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var ip = 0;
        var op = 0;
        if (source.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (ip >= source.Length)
            {
                throw Corrupt("sequence token truncated", ip);
            }

            var token = source[ip++];
            var literal = ReadLength(source, ref ip, token >> 4);
            if (literal > source.Length - ip || literal > destination.Length - op)
            {
                throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"literal run of {literal} bytes overruns input or output"), ip);
            }

            source.Slice(ip, literal).CopyTo(destination[op..]);
            ip += literal;
            op += literal;
            if (ip == source.Length)
            {
                return op; // the last sequence has no match part
            }

            if (source.Length - ip < 2)
            {
                throw Corrupt("match offset truncated", ip);
            }

            int offset = BinaryPrimitives.ReadUInt16LittleEndian(source[ip..]);
            ip += 2;
            if (offset == 0 || offset > op)
            {
                throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"match offset {offset} is invalid at output byte {op}"), ip - 2);
            }

            var matchLength = ReadLength(source, ref ip, token & 15) + MinMatch;
            if (matchLength > destination.Length - op)
            {
                throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"match of {matchLength} bytes overruns the output of {destination.Length} bytes"), ip);
            }

            var from = op - offset;
            if (offset >= matchLength)
            {
                destination.Slice(from, matchLength).CopyTo(destination[op..]);
            }
            else
            {
                for (var k = 0; k < matchLength; k++)
                {
                    destination[op + k] = destination[from + k];
                }
            }

            op += matchLength;
        }
    }

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="GetMaxCompressedLength"/>); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < GetMaxCompressedLength(source.Length))
        {
            throw new ArgumentException("Destination is smaller than GetMaxCompressedLength.", nameof(destination));
        }

        var table = new int[1 << HashBits];
        Array.Fill(table, -1);
        var op = 0;
        var anchor = 0;
        var i = 0;
        var matchLimit = source.Length - MatchFindLimit;
        while (i < matchLimit)
        {
            var cur = BinaryPrimitives.ReadUInt32LittleEndian(source[i..]);
            var h = (int)((cur * 2654435761u) >> (32 - HashBits));
            var candidate = table[h];
            table[h] = i;
            if (candidate < 0 || i - candidate > 65535 || BinaryPrimitives.ReadUInt32LittleEndian(source[candidate..]) != cur)
            {
                i++;
                continue;
            }

            var maxLen = source.Length - LastLiterals - i;
            var len = MinMatch + source.Slice(candidate + MinMatch, maxLen - MinMatch).CommonPrefixLength(source.Slice(i + MinMatch, maxLen - MinMatch));
            op = EmitSequence(source[anchor..i], i - candidate, len, destination, op);
            i += len;
            anchor = i;
        }

        // Final literals-only sequence.
        var lit = source.Length - anchor;
        var tokenPos = op++;
        destination[tokenPos] = (byte)(Math.Min(lit, 15) << 4);
        op = WriteLength(destination, op, lit);
        source[anchor..].CopyTo(destination[op..]);
        return op + lit;
    }

    private static int EmitSequence(ReadOnlySpan<byte> literals, int offset, int matchLength, Span<byte> dst, int op)
    {
        var ml = matchLength - MinMatch;
        dst[op++] = (byte)((Math.Min(literals.Length, 15) << 4) | Math.Min(ml, 15));
        op = WriteLength(dst, op, literals.Length);
        literals.CopyTo(dst[op..]);
        op += literals.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(dst[op..], (ushort)offset);
        op += 2;
        return WriteLength(dst, op, ml);
    }

    private static int WriteLength(Span<byte> dst, int op, int length)
    {
        if (length < 15)
        {
            return op;
        }

        length -= 15;
        while (length >= 255)
        {
            dst[op++] = 255;
            length -= 255;
        }

        dst[op++] = (byte)length;
        return op;
    }

    private static int ReadLength(ReadOnlySpan<byte> source, ref int ip, int nibble)
    {
        long length = nibble;
        if (nibble == 15)
        {
            byte b;
            do
            {
                if (ip >= source.Length)
                {
                    throw Corrupt("length bytes truncated", ip);
                }

                b = source[ip++];
                length += b;
                if (length > int.MaxValue)
                {
                    throw Corrupt("length overflows", ip);
                }
            }
            while (b == 255);
        }

        return (int)length;
    }

    private static ParquetFormatException Corrupt(string message, int at) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Corrupt LZ4 block: {message} (input byte {at})"));
}
