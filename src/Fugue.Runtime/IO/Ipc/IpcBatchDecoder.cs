using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Compression;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Builds columns from one RecordBatch message: field nodes and buffers are consumed depth-first, and
/// uncompressed buffers are wrapped as zero-copy slices of the message body. Large/view/dictionary/date-ms
/// layouts are converted to our layout.
/// </summary>
internal sealed class IpcBatchDecoder
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly long[] _nodes;
    private readonly long[] _buffers;
    private readonly long[] _variadic;
    private readonly int _codec; // -1 none, 0 LZ4_FRAME, 1 ZSTD
    private readonly IReadOnlyDictionary<long, Column> _dictionaries;
    private int _node;
    private int _buffer;
    private int _variadicIndex;

    public IpcBatchDecoder(FlatBufferTable rb, ReadOnlyMemory<byte> body, IReadOnlyDictionary<long, Column> dictionaries)
    {
        var length = rb.GetLong(0, 0);
        if (length is < 0 or > int.MaxValue)
        {
            throw new ArrowIpcFormatException($"record batch length {length} is out of range", rb.Position);
        }

        Length = (int)length;
        _body = body;
        _nodes = rb.GetLongs(1, 2);
        _buffers = rb.GetLongs(2, 2);
        _variadic = rb.GetLongs(4, 1);
        _dictionaries = dictionaries;
        _codec = -1;
        if (rb.GetTable(3) is { } comp)
        {
            var codec = comp.GetByte(0, 0);
            if (codec > 1)
            {
                throw new ArrowIpcUnsupportedException($"unknown body compression codec {codec}");
            }

            if (comp.GetByte(1, 0) != 0)
            {
                throw new ArrowIpcUnsupportedException("body compression method other than BUFFER is not supported");
            }

            _codec = codec;
        }
    }

    public int Length { get; }

    public Column[] Decode(IReadOnlyList<IpcField> fields)
    {
        var columns = new Column[fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            try
            {
                columns[i] = ReadColumn(fields[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArrowIpcFormatException($"column '{fields[i].Name}' has inconsistent buffers: {e.Message}", e);
            }

            if (columns[i].Length != Length)
            {
                throw new ArrowIpcFormatException($"column '{fields[i].Name}' has {columns[i].Length} rows, the record batch {Length}");
            }
        }

        return columns;
    }

    private (int Length, int Nulls) NextNode(IpcField f)
    {
        if (_node * 2 >= _nodes.Length)
        {
            throw new ArrowIpcFormatException($"record batch has {_nodes.Length / 2} field nodes, too few for the schema (at field '{f.Name}')");
        }

        var len = _nodes[_node * 2];
        var nulls = _nodes[_node * 2 + 1];
        _node++;
        if (len is < 0 or > int.MaxValue || nulls < 0 || nulls > len)
        {
            throw new ArrowIpcFormatException($"field node {_node - 1} ('{f.Name}') has length {len} and null count {nulls}");
        }

        return ((int)len, (int)nulls);
    }

    private ArrowBuffer NextBuffer(IpcField f)
    {
        if (_buffer * 2 >= _buffers.Length)
        {
            throw new ArrowIpcFormatException($"record batch has {_buffers.Length / 2} buffers, too few for the schema (at field '{f.Name}')");
        }

        var off = _buffers[_buffer * 2];
        var len = _buffers[_buffer * 2 + 1];
        _buffer++;
        if (off < 0 || len < 0 || off + len > _body.Length)
        {
            throw new ArrowIpcFormatException(
                $"buffer {_buffer - 1} ('{f.Name}') at body offset {off} with length {len} is outside the {_body.Length}-byte body", off);
        }

        var raw = _body.Slice((int)off, (int)len);
        if (_codec < 0 || len == 0)
        {
            return raw;
        }

        return Decompress(raw, off);
    }

    private ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> raw, long at)
    {
        if (raw.Length < 8)
        {
            throw new ArrowIpcFormatException($"compressed buffer of {raw.Length} bytes lacks its 8-byte length prefix", at);
        }

        var ulen = BinaryPrimitives.ReadInt64LittleEndian(raw.Span);
        if (ulen == -1)
        {
            return raw[8..];
        }

        if (ulen < 0 || ulen > Array.MaxLength)
        {
            throw new ArrowIpcFormatException($"compressed buffer declares an uncompressed length of {ulen}", at);
        }

        var src = raw.Span[8..];
        if (_codec == 0 && ulen > (src.Length * 256L) + 64)
        {
            throw new ArrowIpcFormatException($"LZ4 buffer of {src.Length} bytes cannot expand to {ulen} bytes", at);
        }

        var dest = GC.AllocateUninitializedArray<byte>((int)ulen);
        try
        {
            if (_codec == 0)
            {
                Lz4FrameDecoder.Decode(src, dest);
            }
            else
            {
                var n = ZstdCodec.Decompress(src, dest);
                if (n != dest.Length)
                {
                    throw new ArrowIpcFormatException($"ZSTD buffer decompressed to {n} bytes, expected {ulen}", at);
                }
            }
        }
        catch (Fugue.IO.Parquet.ParquetFormatException e)
        {
            throw new ArrowIpcFormatException("corrupt compressed buffer: " + e.Message, at, e);
        }

        return dest;
    }

    private ArrowBuffer Validity(IpcField f, int length, int nulls)
    {
        var v = NextBuffer(f);
        if (nulls == 0)
        {
            return default;
        }

        if (v.Length < BitUtility.BytesFor(length))
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': validity buffer has {v.Length} bytes for {length} rows with {nulls} nulls");
        }

        return v;
    }

    private Column ReadColumn(IpcField f)
    {
        if (f.DictionaryId is { } id)
        {
            return ReadDictionaryEncoded(f, id);
        }

        var (len, nulls) = NextNode(f);
        if (f.Layout == IpcLayout.Null)
        {
            return new NullColumn(len);
        }

        var validity = Validity(f, len, nulls);
        switch (f.Layout)
        {
            case IpcLayout.Bool:
                return new BooleanColumn(len, NextBuffer(f), validity, nulls);
            case IpcLayout.Fixed:
                return MakeFixed(f.Type, len, NextBuffer(f), validity, nulls);
            case IpcLayout.DateMilliseconds:
            {
                var ms = NextBuffer(f);
                Require(f, ms, (long)len * 8, "int64 date values");
                var src = ms.As<long>();
                var daysBytes = NewInts(len);
                var days = MemoryMarshal.Cast<byte, int>(daysBytes.AsSpan());
                for (var i = 0; i < len; i++)
                {
                    var d = Math.DivRem(src[i], 86_400_000L, out var rem);
                    days[i] = (int)Math.Clamp(rem < 0 ? d - 1 : d, int.MinValue, int.MaxValue);
                }

                return new PrimitiveColumn<int>(DataType.Date, len, daysBytes, validity, nulls);
            }

            case IpcLayout.Variable32:
            {
                var offsets = NextBuffer(f);
                var data = NextBuffer(f);
                CheckOffsets32(f, offsets, len, data.Length);
                return MakeVariable(f.Type, len, offsets, data, validity, nulls);
            }

            case IpcLayout.Variable64:
            {
                var offsets = Offsets64To32(f, NextBuffer(f), len, out _);
                var data = NextBuffer(f);
                CheckOffsets32(f, offsets, len, data.Length);
                return MakeVariable(f.Type, len, offsets, data, validity, nulls);
            }

            case IpcLayout.View:
                return ReadView(f, len, validity, nulls);
            case IpcLayout.List32 or IpcLayout.List64:
            {
                var offsets = f.Layout == IpcLayout.List32 ? NextBuffer(f) : Offsets64To32(f, NextBuffer(f), len, out _);
                var child = ReadColumn(f.Children[0]);
                CheckOffsets32(f, offsets, len, child.Length);
                return new ListColumn((ListType)f.Type, len, offsets, child, validity, nulls);
            }

            case IpcLayout.Struct:
            {
                var children = new Column[f.Children.Length];
                for (var i = 0; i < children.Length; i++)
                {
                    children[i] = ReadColumn(f.Children[i]);
                }

                return new StructColumn((StructType)f.Type, len, children, validity, nulls);
            }

            case IpcLayout.Map:
            {
                var offsets = NextBuffer(f);
                var entries = ReadColumn(f.Children[0]);
                CheckOffsets32(f, offsets, len, entries.Length);
                if (entries is not StructColumn e)
                {
                    throw new ArrowIpcFormatException($"field '{f.Name}': map entries are not a struct");
                }

                // MapColumn accepts any entry field names (Arrow writers differ: entries/key/value, key_value/...).
                return new MapColumn((MapType)f.Type, len, offsets, e, validity, nulls);
            }

            default:
                throw new ArrowIpcFormatException($"field '{f.Name}': unhandled layout {f.Layout}");
        }
    }

    private static void Require(IpcField f, ArrowBuffer b, long need, string what)
    {
        if (b.Length < need)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': buffer of {what} has {b.Length} bytes, needs {need}");
        }
    }

    /// <summary>Full check of int32 offsets (monotonic, within the target) so later reads cannot go out of range.</summary>
    private static void CheckOffsets32(IpcField f, ArrowBuffer offsets, int len, int targetLength)
    {
        if (len == 0 && offsets.IsEmpty)
        {
            return;
        }

        Require(f, offsets, ((long)len + 1) * 4, "int32 offsets");
        var o = offsets.As<int>();
        var prev = o[0];
        if (prev < 0)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': first offset {prev} is negative");
        }

        for (var i = 1; i <= len; i++)
        {
            var cur = o[i];
            if (cur < prev)
            {
                throw new ArrowIpcFormatException($"field '{f.Name}': offsets decrease at row {i - 1} ({prev} -> {cur})");
            }

            prev = cur;
        }

        if (prev > targetLength)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': last offset {prev} is beyond the {targetLength} available values");
        }
    }

    private static ArrowBuffer Offsets64To32(IpcField f, ArrowBuffer offsets, int len, out long first)
    {
        first = 0;
        if (len == 0 && offsets.IsEmpty)
        {
            return default;
        }

        Require(f, offsets, ((long)len + 1) * 8, "int64 offsets");
        var o = offsets.As<long>();
        var resultBytes = NewInts(len + 1L);
        var result = MemoryMarshal.Cast<byte, int>(resultBytes.AsSpan());
        for (var i = 0; i <= len; i++)
        {
            var v = o[i];
            if (v is < 0 or > int.MaxValue)
            {
                throw new ArrowIpcFormatException($"field '{f.Name}': 64-bit offset {v} does not fit the 32-bit layout");
            }

            result[i] = (int)v;
        }

        first = result[0];
        return resultBytes;
    }

    private Column ReadView(IpcField f, int len, ArrowBuffer validity, int nulls)
    {
        var views = NextBuffer(f);
        if (_variadicIndex >= _variadic.Length)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': view type without a variadic buffer count");
        }

        var count = _variadic[_variadicIndex++];
        if (count < 0 || count > _buffers.Length / 2 - _buffer)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': variadic buffer count {count} is invalid");
        }

        var data = new ArrowBuffer[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = NextBuffer(f);
        }

        Require(f, views, (long)len * 16, "16-byte views");
        var v = views.Span;
        var vb = validity.Span;
        long total = 0;
        for (var i = 0; i < len; i++)
        {
            if (nulls > 0 && !BitUtility.GetBit(vb, i))
            {
                continue;
            }

            var l = BinaryPrimitives.ReadInt32LittleEndian(v[(i * 16)..]);
            if (l < 0)
            {
                throw new ArrowIpcFormatException($"field '{f.Name}': view {i} has negative length {l}");
            }

            total += l;
        }

        if (total > Array.MaxLength)
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': {total} bytes of view data do not fit one 32-bit column");
        }

        var offsetBytes = NewInts(len + 1L);
        var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
        var bytes = GC.AllocateUninitializedArray<byte>((int)total);
        var pos = 0;
        for (var i = 0; i < len; i++)
        {
            offsets[i] = pos;
            if (nulls > 0 && !BitUtility.GetBit(vb, i))
            {
                continue;
            }

            var view = v.Slice(i * 16, 16);
            var l = BinaryPrimitives.ReadInt32LittleEndian(view);
            if (l <= 12)
            {
                view.Slice(4, l).CopyTo(bytes.AsSpan(pos));
            }
            else
            {
                var bi = BinaryPrimitives.ReadInt32LittleEndian(view[8..]);
                var bo = BinaryPrimitives.ReadInt32LittleEndian(view[12..]);
                if ((uint)bi >= (uint)data.Length || bo < 0 || (long)bo + l > data[bi].Length)
                {
                    throw new ArrowIpcFormatException($"field '{f.Name}': view {i} points outside its data buffers (buffer {bi}, offset {bo}, length {l})");
                }

                data[bi].Span.Slice(bo, l).CopyTo(bytes.AsSpan(pos));
            }

            pos += l;
        }

        offsets[len] = pos;
        return MakeVariable(f.Type, len, offsetBytes, bytes, validity, nulls);
    }

    private Column ReadDictionaryEncoded(IpcField f, long id)
    {
        var (len, nulls) = NextNode(f);
        var validity = Validity(f, len, nulls);
        var indices = NextBuffer(f);
        if (!_dictionaries.TryGetValue(id, out var dict))
        {
            throw new ArrowIpcFormatException($"field '{f.Name}': dictionary {id} was not sent before the record batch");
        }

        var w = f.IndexWidth;
        Require(f, indices, (long)len * w, $"{w * 8}-bit dictionary indices");
        var idx = indices.Span;
        var vb = validity.Span;
        var rows = MemoryMarshal.Cast<byte, int>(NewInts(len).AsSpan());
        for (var i = 0; i < len; i++)
        {
            if (nulls > 0 && !BitUtility.GetBit(vb, i))
            {
                rows[i] = -1;
                continue;
            }

            long k = (w, f.IndexSigned) switch
            {
                (1, true) => (sbyte)idx[i],
                (1, false) => idx[i],
                (2, true) => BinaryPrimitives.ReadInt16LittleEndian(idx[(i * 2)..]),
                (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(idx[(i * 2)..]),
                (4, true) => BinaryPrimitives.ReadInt32LittleEndian(idx[(i * 4)..]),
                (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(idx[(i * 4)..]),
                (_, true) => BinaryPrimitives.ReadInt64LittleEndian(idx[(i * 8)..]),
                _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(idx[(i * 8)..]),
            };
            if (k < 0 || k >= dict.Length)
            {
                throw new ArrowIpcFormatException($"field '{f.Name}': dictionary index {k} at row {i} is outside the {dict.Length}-entry dictionary {id}");
            }

            rows[i] = (int)k;
        }

        if (dict is VariableBinaryColumn vbc)
        {
            long total = 0;
            foreach (var r in rows)
            {
                if (r >= 0)
                {
                    total += vbc.GetByteLength(r);
                }
            }

            if (total > Array.MaxLength)
            {
                throw new ArrowIpcFormatException($"field '{f.Name}': decoded dictionary values need {total} bytes, more than one column holds");
            }

            var offsetBytes = NewInts(len + 1L);
            var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
            var bytes = GC.AllocateUninitializedArray<byte>((int)total);
            var pos = 0;
            for (var i = 0; i < len; i++)
            {
                offsets[i] = pos;
                if (rows[i] >= 0)
                {
                    var s = vbc.GetBytes(rows[i]);
                    s.CopyTo(bytes.AsSpan(pos));
                    pos += s.Length;
                }
            }

            offsets[len] = pos;
            return MakeVariable(f.Type, len, offsetBytes, bytes, validity, nulls);
        }

        var b = ColumnBuilder.Create(f.Type, len);
        foreach (var r in rows)
        {
            if (r < 0)
            {
                b.AppendNull();
            }
            else
            {
                b.AppendFrom(dict, r);
            }
        }

        return b.Build();
    }

    /// <summary>A zeroed byte array holding <paramref name="count"/> int32s (wrapped as a buffer without a copy).</summary>
    private static byte[] NewInts(long count)
    {
        if (count * 4 > Array.MaxLength)
        {
            throw new ArrowIpcFormatException($"{count} int32 values do not fit one buffer");
        }

        return new byte[count * 4];
    }

    private static Column MakeVariable(DataType type, int len, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity, int nulls) =>
        type.Kind == TypeKind.String
            ? new StringColumn(len, offsets, data, validity, nulls)
            : new BinaryColumn(len, offsets, data, validity, nulls);

    private static Column MakeFixed(DataType t, int len, ArrowBuffer values, ArrowBuffer validity, int nulls) => t.Kind switch
    {
        TypeKind.Int8 => new PrimitiveColumn<sbyte>(t, len, values, validity, nulls),
        TypeKind.UInt8 => new PrimitiveColumn<byte>(t, len, values, validity, nulls),
        TypeKind.Int16 => new PrimitiveColumn<short>(t, len, values, validity, nulls),
        TypeKind.UInt16 => new PrimitiveColumn<ushort>(t, len, values, validity, nulls),
        TypeKind.Int32 or TypeKind.Date => new PrimitiveColumn<int>(t, len, values, validity, nulls),
        TypeKind.UInt32 => new PrimitiveColumn<uint>(t, len, values, validity, nulls),
        TypeKind.Int64 or TypeKind.Timestamp => new PrimitiveColumn<long>(t, len, values, validity, nulls),
        TypeKind.UInt64 => new PrimitiveColumn<ulong>(t, len, values, validity, nulls),
        TypeKind.Float16 => new PrimitiveColumn<Half>(t, len, values, validity, nulls),
        TypeKind.Float32 => new PrimitiveColumn<float>(t, len, values, validity, nulls),
        TypeKind.Float64 => new PrimitiveColumn<double>(t, len, values, validity, nulls),
        TypeKind.Decimal => new DecimalColumn((DecimalType)t, len, values, validity, nulls),
        _ => throw new ArrowIpcFormatException($"type {t} is not fixed-width"),
    };
}
