using System.Buffers.Binary;
using System.Globalization;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// Streaming decoder of the RLE / bit-packing hybrid (levels, dictionary indices, RLE booleans), without the
/// optional 4-byte length prefix (see <see cref="RleBitPackedHybrid.SplitLengthPrefixed"/>). A final bit-packed run
/// shorter than its header claims is accepted (some writers truncate padding); values beyond the data are not invented.
/// </summary>
public ref struct RleBitPackedDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly int _byteWidth;
    private int _pos;
    private int _rleRemaining;
    private int _rleValue;
    private int _packedRemaining;
    private long _packedBit; // absolute bit position in _data of the next packed value

    /// <summary>Creates a decoder of values of <paramref name="bitWidth"/> (0..32) bits.</summary>
    public RleBitPackedDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE/bit-packed bit width {bitWidth} is out of range 0..32"));
        }

        _data = data;
        _bitWidth = bitWidth;
        _byteWidth = (bitWidth + 7) >> 3;
    }

    /// <summary>The number of bytes consumed by the runs started so far.</summary>
    public readonly int Position => _pos;

    /// <summary>Decodes up to <c>dest.Length</c> values; returns the count decoded (less only when the data ends).</summary>
    public int Read(scoped Span<int> dest)
    {
        var n = 0;
        while (n < dest.Length)
        {
            if (_rleRemaining > 0)
            {
                var k = Math.Min(_rleRemaining, dest.Length - n);
                dest.Slice(n, k).Fill(_rleValue);
                _rleRemaining -= k;
                n += k;
            }
            else if (_packedRemaining > 0)
            {
                var k = Math.Min(_packedRemaining, dest.Length - n);
                // A previous partial read may leave the next value mid-byte; UnpackAt handles any bit offset.
                BitPacking.UnpackAt(_data, _packedBit, dest.Slice(n, k), _bitWidth);
                _packedBit += (long)k * _bitWidth;
                _packedRemaining -= k;
                n += k;
            }
            else if (!NextRun())
            {
                break;
            }
        }

        return n;
    }

    /// <summary>Skips up to <paramref name="count"/> values; returns the number skipped.</summary>
    public int Skip(int count)
    {
        var n = 0;
        while (n < count)
        {
            if (_rleRemaining > 0)
            {
                var k = Math.Min(_rleRemaining, count - n);
                _rleRemaining -= k;
                n += k;
            }
            else if (_packedRemaining > 0)
            {
                var k = Math.Min(_packedRemaining, count - n);
                _packedBit += (long)k * _bitWidth;
                _packedRemaining -= k;
                n += k;
            }
            else if (!NextRun())
            {
                break;
            }
        }

        return n;
    }

    private bool NextRun()
    {
        if (_pos >= _data.Length)
        {
            return false;
        }

        var start = _pos;
        ulong header = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_pos >= _data.Length || shift > 28)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE/bit-packed run header at byte {start} is truncated or overlong"));
            }

            var b = _data[_pos++];
            header |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        if ((header & 1) == 0)
        {
            var count = header >> 1;
            if (count == 0 || count > int.MaxValue)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE run at byte {start} has invalid length {count}"));
            }

            if (_data.Length - _pos < _byteWidth)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE run at byte {start} is truncated"));
            }

            var v = 0;
            for (var i = 0; i < _byteWidth; i++)
            {
                v |= _data[_pos + i] << (8 * i);
            }

            if (_bitWidth < 32 && (uint)v >> _bitWidth != 0)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"RLE run at byte {start} repeats value {v} wider than {_bitWidth} bits"));
            }

            _pos += _byteWidth;
            _rleValue = v;
            _rleRemaining = (int)count;
        }
        else
        {
            var groups = header >> 1;
            if (groups == 0 || groups > int.MaxValue / 8)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Bit-packed run at byte {start} has invalid group count {groups}"));
            }

            var values = (long)groups * 8;
            var bytes = values * _bitWidth / 8;
            var available = _data.Length - _pos;
            if (bytes > available)
            {
                // Truncated final run: keep only the values wholly present.
                values = _bitWidth == 0 ? values : (long)available * 8 / _bitWidth;
                bytes = available;
            }

            _packedBit = (long)_pos * 8;
            _packedRemaining = (int)values;
            _pos += (int)bytes;
            if (_packedRemaining == 0)
            {
                return _pos < _data.Length && NextRun();
            }
        }

        return true;
    }
}
