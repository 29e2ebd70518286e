using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.IO.Parquet;

namespace Fugue.IO.Compression;

/// <summary>
/// Snappy raw block format (as used by Parquet pages): a varint uncompressed length followed by literal and copy
/// elements. The decoder validates every length and offset; the encoder is a greedy hash-based matcher over
/// 64 KiB blocks.
/// </summary>
public static class SnappyCodec
{
    private const int BlockSize = 1 << 16;
    private const int HashBits = 14;

    /// <summary>An upper bound of the compressed size of <paramref name="sourceLength"/> bytes.</summary>
    public static int GetMaxCompressedLength(int sourceLength) => 32 + sourceLength + sourceLength / 6;

    /// <summary>Reads the uncompressed length from the preamble.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> source)
    {
        var pos = 0;
        return ReadPreamble(source, ref pos);
    }

    /// <summary>
    /// Copies the first <paramref name="prefix"/>.Length uncompressed bytes when the data starts with a literal at
    /// least that long (the usual case: a compressed stream can only start with a literal); false otherwise, or
    /// when the data is too short. Lets a reader learn a page's level-section length before choosing where to
    /// decompress the page.
    /// </summary>
    public static bool TryReadPrefix(ReadOnlySpan<byte> source, Span<byte> prefix)
    {
        var pos = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (pos >= source.Length || shift >= 35)
            {
                return false;
            }

            if (source[pos++] < 0x80)
            {
                break;
            }
        }

        if (pos >= source.Length || (source[pos] & 3) != 0)
        {
            return false;
        }

        var len = source[pos++] >> 2;
        if (len >= 60)
        {
            var extra = len - 59;
            if (source.Length - pos < extra)
            {
                return false;
            }

            long l = 0;
            for (var i = 0; i < extra; i++)
            {
                l |= (long)source[pos + i] << (8 * i);
            }

            pos += extra;
            len = (int)Math.Min(l, int.MaxValue - 1);
        }

        if ((long)len + 1 < prefix.Length || source.Length - pos < prefix.Length)
        {
            return false;
        }

