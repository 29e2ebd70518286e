namespace Fugue.Columnar;

/// <summary>Appends bits (LSB order) into a <see cref="BufferBuilder"/>; used for bool values and validity.</summary>
internal sealed class BitmapBuilder
{
    private readonly BufferBuilder _bytes;
    private int _length;
    private int _setCount;

    public BitmapBuilder(int capacityBits) => _bytes = new BufferBuilder(BitUtility.BytesFor(capacityBits));

    public int Length => _length;

    public int SetCount => _setCount;

    public ReadOnlySpan<byte> Written => _bytes.Written;

    public void Append(bool value)
    {
        if ((_length & 7) == 0)
        {
            _bytes.Append((byte)0);
        }

        if (value)
        {
            _bytes.Written[_length >> 3] |= (byte)(1 << (_length & 7));
            _setCount++;
        }

        _length++;
    }

    public void AppendMany(bool value, int count)
    {
        if (count <= 0)
        {
            return;
        }

        // Finish the current byte bit by bit, then whole bytes, then the tail.
        while (count > 0 && (_length & 7) != 0)
        {
            Append(value);
            count--;
        }

        var whole = count >> 3;
        if (whole > 0)
        {
            _bytes.AppendSpan(whole).Fill(value ? (byte)0xFF : (byte)0);
            _length += whole << 3;
            if (value)
            {
                _setCount += whole << 3;
            }

            count -= whole << 3;
        }

        while (count-- > 0)
        {
            Append(value);
        }
    }

    /// <summary>Drops bits beyond <paramref name="length"/>, clearing them so later appends start from zero bits.</summary>
    public void Truncate(int length)
    {
        if (length >= _length)
        {
            return;
        }

        _setCount -= BitUtility.CountSetBits(_bytes.Written, length, _length - length);
        _bytes.Truncate(BitUtility.BytesFor(length));
        if ((length & 7) != 0)
        {
            _bytes.Written[length >> 3] &= (byte)((1 << (length & 7)) - 1);
        }

        _length = length;
    }

    public ArrowBuffer Build()
    {
        _length = 0;
        _setCount = 0;
        return _bytes.Build();
    }

    public void Reset()
    {
        _bytes.Reset();
        _length = 0;
        _setCount = 0;
    }
}
