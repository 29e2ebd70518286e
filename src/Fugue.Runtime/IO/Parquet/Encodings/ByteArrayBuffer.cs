using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// A buffer over caller-owned arrays (e.g. pooled): <paramref name="offsets"/> holds at least
    /// <paramref name="count"/> + 1 entries starting at 0, <paramref name="data"/> at least the bytes they cover.
    /// </summary>
    internal static ByteArrayBuffer Wrap(int[] offsets, byte[] data, int count) => new(offsets, data, count);

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

    /// <summary>
    /// Appends the dictionary entries named by <paramref name="indices"/> (each already checked to be below
    /// <c>dictionary.Count</c>) in one pass: the total length is summed first so the data grows at most once, and
    /// an empty buffer is sized exactly (a column chunk of one page then needs no final copy).
    /// </summary>
    internal void AppendGather(ByteArrayBuffer dictionary, ReadOnlySpan<int> indices)
    {
        var dictOffsets = dictionary._offsets;
        long total = 0;
        foreach (var k in indices)
        {
            total += dictOffsets[k + 1] - dictOffsets[k];
        }

        EnsureValues(indices.Length);
        if (total > Array.MaxLength - _offsets[Count])
        {
            throw new ParquetFormatException("Byte array data exceeds 2 GB in one buffer");
        }

        if (Count == 0 && _data.Length < total)
        {
            _data = GC.AllocateUninitializedArray<byte>((int)total);
        }
        else
        {
            EnsureData((int)total);
        }

        ref var src = ref MemoryMarshal.GetArrayDataReference(dictionary._data);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(_data);
        var offsets = _offsets.AsSpan(Count + 1, indices.Length);
        var at = _offsets[Count];
        var i = 0;

        // Short values (the usual dictionary strings) move as 16 bytes with two 8-byte loads and stores instead of a
        // call to memmove per value; the bytes past a value are overwritten by the next one. That needs 16 readable
        // bytes at the entry and 16 writable at the target: the loop stops 16 bytes before the end of the data,
        // and an entry that ends within 16 bytes of the dictionary's end, or a longer value, is copied exactly.
        var srcSafe = (long)dictionary._data.Length - 16;
        var dstSafe = (long)_data.Length - 16;
        for (; i < indices.Length && at <= dstSafe; i++)
        {
            var k = indices[i];
            var from = dictOffsets[k];
            var len = dictOffsets[k + 1] - from;
            if (len <= 16 && from <= srcSafe)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, at), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, from)));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, at + 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, from + 8)));
            }
            else
            {
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, at), ref Unsafe.Add(ref src, from), (uint)len);
            }

            at += len;
            offsets[i] = at;
        }

        for (; i < indices.Length; i++)
        {
            var k = indices[i];
            var from = dictOffsets[k];
            var len = dictOffsets[k + 1] - from;
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, at), ref Unsafe.Add(ref src, from), (uint)len);
            at += len;
            offsets[i] = at;
        }

        Count += indices.Length;
    }

    /// <summary>Reserves offsets for <paramref name="count"/> values in total (a chunk's known value count), exactly.</summary>
    internal void ReserveValues(int count)
    {
        if (_offsets.Length < count + 1)
        {
            Array.Resize(ref _offsets, count + 1);
        }
    }

    /// <summary>The offsets (Count + 1) as an array: the buffer's own when it has exactly that length, else a copy.</summary>
    internal int[] TakeOffsets() => _offsets.Length == Count + 1 ? _offsets : Offsets.ToArray();

    /// <summary>The data as an array: the buffer's own when it has exactly that length, else a copy.</summary>
    internal byte[] TakeData() => _data.Length == DataLength ? _data : Data.ToArray();

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
