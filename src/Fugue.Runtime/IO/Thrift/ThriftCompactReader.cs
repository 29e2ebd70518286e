using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Fugue.IO.Parquet;

namespace Fugue.IO.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span. Every read is bounds-checked; corrupt input raises a
/// <see cref="ParquetFormatException"/> naming the file and absolute offset. Container sizes and binary lengths are
/// validated against the remaining bytes before anything is allocated (every encoded element takes at least one
/// byte), and nesting is limited, so hostile input can neither exhaust memory nor recurse without bound.
/// </summary>
/// <remarks>
/// Struct decoding pattern: <c>r.EnterStruct(); short last = 0; while (r.ReadFieldHeader(ref last, out var t, out var id)) { ... default: r.Skip(t); } r.ExitStruct();</c>
/// </remarks>
public ref struct ThriftCompactReader
{
    /// <summary>Default limit on nesting of structs and containers.</summary>
    public const int DefaultMaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string? _filePath;
    private readonly long _baseOffset;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;
    // Boolean field values live in the field header; 0 = none pending, 1 = true, 2 = false.
    private byte _pendingBool;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="filePath">The file the bytes come from, for error messages.</param>
    /// <param name="baseOffset">The absolute offset of <paramref name="data"/> in that file, for error messages.</param>
    /// <param name="maxDepth">The maximum nesting of structs and containers.</param>
    public ThriftCompactReader(ReadOnlySpan<byte> data, string? filePath = null, long baseOffset = 0, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _data = data;
        _filePath = filePath;
        _baseOffset = baseOffset;
        _maxDepth = maxDepth;
    }

    /// <summary>The number of bytes consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>The number of bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _pos;

    /// <summary>The file named in error messages, if any.</summary>
    public readonly string? FilePath => _filePath;

    /// <summary>The absolute offset of the next byte in the file.</summary>
    public readonly long AbsolutePosition => _baseOffset + _pos;

    /// <summary>Creates the exception for corrupt input at the current position.</summary>
    public readonly ParquetFormatException Error(string message) =>
        new("Corrupt Thrift data: " + message, _filePath, _baseOffset + _pos);

    /// <summary>Enters a struct (or union), enforcing the nesting limit.</summary>
    public void EnterStruct()
    {
        if (++_depth > _maxDepth)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {_maxDepth} levels"));
        }
    }

    /// <summary>Leaves a struct entered with <see cref="EnterStruct"/>.</summary>
    public void ExitStruct() => _depth--;

    /// <summary>
    /// Reads the next field header of the current struct. Returns false at the stop field.
    /// <paramref name="lastFieldId"/> carries the previous field id of this struct (start with 0) for delta decoding.
    /// </summary>
    public bool ReadFieldHeader(ref short lastFieldId, out ThriftType type, out short fieldId)
    {
        _pendingBool = 0;
        var b = ReadRawByte();
        if (b == 0)
        {
            type = ThriftType.Stop;
            fieldId = 0;
            return false;
        }

        var t = b & 0x0F;
        if (t > (int)ThriftType.Uuid)
        {
            _pos--;
            throw Error(string.Create(CultureInfo.InvariantCulture, $"unknown field type {t}"));
        }

        type = (ThriftType)t;
        var delta = b >> 4;
        if (delta != 0)
        {
            var id = lastFieldId + delta;
            if (id > short.MaxValue)
            {
                throw Error("field id overflows int16");
            }

            fieldId = (short)id;
        }
        else
        {
            fieldId = ReadI16();
        }

        if (type == ThriftType.BooleanTrue)
        {
            _pendingBool = 1;
        }
        else if (type == ThriftType.BooleanFalse)
        {
            _pendingBool = 2;
        }

        lastFieldId = fieldId;
        return true;
    }

    /// <summary>Reads a boolean: the value of the field header just read, or one byte inside a container.</summary>
    public bool ReadBool()
    {
        if (_pendingBool != 0)
        {
            var v = _pendingBool == 1;
            _pendingBool = 0;
            return v;
        }

        var b = ReadRawByte();
        if (b > 2)
        {
            _pos--;
            throw Error(string.Create(CultureInfo.InvariantCulture, $"invalid boolean element byte {b}"));
        }

        return b == 1;
    }

    /// <summary>Reads an 8-bit signed integer.</summary>
    public sbyte ReadI8() => (sbyte)ReadRawByte();

    /// <summary>Reads a 16-bit signed integer (zigzag varint).</summary>
    public short ReadI16()
    {
        var start = _pos;
        var v = ReadI32();
        if (v is < short.MinValue or > short.MaxValue)
        {
            _pos = start;
            throw Error("int16 value out of range");
        }

        return (short)v;
    }

    /// <summary>Reads a 32-bit signed integer (zigzag varint).</summary>
    public int ReadI32()
    {
        var u = ReadVarUInt32();
        return (int)(u >> 1) ^ -(int)(u & 1);
    }

    /// <summary>Reads a 64-bit signed integer (zigzag varint).</summary>
    public long ReadI64()
    {
        var u = ReadVarUInt64();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    /// <summary>Reads a double (8 bytes, little-endian).</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadRaw(8));

    /// <summary>Reads a binary value as a view into the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var start = _pos;
        var len = ReadVarUInt32();
        if (len > (uint)Remaining)
        {
            _pos = start;
            throw Error(string.Create(CultureInfo.InvariantCulture, $"binary length {len} exceeds the {Remaining} remaining bytes"));
        }

        return ReadRaw((int)len);
    }

    /// <summary>Reads a binary value into a new array.</summary>
    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    /// <summary>Reads a UTF-8 string.</summary>
    public string ReadString()
    {
        var start = _pos;
        var bytes = ReadBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ParquetFormatException("Corrupt Thrift data: string is not valid UTF-8", _filePath, _baseOffset + start, e);
        }
    }

    /// <summary>Reads a UUID (16 raw bytes, big-endian).</summary>
    public Guid ReadUuid() => new(ReadRaw(16), bigEndian: true);

    /// <summary>Reads a list header; returns the element count, validated against the remaining input.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        var start = _pos;
        var b = ReadRawByte();
        elementType = ElementType(b & 0x0F, start);
        var size = b >> 4;
        uint count = size == 15 ? ReadVarUInt32() : (uint)size;
        CheckCount(count, start);
        return (int)count;
    }

    /// <summary>Reads a set header (encoded like a list).</summary>
    public int ReadSetHeader(out ThriftType elementType) => ReadListHeader(out elementType);

    /// <summary>Reads a map header; returns the entry count, validated against the remaining input.</summary>
    public int ReadMapHeader(out ThriftType keyType, out ThriftType valueType)
    {
        var start = _pos;
        var count = ReadVarUInt32();
        if (count == 0)
        {
            keyType = ThriftType.Stop;
            valueType = ThriftType.Stop;
            return 0;
        }

        var kv = ReadRawByte();
        keyType = ElementType(kv >> 4, start);
        valueType = ElementType(kv & 0x0F, start);
        // Each entry takes at least two bytes.
        CheckCount(count * 2UL > uint.MaxValue ? uint.MaxValue : count * 2, start);
        return (int)count;
    }

    /// <summary>Skips a value of <paramref name="type"/> (unknown fields), honouring the nesting limit.</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BooleanTrue:
            case ThriftType.BooleanFalse:
                ReadBool();
                break;
            case ThriftType.I8:
                ReadRawByte();
                break;
            case ThriftType.I16:
            case ThriftType.I32:
                ReadVarUInt32();
                break;
            case ThriftType.I64:
                ReadVarUInt64();
                break;
            case ThriftType.Double:
                ReadRaw(8);
                break;
            case ThriftType.Binary:
                ReadBinary();
                break;
            case ThriftType.Uuid:
                ReadRaw(16);
                break;
            case ThriftType.List:
            case ThriftType.Set:
            {
                EnterStruct();
                var n = ReadListHeader(out var et);
                for (var i = 0; i < n; i++)
                {
                    SkipElement(et);
                }

                ExitStruct();
                break;
            }
            case ThriftType.Map:
            {
                EnterStruct();
                var n = ReadMapHeader(out var kt, out var vt);
                for (var i = 0; i < n; i++)
                {
                    SkipElement(kt);
                    SkipElement(vt);
                }

                ExitStruct();
                break;
            }
            case ThriftType.Struct:
            {
                EnterStruct();
                short last = 0;
                while (ReadFieldHeader(ref last, out var ft, out _))
                {
                    Skip(ft);
                }

                ExitStruct();
                break;
            }
            default:
                throw Error(string.Create(CultureInfo.InvariantCulture, $"cannot skip value of type {(int)type}"));
        }
    }

    /// <summary>Reads an unsigned LEB128 varint of at most 5 bytes.</summary>
    public uint ReadVarUInt32()
    {
        var start = _pos;
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadRawByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (shift == 28 && b > 0x0F)
                {
                    break;
                }

                return result;
            }
        }

        _pos = start;
        throw Error("varint overflows 32 bits");
    }

    /// <summary>Reads an unsigned LEB128 varint of at most 10 bytes.</summary>
    public ulong ReadVarUInt64()
    {
        var start = _pos;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadRawByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (shift == 63 && b > 1)
                {
                    break;
                }

                return result;
            }
        }

        _pos = start;
        throw Error("varint overflows 64 bits");
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadRawByte()
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            throw Error("unexpected end of data");
        }

        return _data[_pos++];
    }

    private ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count > _data.Length - _pos)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"unexpected end of data (needed {count} bytes, {_data.Length - _pos} remain)"));
        }

        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    private void SkipElement(ThriftType type)
    {
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            _pendingBool = 0;
            ReadBool();
        }
        else
        {
            Skip(type);
        }
    }

    private readonly ThriftType ElementType(int t, int start)
    {
        if (t is < 1 or > (int)ThriftType.Uuid)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Corrupt Thrift data: invalid container element type {t}"), _filePath, _baseOffset + start);
        }

        return (ThriftType)t;
    }

    private readonly void CheckCount(uint count, int start)
    {
        if (count > (uint)Remaining)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Corrupt Thrift data: container size {count} exceeds the {Remaining} remaining bytes"),
                _filePath, _baseOffset + start);
        }
    }
}
