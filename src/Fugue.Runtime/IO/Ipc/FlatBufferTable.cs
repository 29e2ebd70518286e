using System.Buffers.Binary;
using System.Text;

namespace Fugue.IO.Ipc;

/// <summary>
/// A bounds-checked view of one FlatBuffers table. Every read validates the position against the buffer, so a
/// corrupt flatbuffer raises <see cref="ArrowIpcFormatException"/> naming the offset instead of reading garbage.
/// uoffsets only point forward, so following them cannot loop.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly ReadOnlyMemory<byte> _buf;
    private readonly int _pos;
    private readonly int _vtable;
    private readonly int _vtableSize;

    private FlatBufferTable(ReadOnlyMemory<byte> buf, int pos)
    {
        _buf = buf;
        _pos = pos;
        var span = buf.Span;
        Check(span, pos, 4, "table");
        var vt = (long)pos - BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
        if (vt < 0 || vt + 4 > span.Length)
        {
            throw new ArrowIpcFormatException($"flatbuffer vtable of the table at {pos} is outside the {span.Length}-byte buffer", vt);
        }

        _vtable = (int)vt;
        var size = BinaryPrimitives.ReadUInt16LittleEndian(span[_vtable..]);
        if (size < 4 || (size & 1) != 0 || _vtable + size > span.Length)
        {
            throw new ArrowIpcFormatException($"flatbuffer vtable size {size} is invalid", vt);
        }

        _vtableSize = size;
    }

    /// <summary>The root table of a flatbuffer.</summary>
    public static FlatBufferTable Root(ReadOnlyMemory<byte> buf)
    {
        var span = buf.Span;
        Check(span, 0, 4, "root offset");
        return new FlatBufferTable(buf, Deref(span, 0, "root table"));
    }

    private static void Check(ReadOnlySpan<byte> span, long pos, long size, string what)
    {
        if (pos < 0 || pos + size > span.Length)
        {
            throw new ArrowIpcFormatException($"flatbuffer {what} of {size} bytes at {pos} is outside the {span.Length}-byte buffer", pos);
        }
    }

    private static int Deref(ReadOnlySpan<byte> span, int at, string what)
    {
        var target = at + (long)BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        if (target + 4 > span.Length)
        {
            throw new ArrowIpcFormatException($"flatbuffer offset to the {what} points to {target}, outside the {span.Length}-byte buffer", at);
        }

        return (int)target;
    }

    /// <summary>The absolute position of field <paramref name="slot"/>, or 0 when absent.</summary>
    private int FieldPos(int slot, int size)
    {
        var entry = 4 + slot * 2;
        if (entry + 2 > _vtableSize)
        {
            return 0;
        }

        var span = _buf.Span;
        int rel = BinaryPrimitives.ReadUInt16LittleEndian(span[(_vtable + entry)..]);
        if (rel == 0)
        {
            return 0;
        }

        Check(span, (long)_pos + rel, size, $"field {slot}");
        return _pos + rel;
    }

    public bool GetBool(int slot, bool def)
    {
        var p = FieldPos(slot, 1);
        return p == 0 ? def : _buf.Span[p] != 0;
    }

    public byte GetByte(int slot, byte def)
    {
        var p = FieldPos(slot, 1);
        return p == 0 ? def : _buf.Span[p];
    }

    public short GetShort(int slot, short def)
    {
        var p = FieldPos(slot, 2);
        return p == 0 ? def : BinaryPrimitives.ReadInt16LittleEndian(_buf.Span[p..]);
    }

    public int GetInt(int slot, int def)
    {
        var p = FieldPos(slot, 4);
        return p == 0 ? def : BinaryPrimitives.ReadInt32LittleEndian(_buf.Span[p..]);
    }

    public long GetLong(int slot, long def)
    {
        var p = FieldPos(slot, 8);
        return p == 0 ? def : BinaryPrimitives.ReadInt64LittleEndian(_buf.Span[p..]);
    }

    /// <summary>A sub-table, or null when absent.</summary>
    public FlatBufferTable? GetTable(int slot)
    {
        var p = FieldPos(slot, 4);
        return p == 0 ? null : new FlatBufferTable(_buf, Deref(_buf.Span, p, $"table in field {slot}"));
    }

    public string? GetString(int slot)
    {
        var p = FieldPos(slot, 4);
        if (p == 0)
        {
            return null;
        }

        var span = _buf.Span;
        var s = Deref(span, p, $"string in field {slot}");
        var len = BinaryPrimitives.ReadUInt32LittleEndian(span[s..]);
        Check(span, s + 4L, len, "string");
        return Encoding.UTF8.GetString(span.Slice(s + 4, (int)len));
    }

    /// <summary>The position and element count of a vector field (count 0 when absent), checked to fit.</summary>
    private (int Start, int Count) Vector(int slot, int elemSize)
    {
        var p = FieldPos(slot, 4);
        if (p == 0)
        {
            return (0, 0);
        }

        var span = _buf.Span;
        var v = Deref(span, p, $"vector in field {slot}");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(span[v..]);
        Check(span, v + 4L, (long)count * elemSize, $"vector of {count} {elemSize}-byte elements");
        return (v + 4, (int)count);
    }

    /// <summary>The tables of a vector-of-tables field.</summary>
    public FlatBufferTable[] GetTableVector(int slot)
    {
        var (start, count) = Vector(slot, 4);
        var result = count == 0 ? [] : new FlatBufferTable[count];
        var span = _buf.Span;
        for (var i = 0; i < count; i++)
        {
            result[i] = new FlatBufferTable(_buf, Deref(span, start + i * 4, $"table {i} of field {slot}"));
        }

        return result;
    }

    /// <summary>The raw bytes of a vector of fixed-size structs or scalars.</summary>
    public ReadOnlySpan<byte> GetStructVector(int slot, int elemSize, out int count)
    {
        var (start, n) = Vector(slot, elemSize);
        count = n;
        return _buf.Span.Slice(start, n * elemSize);
    }

    /// <summary>A vector of structs made only of int64s (or of int64 scalars), copied out.</summary>
    public long[] GetLongs(int slot, int longsPerElement)
    {
        var raw = GetStructVector(slot, 8 * longsPerElement, out var count);
        var result = new long[count * longsPerElement];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]);
        }

        return result;
    }

    /// <summary>A vector of File.fbs Block structs (24 bytes each).</summary>
    public ArrowBlock[] GetBlocks(int slot)
    {
        var raw = GetStructVector(slot, 24, out var count);
        var result = new ArrowBlock[count];
        for (var i = 0; i < count; i++)
        {
            var r = raw.Slice(i * 24, 24);
            result[i] = new ArrowBlock(
                BinaryPrimitives.ReadInt64LittleEndian(r),
                BinaryPrimitives.ReadInt32LittleEndian(r[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(r[16..]));
        }

        return result;
    }

    /// <summary>The absolute position of this table (for error messages).</summary>
    public int Position => _pos;
}
