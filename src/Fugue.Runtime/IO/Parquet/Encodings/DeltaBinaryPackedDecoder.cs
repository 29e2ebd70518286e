using System.Buffers;
using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// Streaming DELTA_BINARY_PACKED decoder. Arithmetic wraps in two's complement (as the spec requires); INT32
/// values are the low 32 bits of the 64-bit reconstruction. <see cref="Position"/> after the last value is the end
/// of the encoded data, which DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY rely on.
/// </summary>
public ref struct DeltaBinaryPackedDecoder
{
    private const int MaxBlockSize = 1 << 16;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _blockSize;
    private readonly int _miniblocks;
    private readonly int _miniblockSize;
    private int _pos;
    private int _remaining;        // values not yet returned
    private long _last;            // last value returned
    private bool _firstPending;    // the header's first value is not yet returned
    private long _minDelta;
    private int _miniblockIndex;   // miniblock within the current block
    private int _miniblockLeft;    // values left in the current miniblock
    private int _bitWidth;
    private long _bitPos;          // absolute bit position of the next packed delta
    private int _blockWidthsPos;   // byte position of the current block's bit-width bytes

    /// <summary>Reads the header of the encoded data in <paramref name="data"/>.</summary>
    public DeltaBinaryPackedDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        var block = ReadVarUInt64();
        var miniblocks = ReadVarUInt64();
        var total = ReadVarUInt64();
        var first = ReadZigZag();
        if (block == 0 || block % 128 != 0 || block > MaxBlockSize || miniblocks == 0 || block % miniblocks != 0 || block / miniblocks % 32 != 0)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"DELTA_BINARY_PACKED header is invalid: block size {block}, {miniblocks} miniblocks"));
        }

        if (total > int.MaxValue)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"DELTA_BINARY_PACKED value count {total} is too large"));
        }

        _blockSize = (int)block;
        _miniblocks = (int)miniblocks;
        _miniblockSize = _blockSize / _miniblocks;
        TotalCount = (int)total;
        _remaining = TotalCount;
        _last = first;
        _firstPending = TotalCount > 0;
        _miniblockIndex = _miniblocks; // forces a block header read on the first delta
    }

    /// <summary>The total number of values in the encoded data.</summary>
    public int TotalCount { get; }

    /// <summary>The byte position just past everything consumed so far (the end of the data once all values are read).</summary>
    public readonly int Position => _pos;

    /// <summary>Decodes up to <c>dest.Length</c> values; returns the count decoded.</summary>
    public int Read(scoped Span<long> dest)
    {
        var n = Math.Min(dest.Length, _remaining);
        var i = 0;
        if (i < n && _firstPending)
        {
            dest[i++] = _last;
            _firstPending = false;
            _remaining--;
        }

        Span<ulong> scratch = stackalloc ulong[64];
        while (i < n)
        {
            if (_miniblockLeft == 0)
            {
                NextMiniblock();
            }

            var k = Math.Min(Math.Min(_miniblockLeft, n - i), scratch.Length);
            UnpackDeltas(scratch[..k]);
            var last = (ulong)_last;
            var min = (ulong)_minDelta;
            for (var j = 0; j < k; j++)
            {
                last += min + scratch[j];
                dest[i + j] = (long)last;
            }

            _last = (long)last;
            _miniblockLeft -= k;
            _remaining -= k;
            i += k;
        }

        return n;
    }

    /// <summary>Decodes up to <c>dest.Length</c> INT32 values; returns the count decoded.</summary>
    public int Read(scoped Span<int> dest)
    {
        Span<long> chunk = stackalloc long[128];
        var done = 0;
        while (done < dest.Length)
        {
            var k = Read(chunk[..Math.Min(chunk.Length, dest.Length - done)]);
            if (k == 0)
            {
                break;
            }

            for (var j = 0; j < k; j++)
            {
                dest[done + j] = (int)chunk[j];
            }

            done += k;
        }

        return done;
    }

    /// <summary>Decodes exactly <c>dest.Length</c> values (the header count may be larger); returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> dest)
    {
        var d = new DeltaBinaryPackedDecoder(data);
        Require(d.TotalCount, dest.Length);
        d.Read(dest);
        return d.Position;
    }

    /// <summary>Decodes exactly <c>dest.Length</c> INT32 values; returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> dest)
    {
        var d = new DeltaBinaryPackedDecoder(data);
        Require(d.TotalCount, dest.Length);
        d.Read(dest);
        return d.Position;
    }

    /// <summary>Decodes all values into a pooled-free new array and returns bytes consumed (used for byte-array lengths).</summary>
    internal static int DecodeAll(ReadOnlySpan<byte> data, out int[] values, int expected)
    {
        var d = new DeltaBinaryPackedDecoder(data);
        Require(d.TotalCount, expected);
        values = ArrayPool<int>.Shared.Rent(Math.Max(1, expected));
        d.Read(values.AsSpan(0, expected));
        return d.Position;
    }

    private static void Require(int have, int want)
    {
        if (have < want)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"DELTA_BINARY_PACKED data holds {have} values, expected {want}"));
        }
    }

    private void NextMiniblock()
    {
        if (_miniblockIndex >= _miniblocks)
        {
            // Block header: min delta then one bit width byte per miniblock.
            _minDelta = ReadZigZag();
            if (_data.Length - _pos < _miniblocks)
            {
                throw Truncated();
            }

            _blockWidthsPos = _pos;
            _pos += _miniblocks;
            _miniblockIndex = 0;
        }

        _bitWidth = _data[_blockWidthsPos + _miniblockIndex];
        if (_bitWidth > 64)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"DELTA_BINARY_PACKED miniblock bit width {_bitWidth} exceeds 64"));
        }

        _miniblockIndex++;
        _miniblockLeft = _miniblockSize;
        _bitPos = (long)_pos * 8;
        var bytes = (long)_miniblockSize * _bitWidth / 8;
        // The last miniblock holding values may be shorter than declared only if the writer omitted padding; demand it.
        if (bytes > _data.Length - _pos)
        {
            var needed = BitPacking.ByteCount(Math.Min(_miniblockSize, _remaining), _bitWidth);
            if (needed > _data.Length - _pos)
            {
                throw Truncated();
            }

            bytes = _data.Length - _pos;
        }

        _pos += (int)bytes;
    }

    private void UnpackDeltas(scoped Span<ulong> dst)
    {
        BitPacking.UnpackAt(_data, _bitPos, dst, _bitWidth);
        _bitPos += (long)dst.Length * _bitWidth;
    }

    private ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                throw Truncated();
            }

            var b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new ParquetFormatException("DELTA_BINARY_PACKED varint is longer than 10 bytes");
    }

    private long ReadZigZag()
    {
        var u = ReadVarUInt64();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    private readonly ParquetFormatException Truncated() =>
        new(string.Create(CultureInfo.InvariantCulture, $"DELTA_BINARY_PACKED data is truncated at byte {_pos} of {_data.Length}"));
}
