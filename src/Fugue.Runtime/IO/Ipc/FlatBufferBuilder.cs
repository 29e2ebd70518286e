using System.Buffers.Binary;
using System.Text;

namespace Fugue.IO.Ipc;

/// <summary>
/// A minimal FlatBuffers builder (what Arrow's Schema/Message/File tables need). Like the reference builders it
/// writes back to front, so every uoffset points forward: offsets returned here count bytes from the end.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buf;
    private int _space;
    private int _minAlign = 1;
    private int[] _vtable = new int[16];
    private int _vtableCount;
    private int _objectStart;

    public FlatBufferBuilder(int initialSize = 256)
    {
        _buf = new byte[Math.Max(initialSize, 16)];
        _space = _buf.Length;
    }

    /// <summary>Bytes written so far (the "offset" of the last object, counted from the end).</summary>
    public int Offset => _buf.Length - _space;

    private void Grow(int need)
    {
        var size = _buf.Length;
        var newSize = Math.Max(size * 2, size + need);
        var nb = new byte[newSize];
        Buffer.BlockCopy(_buf, _space, nb, newSize - (size - _space), size - _space);
        _space += newSize - size;
        _buf = nb;
    }

    /// <summary>Pads so that after writing <paramref name="additional"/> bytes the position is <paramref name="size"/>-aligned.</summary>
    private void Prep(int size, int additional)
    {
        if (size > _minAlign)
        {
            _minAlign = size;
        }

        var alignSize = (~(Offset + additional) + 1) & (size - 1);
        if (_space < alignSize + size + additional)
        {
            Grow(alignSize + size + additional);
        }

        for (var i = 0; i < alignSize; i++)
        {
            _buf[--_space] = 0;
        }
    }

    private void PutByte(byte v) => _buf[--_space] = v;

    private void PutShort(short v)
    {
        _space -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buf.AsSpan(_space), v);
    }

    private void PutInt(int v)
    {
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(_space), v);
    }

    private void PutLong(long v)
    {
        _space -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buf.AsSpan(_space), v);
    }

    public void AddByte(byte v)
    {
        Prep(1, 0);
        PutByte(v);
    }

    public void AddShort(short v)
    {
        Prep(2, 0);
        PutShort(v);
    }

    public void AddInt(int v)
    {
        Prep(4, 0);
        PutInt(v);
    }

    public void AddLong(long v)
    {
        Prep(8, 0);
        PutLong(v);
    }

    /// <summary>Writes a uoffset to an object written earlier.</summary>
    public void AddOffset(int off)
    {
        Prep(4, 0);
        PutInt(Offset - off + 4);
    }

    public int CreateString(string s)
    {
        var n = Encoding.UTF8.GetByteCount(s);
        Prep(4, n + 1);
        PutByte(0);
        _space -= n;
        Encoding.UTF8.GetBytes(s, _buf.AsSpan(_space, n));
        PutInt(n);
        return Offset;
    }

    /// <summary>A vector of uoffsets to tables/strings written earlier.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        StartVector(4, offsets.Length, 4);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            AddOffset(offsets[i]);
        }

        return EndVector(offsets.Length);
    }

    /// <summary>A vector of structs made of int64s (FieldNode, Buffer: pairs of longs), given flat.</summary>
    public int CreateLongStructVector(ReadOnlySpan<long> longs, int longsPerStruct)
    {
        var count = longs.Length / longsPerStruct;
        StartVector(8 * longsPerStruct, count, 8);
        for (var i = longs.Length - 1; i >= 0; i--)
        {
            PutLong(longs[i]);
        }

        return EndVector(count);
    }

    /// <summary>A vector of File.fbs Block structs (offset: long, metaDataLength: int, pad, bodyLength: long).</summary>
    public int CreateBlockVector(IReadOnlyList<ArrowBlock> blocks)
    {
        StartVector(24, blocks.Count, 8);
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            PutLong(blocks[i].BodyLength);
            PutInt(0);
            PutInt(blocks[i].MetadataLength);
            PutLong(blocks[i].Offset);
        }

        return EndVector(blocks.Count);
    }

    public int CreateLongVector(ReadOnlySpan<long> values)
    {
        StartVector(8, values.Length, 8);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            PutLong(values[i]);
        }

        return EndVector(values.Length);
    }

    private void StartVector(int elemSize, int count, int alignment)
    {
        Prep(4, elemSize * count);
        Prep(alignment, elemSize * count);
        if (_space < elemSize * count)
        {
            Grow(elemSize * count);
        }
    }

    private int EndVector(int count)
    {
        PutInt(count);
        return Offset;
    }

    public void StartTable(int fieldCount)
    {
        if (_vtable.Length < fieldCount)
        {
            _vtable = new int[fieldCount];
        }

        Array.Clear(_vtable, 0, fieldCount);
        _vtableCount = fieldCount;
        _objectStart = Offset;
    }

    private void Slot(int slot) => _vtable[slot] = Offset;

    public void AddBool(int slot, bool v, bool def)
    {
        if (v != def)
        {
            AddByte(v ? (byte)1 : (byte)0);
            Slot(slot);
        }
    }

    public void AddByte(int slot, byte v, byte def)
    {
        if (v != def)
        {
            AddByte(v);
            Slot(slot);
        }
    }

    public void AddShort(int slot, short v, short def)
    {
        if (v != def)
        {
            AddShort(v);
            Slot(slot);
        }
    }

    public void AddInt(int slot, int v, int def)
    {
        if (v != def)
        {
            AddInt(v);
            Slot(slot);
        }
    }

    public void AddLong(int slot, long v, long def)
    {
        if (v != def)
        {
            AddLong(v);
            Slot(slot);
        }
    }

    /// <summary>Adds a uoffset field; 0 means "absent".</summary>
    public void AddOffset(int slot, int off)
    {
        if (off != 0)
        {
            AddOffset(off);
            Slot(slot);
        }
    }

    public int EndTable()
    {
        AddInt(0); // placeholder for the soffset to the vtable
        var objectOffset = Offset;
        var n = _vtableCount;
        while (n > 0 && _vtable[n - 1] == 0)
        {
            n--;
        }

        for (var i = n - 1; i >= 0; i--)
        {
            AddShort((short)(_vtable[i] != 0 ? objectOffset - _vtable[i] : 0));
        }

        AddShort((short)(objectOffset - _objectStart));
        AddShort((short)((n + 2) * 2));
        var vtableOffset = Offset;
        BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(_buf.Length - objectOffset), vtableOffset - objectOffset);
        _vtableCount = 0;
        return objectOffset;
    }

    /// <summary>Writes the root offset; the result's length is a multiple of the largest alignment used (8 for Arrow).</summary>
    public ReadOnlySpan<byte> Finish(int root)
    {
        Prep(Math.Max(_minAlign, 8), 4);
        AddOffset(root);
        return _buf.AsSpan(_space);
    }
}
