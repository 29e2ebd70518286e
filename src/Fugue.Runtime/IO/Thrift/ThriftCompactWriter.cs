using System.Buffers.Binary;
using System.Text;

namespace Fugue.IO.Thrift;

/// <summary>
/// Writes the Thrift compact protocol into a growable buffer. Field ids are delta-encoded per struct (the writer
/// keeps a stack of the last id of each open struct); boolean fields are folded into the field header.
/// </summary>
public sealed class ThriftCompactWriter
{
    private byte[] _buffer;
    private int _length;
    private short[] _lastIds = new short[16];
    private int _depth;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public ThriftCompactWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    /// <summary>The number of bytes written.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes the written bytes to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream) => stream.Write(_buffer, 0, _length);

    /// <summary>Clears the output so the writer can be reused.</summary>
    public void Reset()
    {
        _length = 0;
        _depth = 0;
    }

    /// <summary>Opens a struct: subsequent field ids are delta-encoded relative to this struct.</summary>
    public void WriteStructBegin()
    {
        if (_depth == _lastIds.Length)
        {
            Array.Resize(ref _lastIds, _depth * 2);
        }

        _lastIds[_depth++] = 0;
    }

    /// <summary>Closes the current struct with a stop field.</summary>
    public void WriteStructEnd()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("WriteStructEnd without a matching WriteStructBegin.");
        }

        _depth--;
        WriteRawByte(0);
    }

    /// <summary>Writes a field header (short form when the id delta is 1..15, long form otherwise).</summary>
    public void WriteFieldHeader(ThriftType type, short fieldId)
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Field written outside a struct.");
        }

        ref var last = ref _lastIds[_depth - 1];
        var delta = fieldId - last;
        if (delta is > 0 and <= 15)
        {
            WriteRawByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteRawByte((byte)type);
            WriteI16(fieldId);
        }

        last = fieldId;
    }

    /// <summary>Writes a boolean field (the value is carried by the header's type nibble).</summary>
    public void WriteBoolField(short fieldId, bool value) =>
        WriteFieldHeader(value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse, fieldId);

    /// <summary>Writes an int8 field.</summary>
    public void WriteI8Field(short fieldId, sbyte value)
    {
        WriteFieldHeader(ThriftType.I8, fieldId);
        WriteI8(value);
    }

    /// <summary>Writes an int16 field.</summary>
    public void WriteI16Field(short fieldId, short value)
    {
        WriteFieldHeader(ThriftType.I16, fieldId);
        WriteI16(value);
    }

    /// <summary>Writes an int32 (or enum) field.</summary>
    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldHeader(ThriftType.I32, fieldId);
        WriteI32(value);
    }

    /// <summary>Writes an int64 field.</summary>
    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldHeader(ThriftType.I64, fieldId);
        WriteI64(value);
    }

    /// <summary>Writes a double field.</summary>
    public void WriteDoubleField(short fieldId, double value)
    {
        WriteFieldHeader(ThriftType.Double, fieldId);
        WriteDouble(value);
    }

    /// <summary>Writes a binary field.</summary>
    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(ThriftType.Binary, fieldId);
        WriteBinary(value);
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public void WriteStringField(short fieldId, string value)
    {
        WriteFieldHeader(ThriftType.Binary, fieldId);
        WriteString(value);
    }

    /// <summary>Writes a struct-typed field header and opens the struct; close it with <see cref="WriteStructEnd"/>.</summary>
    public void WriteStructFieldBegin(short fieldId)
    {
        WriteFieldHeader(ThriftType.Struct, fieldId);
        WriteStructBegin();
    }

    /// <summary>Writes a list header (short form for sizes 0..14).</summary>
    public void WriteListHeader(ThriftType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Boolean elements use type 1, as the reference implementations write it; readers accept 1 and 2.
        var et = elementType == ThriftType.BooleanFalse ? (int)ThriftType.BooleanTrue : (int)elementType;
        if (count < 15)
        {
            WriteRawByte((byte)((count << 4) | et));
        }
        else
        {
            WriteRawByte((byte)(0xF0 | et));
            WriteVarUInt32((uint)count);
        }
    }

    /// <summary>Writes a set header (encoded like a list).</summary>
    public void WriteSetHeader(ThriftType elementType, int count) => WriteListHeader(elementType, count);

    /// <summary>Writes a map header.</summary>
    public void WriteMapHeader(ThriftType keyType, ThriftType valueType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteVarUInt32((uint)count);
        if (count > 0)
        {
            WriteRawByte((byte)(((int)keyType << 4) | (int)valueType));
        }
    }

    /// <summary>Writes a boolean container element (1 true, 0 false).</summary>
    public void WriteBool(bool value) => WriteRawByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes an int8 value.</summary>
    public void WriteI8(sbyte value) => WriteRawByte((byte)value);

    /// <summary>Writes an int16 value (zigzag varint).</summary>
    public void WriteI16(short value) => WriteI32(value);

    /// <summary>Writes an int32 value (zigzag varint).</summary>
    public void WriteI32(int value) => WriteVarUInt32((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes an int64 value (zigzag varint).</summary>
    public void WriteI64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a double (8 bytes little-endian).</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        _length += 8;
    }

    /// <summary>Writes a binary value (varint length then bytes).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarUInt32((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
        _length += value.Length;
    }

    /// <summary>Writes a string as UTF-8 binary.</summary>
    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt32((uint)max);
        var n = Encoding.UTF8.GetBytes(value, Reserve(max));
        _length += n;
    }

    /// <summary>Writes a UUID (16 bytes, big-endian).</summary>
    public void WriteUuid(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        _length += 16;
    }

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteVarUInt32(uint value)
    {
        var span = Reserve(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteVarUInt64(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    private void WriteRawByte(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var size = Math.Max(_buffer.Length * 2, _length + count);
            Array.Resize(ref _buffer, size);
        }

        return _buffer.AsSpan(_length);
    }
}