        source.Slice(pos, prefix.Length).CopyTo(prefix);
        return true;
    }

    /// <summary>Decompresses into <paramref name="destination"/>; returns the number of bytes written.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var pos = 0;
        var length = ReadPreamble(source, ref pos);
        if (length > destination.Length)
        {
            throw Corrupt($"uncompressed length {length} exceeds the destination of {destination.Length} bytes");
        }

        var op = 0;
        while (pos < source.Length)
        {
            FastElements(source, destination[..length], ref pos, ref op);
            if (pos >= source.Length)
            {
                break;
            }

            var tag = source[pos++];
            int len;

            // One checked element: what the fast loop left (the last ~80 bytes, long literals, copies with an
            // offset below 8) or rejects as invalid.
            switch (tag & 3)
            {
                case 0:
                {
                    len = tag >> 2;
                    if (len >= 60)
                    {
                        var extra = len - 59;
                        if (source.Length - pos < extra)
                        {
                            throw Corrupt("literal length truncated");
                        }

                        uint l = 0;
                        for (var i = 0; i < extra; i++)
                        {
                            l |= (uint)source[pos + i] << (8 * i);
                        }

                        pos += extra;
                        if (l >= int.MaxValue)
                        {
                            throw Corrupt("literal length overflows");
                        }

                        len = (int)l;
                    }

                    len++;
                    if (len > source.Length - pos || len > length - op)
                    {
                        throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"literal of {len} bytes overruns input or output at output byte {op}"));
                    }

                    source.Slice(pos, len).CopyTo(destination[op..]);
                    pos += len;
                    op += len;
                    continue;
                }
                case 1:
                {
                    if (pos >= source.Length)
                    {
                        throw Corrupt("copy offset truncated");
                    }

                    len = 4 + ((tag >> 2) & 7);
                    var offset = ((tag >> 5) << 8) | source[pos++];
                    Copy(destination, ref op, offset, len, length);
                    continue;
                }
                case 2:
                {
                    if (source.Length - pos < 2)
                    {
                        throw Corrupt("copy offset truncated");
                    }

                    len = (tag >> 2) + 1;
                    int offset = BinaryPrimitives.ReadUInt16LittleEndian(source[pos..]);
                    pos += 2;
                    Copy(destination, ref op, offset, len, length);
                    continue;
                }
                default:
                {
                    if (source.Length - pos < 4)
                    {
                        throw Corrupt("copy offset truncated");
                    }

                    len = (tag >> 2) + 1;
                    var offset = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
                    pos += 4;
                    if (offset > int.MaxValue)
                    {
                        throw Corrupt("copy offset overflows");
                    }

                    Copy(destination, ref op, (int)offset, len, length);
                    continue;
                }
            }
        }

        if (op != length)
        {
            throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"produced {op} bytes, preamble says {length}"));
        }

        return op;
    }

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="GetMaxCompressedLength"/>); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < GetMaxCompressedLength(source.Length))
        {
            throw new ArgumentException("Destination is smaller than GetMaxCompressedLength.", nameof(destination));
        }

        var op = 0;
        var n = (uint)source.Length;
        while (n >= 0x80)
        {
            destination[op++] = (byte)(n | 0x80);
            n >>= 7;
        }

        destination[op++] = (byte)n;
        Span<ushort> table = stackalloc ushort[1 << HashBits];
        for (var start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            table.Clear();
            op = CompressBlock(block, destination, op, table);
        }

        return op;
    }

    /// <summary>
    /// Greedy matcher over one block (at most 64 KiB, so table entries and offsets fit 16 bits), after the reference
    /// implementation: the 16 positions after a match are probed from two 8-byte loads, further on the probe step
    /// grows by 1/32 per miss (so incompressible data costs a few hundred probes per block and is copied as one
    /// literal), matches are extended 8 bytes at a time, and after each copy a further copy is tried at once. Short
    /// literals and copies are written with unaligned 8-byte stores. Reads past the last 15 input bytes are avoided
    /// by emitting them as a literal; writes stay within <see cref="GetMaxCompressedLength"/> (checked).
    /// </summary>
    private static int CompressBlock(ReadOnlySpan<byte> src, Span<byte> dst, int op, Span<ushort> table)
    {
        const int InputMargin = 15;
        var n = src.Length;
        var nextEmit = 0;
        // 16-byte literal stores and 3-byte copies need this much room after op (the bound leaves 32 bytes spare).
        if (n >= InputMargin && dst.Length - op >= GetMaxCompressedLength(n) - 16)
        {
            ref var s = ref MemoryMarshal.GetReference(src);
            ref var d = ref MemoryMarshal.GetReference(dst);
            ref var t = ref MemoryMarshal.GetReference(table);
            var ipLimit = n - InputMargin;
            var ip = 1;
            while (true)
            {
                var candidate = 0;
                var found = false;
                var skip = 32;
                if (ipLimit - ip >= 16)
                {
                    // Probe 16 consecutive positions from two 8-byte loads (bytes shifted out one at a time).
                    for (var j = 0; j < 4 && !found; j++)
                    {
                        var data = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, ip + 4 * j));
                        for (var k = 0; k < 4; k++)
                        {
                            var at = ip + 4 * j + k;
                            ref var entry = ref Unsafe.Add(ref t, Hash((uint)data));
                            candidate = entry;
                            entry = (ushort)at;
                            if ((uint)data == Load32(ref s, candidate) && candidate < at)
                            {
                                ip = at;
                                found = true;
                                break;
                            }

                            data >>= 8;
                        }
                    }

                    if (!found)
                    {
                        ip += 16;
                        skip += 16;
                    }
                }

                if (!found)
                {
                    while (true)
                    {
                        var step = skip >> 5;
                        skip += step;
                        var nextIp = ip + step;
                        if (nextIp > ipLimit)
                        {
                            goto Remainder;
                        }

                        var cur = Load32(ref s, ip);
                        ref var entry = ref Unsafe.Add(ref t, Hash(cur));
                        candidate = entry;
                        entry = (ushort)ip;
                        if (cur == Load32(ref s, candidate) && candidate < ip)
                        {
                            break;
                        }

                        ip = nextIp;
                    }
                }

                op = EmitLiteralFast(ref d, op, ref s, nextEmit, ip - nextEmit, dst);
                uint following;
                do
                {
                    var matchStart = ip;
                    var matched = 4 + MatchLength(ref s, candidate + 4, ip + 4, n);
                    ip += matched;
                    op = EmitCopyFast(ref d, op, matchStart - candidate, matched);
                    nextEmit = ip;
                    if (ip >= ipLimit)
                    {
                        goto Remainder;
                    }

                    var bytes = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, ip - 1));
                    Unsafe.Add(ref t, Hash((uint)bytes)) = (ushort)(ip - 1);
                    following = (uint)(bytes >> 8);
                    ref var entry = ref Unsafe.Add(ref t, Hash(following));
                    candidate = entry;
                    entry = (ushort)ip;
                }
                while (following == Load32(ref s, candidate));

                ip++;
            }
        }

    Remainder:
        return nextEmit < n ? EmitLiteral(src[nextEmit..], dst, op) : op;
    }

    /// <summary>A literal of <paramref name="len"/> bytes at <paramref name="from"/>; up to 16 bytes with two 8-byte moves (room checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitLiteralFast(ref byte d, int op, ref byte s, int from, int len, Span<byte> dst)
    {
        if (len <= 16)
        {
            if (len == 0)
            {
                return op;
            }

            Unsafe.Add(ref d, op) = (byte)((len - 1) << 2);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, op + 1), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, from)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, op + 9), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, from + 8)));
            return op + 1 + len;
        }

        return EmitLiteral(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref s, from), len), dst, op);
    }

    /// <summary>A copy element (or several for long matches), written without bounds checks (room checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopyFast(ref byte d, int op, int offset, int len)
    {
        if (len < 12 && offset < 2048)
        {
            Unsafe.Add(ref d, op) = (byte)(1 | ((len - 4) << 2) | ((offset >> 8) << 5));
            Unsafe.Add(ref d, op + 1) = (byte)offset;
            return op + 2;
        }

        while (len >= 68)
        {
            op = EmitCopy2Fast(ref d, op, offset, 64);
            len -= 64;
        }

        if (len > 64)
        {
            op = EmitCopy2Fast(ref d, op, offset, 60);
            len -= 60;
        }

        if (len < 12 && offset < 2048)
        {
            Unsafe.Add(ref d, op) = (byte)(1 | ((len - 4) << 2) | ((offset >> 8) << 5));
            Unsafe.Add(ref d, op + 1) = (byte)offset;
            return op + 2;
        }

        return EmitCopy2Fast(ref d, op, offset, len);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy2Fast(ref byte d, int op, int offset, int len)
    {
        Unsafe.Add(ref d, op) = (byte)(2 | ((len - 1) << 2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, op + 1), (ushort)offset); // little-endian machines only (as the loads)
        return op + 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte s, int at) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, at));

    /// <summary>Length of the common run of bytes at <paramref name="a"/> and <paramref name="b"/> (a &lt; b), not past <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(ref byte s, int a, int b, int end)
    {
        var start = b;
        while (b <= end - 8)
        {
            var x = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, a)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, b));
            if (x != 0)
            {
                return b - start + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            a += 8;
            b += 8;
        }

        while (b < end && Unsafe.Add(ref s, a) == Unsafe.Add(ref s, b))
        {
            a++;
            b++;
        }

        return b - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint v) => (int)((v * 0x1E35A7BDu) >> (32 - HashBits));

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> dst, int op)
    {
        if (literal.IsEmpty)
        {
            return op;
        }

        var n = literal.Length - 1;
        if (n < 60)
        {
            dst[op++] = (byte)(n << 2);
        }
        else
        {
            var bytes = n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
            dst[op++] = (byte)((59 + bytes) << 2);
            for (var k = 0; k < bytes; k++)
            {
                dst[op++] = (byte)(n >> (8 * k));
            }
        }

        literal.CopyTo(dst[op..]);
        return op + literal.Length;
    }

    /// <summary>
    /// Decodes elements without bounds checks while at least 70 input bytes (a tag, 4 offset bytes, a 64-byte literal)
    /// and 80 output bytes (a 64-byte copy rounded up to 16 bytes, plus 16) remain, so every read and write stays
    /// inside the spans; each element is still validated. It stops before an element it does not handle (literals of
    /// more than 64 bytes, copies with an offset below 8 or past the output so far) and leaves it to the checked loop.
    /// One table lookup gives an element's length, its extra bytes and the high bits of a 1-byte-offset copy, so the
    /// only data-dependent branch is literal or copy; short elements move 16 bytes with two 8-byte loads and stores.
    /// </summary>
    private static unsafe void FastElements(ReadOnlySpan<byte> source, Span<byte> destination, ref int position, ref int written)
    {
        nint pos = position;
        nint op = written;
        nint srcFast = source.Length - 70;
        nint dstFast = destination.Length - 80;
        ref var table = ref MemoryMarshal.GetReference(TagTable);
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            while (pos <= srcFast && op <= dstFast)
            {
                uint t = s[pos];
                nint len;
                if ((t & 3) == 0)
                {
                    len = (nint)(t >> 2) + 1;
                    if (len > 16)
                    {
                        if (len > 60)
                        {
                            break; // the literal's length follows the tag
                        }

                        Buffer.MemoryCopy(s + pos + 1, d + op, len, len);
                    }
                    else
                    {
                        Unsafe.WriteUnaligned(d + op, Unsafe.ReadUnaligned<ulong>(s + pos + 1));
                        Unsafe.WriteUnaligned(d + op + 8, Unsafe.ReadUnaligned<ulong>(s + pos + 9));
                    }

                    pos += 1 + len;
                    op += len;
                    continue;
                }

                var entry = Unsafe.Add(ref table, (nint)t);
                len = (nint)(entry & 0xFF);
                var extra = (int)(0x04020100u >> (int)((t & 3) << 3)) & 0xFF; // not from the table: keeps a load off the position's dependency chain
                var trailer = Unsafe.ReadUnaligned<uint>(s + pos + 1) & (uint)((1UL << (extra * 8)) - 1);
                var offset = (nint)((entry >> 16) + trailer);
                if (offset < 8 || offset > op)
                {
                    break; // overlapping (repeats a pattern shorter than 8 bytes) or invalid
                }

                // offset >= 8: copying 8 bytes at a time reads only bytes already written, so a repeating pattern
                // (offset < len) comes out right; up to 15 bytes past the copy are written, inside the margin.
                var from = d + op - offset;
                var to = d + op;
                Unsafe.WriteUnaligned(to, Unsafe.ReadUnaligned<ulong>(from));
                Unsafe.WriteUnaligned(to + 8, Unsafe.ReadUnaligned<ulong>(from + 8));
                for (nint k = 16; k < len; k += 8)
                {
                    Unsafe.WriteUnaligned(to + k, Unsafe.ReadUnaligned<ulong>(from + k));
                }

                pos += 1 + extra;
                op += len;
            }
        }

        position = (int)pos;
        written = (int)op;
    }

    /// <summary>
    /// Per copy tag byte: bits 0-7 the copy's length, bits 8-10 the number of offset bytes after the tag, bits 16-26
    /// the offset's high bits of a 1-byte-offset copy.
    /// </summary>
    private static ReadOnlySpan<uint> TagTable => TagTableData;

    private static readonly uint[] TagTableData = BuildTagTable();

    private static uint[] BuildTagTable()
    {
        var table = new uint[256];
        for (var t = 0; t < 256; t++)
        {
            table[t] = (t & 3) switch
            {
                0 => 0, // literals are decoded without the table
                1 => (uint)(4 + ((t >> 2) & 7)) | 1u << 8 | (uint)((t >> 5) << 8) << 16,
                2 => (uint)((t >> 2) + 1) | 2u << 8,
                _ => (uint)((t >> 2) + 1) | 4u << 8,
            };
        }

        return table;
    }

    private static void Copy(Span<byte> dst, ref int op, int offset, int len, int length)
    {
        if (offset == 0 || offset > op)
        {
            throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"copy offset {offset} is invalid at output byte {op}"));
        }

        if (len > length - op)
        {
            throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"copy of {len} bytes overruns the output at byte {op}"));
        }

        var from = op - offset;
        if (offset >= len)
        {
            dst.Slice(from, len).CopyTo(dst[op..]);
        }
        else
        {
            for (var k = 0; k < len; k++)
            {
                dst[op + k] = dst[from + k]; // overlapping copy repeats the pattern
            }
        }

        op += len;
    }

    private static int ReadPreamble(ReadOnlySpan<byte> source, ref int pos)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= source.Length)
            {
                throw Corrupt("length preamble truncated");
            }

            var b = source[pos++];
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (result > int.MaxValue)
                {
                    throw Corrupt("uncompressed length exceeds 2 GB");
                }

                return (int)result;
            }
        }

        throw Corrupt("length preamble overlong");
    }

    private static ParquetFormatException Corrupt(string message) => new("Corrupt Snappy data: " + message);
}
