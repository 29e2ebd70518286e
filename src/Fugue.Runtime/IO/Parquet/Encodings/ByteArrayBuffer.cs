namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// Decoded variable-length values in Arrow layout: <see cref="Offsets"/> (Count + 1 entries, starting at 0) into the
/// concatenated <see cref="Data"/>. Decoders append here; the arrays can be handed to a string/binary column.
/// </summary>
public sealed class ByteArrayBuffer
{
    private int[] _offsets;
    private byte[] _data;

    /// <summary>Creates a buffer with initial capacities.</summary>
    public ByteArrayBuffer(int valueCapacity = 16, int dataCapacity = 256)
    {
        _offsets = new int[Math.Max(valueCapacity, 1) + 1];
        _data = new byte[Math.Max(dataCapacity, 16)];
    }

    private ByteArrayBuffer(int[] offsets, byte[] data, int count)
    {
        _offsets = offsets;
        _data = data;
        Count = count;
    }

    /// <summary>
    /// A buffer holding the values of an Arrow-layout column in one bulk copy: <paramref name="offsets"/> (count + 1
    /// entries, not necessarily starting at 0) index into <paramref name="data"/>.
    /// </summary>
    internal static ByteArrayBuffer FromOffsets(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data)
    {
        var count = offsets.Length - 1;
        var first = offsets[0];
        var rebased = GC.AllocateUninitializedArray<int>(count + 1);
        for (var i = 0; i <= count; i++)
        {
            rebased[i] = offsets[i] - first;
        }

        var bytes = data[first..offsets[count]].ToArray();
        return new ByteArrayBuffer(rebased, bytes.Length == 0 ? new byte[16] : bytes, count);
    }

    /// <summary>The number of values.</summary>
    public int Count { get; private set; }

    /// <summary>The number of data bytes.</summary>
    public int DataLength => _offsets[Count];

    /// <summary>Offsets (Count + 1).</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    /// <summary>Concatenated value bytes.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, DataLength);

    /// <summary>The bytes of value <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
        }
    }

    /// <summary>Removes all values, keeping capacity.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends one value.</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        EnsureValues(1);
        var start = _offsets[Count];
        EnsureData(value.Length);
        value.CopyTo(_data.AsSpan(start));
        _offsets[++Count] = start + value.Length;
    }

    /// <summary>Appends an empty value (a null slot in Arrow layout).</summary>
    public void AppendEmpty()
    {
        EnsureValues(1);
        _offsets[Count + 1] = _offsets[Count];
        Count++;
    }

    /// <summary>Appends <paramref name="prefixLength"/> bytes of value <paramref name="source"/> followed by <paramref name="suffix"/>.</summary>
    internal void AppendPrefixed(int source, int prefixLength, ReadOnlySpan<byte> suffix)
    {
        EnsureValues(1);
        var start = _offsets[Count];
        EnsureData(prefixLength + suffix.Length);
        _data.AsSpan(_offsets[source], prefixLength).CopyTo(_data.AsSpan(start));
        suffix.CopyTo(_data.AsSpan(start + prefixLength));
        _offsets[++Count] = start + prefixLength + suffix.Length;
    }

    /// <summary>Ensures room for <paramref name="count"/> more values.</summary>
    public void EnsureValues(int count)
    {
        if (Count + count + 1 > _offsets.Length)
        {
            Array.Resize(ref _offsets, (int)Math.Min(Array.MaxLength, Math.Max(_offsets.Length * 2L, Count + count + 1L)));
        }
    }

    /// <summary>Ensures room for <paramref name="bytes"/> more data bytes.</summary>
    public void EnsureData(int bytes)
    {
        var need = (long)_offsets[Count] + bytes;
        if (need > Array.MaxLength)
        {
            throw new ParquetFormatException("Byte array data exceeds 2 GB in one buffer");
        }

        if (need > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(_data.Length * 2L, need)));
        }
    }

    /// <summary>Copies the offsets (Count + 1) into a new array.</summary>
    public int[] ToOffsetsArray() => Offsets.ToArray();

    /// <summary>Copies the data into a new array of exact size.</summary>
    public byte[] ToDataArray() => Data.ToArray();
}
