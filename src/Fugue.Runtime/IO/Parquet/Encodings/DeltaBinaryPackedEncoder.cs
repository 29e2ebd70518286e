namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED encoder: blocks of 128 values in 4 miniblocks of 32. INT32 deltas are computed in 32-bit
/// wrapping arithmetic so no miniblock is wider than 32 bits, as the spec requires.
/// </summary>
public static class DeltaBinaryPackedEncoder
{
    private const int BlockSize = 128;
    private const int Miniblocks = 4;
    private const int MiniblockSize = BlockSize / Miniblocks;

    /// <summary>Encodes INT32 values.</summary>
    public static void Encode(ReadOnlySpan<int> values, GrowableBuffer output)
    {
        WriteHeader(values.Length, values.IsEmpty ? 0 : values[0], output);
        Span<long> deltas = stackalloc long[BlockSize];
        for (var start = 1; start < values.Length; start += BlockSize)
        {
            var n = Math.Min(BlockSize, values.Length - start);
            for (var i = 0; i < n; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
            }

            WriteBlock(deltas[..n], output);
        }
    }

    /// <summary>Encodes INT64 values.</summary>
    public static void Encode(ReadOnlySpan<long> values, GrowableBuffer output)
    {
        WriteHeader(values.Length, values.IsEmpty ? 0 : values[0], output);
        Span<long> deltas = stackalloc long[BlockSize];
        for (var start = 1; start < values.Length; start += BlockSize)
        {
            var n = Math.Min(BlockSize, values.Length - start);
            for (var i = 0; i < n; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
            }

            WriteBlock(deltas[..n], output);
        }
    }

    private static void WriteHeader(int count, long first, GrowableBuffer output)
    {
        output.WriteVarUInt64(BlockSize);
        output.WriteVarUInt64(Miniblocks);
        output.WriteVarUInt64((ulong)count);
        output.WriteZigZag(first);
    }

    private static void WriteBlock(ReadOnlySpan<long> deltas, GrowableBuffer output)
    {
        var min = long.MaxValue;
        foreach (var d in deltas)
        {
            min = Math.Min(min, d);
        }

        output.WriteZigZag(min);
        Span<ulong> packed = stackalloc ulong[BlockSize];
        packed.Clear();
        for (var i = 0; i < deltas.Length; i++)
        {
            packed[i] = unchecked((ulong)(deltas[i] - min));
        }

        Span<int> widths = stackalloc int[Miniblocks];
        for (var m = 0; m < Miniblocks; m++)
        {
            ulong or = 0;
            var from = m * MiniblockSize;
            for (var i = from; i < Math.Min(from + MiniblockSize, deltas.Length); i++)
            {
                or |= packed[i];
            }

            widths[m] = BitPacking.BitWidth(or);
            output.WriteByte((byte)widths[m]);
        }

        for (var m = 0; m * MiniblockSize < deltas.Length; m++)
        {
            var bytes = MiniblockSize * widths[m] / 8;
            var dst = output.GetSpan(bytes)[..bytes];
            BitPacking.Pack(packed.Slice(m * MiniblockSize, MiniblockSize), dst, widths[m]);
            output.Advance(bytes);
        }
    }
}
