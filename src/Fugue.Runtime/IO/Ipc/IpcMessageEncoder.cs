using System.Buffers.Binary;
using Fugue.Columnar;
using Fugue.IO.Compression;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Turns schemas and record batches into encapsulated IPC messages. Body buffers are referenced, not copied
/// (except where a slice needs rebased offsets or a shifted bitmap, or when compressing).
/// </summary>
internal static class IpcMessageEncoder
{
    public const short MetadataVersionV5 = 4;
    public const byte HeaderSchema = 1;
    public const byte HeaderDictionaryBatch = 2;
    public const byte HeaderRecordBatch = 3;

    public static EncodedMessage EncodeSchema(Schema schema, IReadOnlyDictionary<string, string>? metadata)
    {
        var b = new FlatBufferBuilder(512);
        var s = ArrowSchemaCodec.Write(b, schema, metadata);
        b.StartTable(5);
        b.AddShort(0, MetadataVersionV5, 0);
        b.AddByte(1, HeaderSchema, 0);
        b.AddOffset(2, s);
        var m = b.EndTable();
        return new EncodedMessage(b.Finish(m).ToArray(), [], [], 0);
    }

    public static EncodedMessage EncodeBatch(RecordBatch batch, Schema schema, ArrowIpcWriteOptions options)
    {
        if (!batch.Schema.Equals(schema))
        {
            throw new ArgumentException($"the batch schema {batch.Schema} differs from the stream schema {schema}", nameof(batch));
        }

        var nodes = new List<long>(batch.ColumnCount * 2);
        var buffers = new List<ReadOnlyMemory<byte>>(batch.ColumnCount * 3);
        foreach (var c in batch.Columns)
        {
            Collect(c, nodes, buffers);
        }

        var compress = options.Compression == ArrowIpcCompression.Zstd;
        if (compress)
        {
            for (var i = 0; i < buffers.Count; i++)
            {
                buffers[i] = CompressZstd(buffers[i], options.ZstdLevel);
            }
        }

        var specs = new long[buffers.Count * 2];
        var offsets = new long[buffers.Count];
        long pos = 0;
        for (var i = 0; i < buffers.Count; i++)
        {
            offsets[i] = pos;
            specs[2 * i] = pos;
            specs[2 * i + 1] = buffers[i].Length;
            pos += Align8(buffers[i].Length);
        }

        var b = new FlatBufferBuilder(256 + nodes.Count * 8 + specs.Length * 8);
        var nodesVec = b.CreateLongStructVector(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nodes), 2);
        var buffersVec = b.CreateLongStructVector(specs, 2);
        var comp = 0;
        if (compress)
        {
            b.StartTable(2);
            b.AddByte(0, 1, 255); // codec ZSTD (1); method BUFFER is the default
            comp = b.EndTable();
        }

        b.StartTable(5);
        b.AddLong(0, batch.Length, -1);
        b.AddOffset(1, nodesVec);
        b.AddOffset(2, buffersVec);
        b.AddOffset(3, comp);
        var rb = b.EndTable();
        b.StartTable(5);
        b.AddShort(0, MetadataVersionV5, 0);
        b.AddByte(1, HeaderRecordBatch, 0);
        b.AddOffset(2, rb);
        b.AddLong(3, pos, -1);
        var m = b.EndTable();
        return new EncodedMessage(b.Finish(m).ToArray(), buffers.ToArray(), offsets, pos);
    }

    public static long Align8(long n) => (n + 7) & ~7L;

    private static ReadOnlyMemory<byte> CompressZstd(ReadOnlyMemory<byte> raw, int level)
    {
        if (raw.IsEmpty)
        {
            return raw;
        }

        var dest = new byte[8 + ZstdCodec.GetMaxCompressedLength(raw.Length)];
        var n = ZstdCodec.Compress(raw.Span, dest.AsSpan(8), level);

        // Always compressed, even when it saves nothing: the spec's -1 "stored uncompressed" form leaves the values
        // 8 bytes past an aligned offset, and Polars casts decimal buffers in place and rejects that alignment.
        BinaryPrimitives.WriteInt64LittleEndian(dest, raw.Length);
        return dest.AsMemory(0, 8 + n);
    }

    private static void Collect(Column c, List<long> nodes, List<ReadOnlyMemory<byte>> buffers)
    {
        nodes.Add(c.Length);
        nodes.Add(c.NullCount);
        if (c is NullColumn)
        {
            return;
        }

        buffers.Add(c.NullCount == 0 ? default : BitmapSlicer.Slice(c.ValidityBuffer, c.Offset, c.Length));
        switch (c)
        {
            case BooleanColumn bc:
                buffers.Add(BitmapSlicer.Slice(bc.ValuesBuffer, c.Offset, c.Length));
                break;
            case VariableBinaryColumn v:
            {
                var (offs, start, end) = RebasedOffsets(v.OffsetsBuffer, c.Offset, c.Length);
                buffers.Add(offs);
                buffers.Add(v.DataBuffer.Memory[start..end]);
                break;
            }

            case DecimalColumn d:
                buffers.Add(d.ValuesBuffer.Memory.Slice(c.Offset * 16, c.Length * 16));
                break;
            case ListColumn l:
            {
                var (offs, start, end) = RebasedOffsets(l.OffsetsBuffer, c.Offset, c.Length);
                buffers.Add(offs);
                Collect(l.Values.Slice(start, end - start), nodes, buffers);
                break;
            }

            case MapColumn m:
            {
                var (offs, start, end) = RebasedOffsets(m.OffsetsBuffer, c.Offset, c.Length);
                buffers.Add(offs);
                Collect(m.Entries.Slice(start, end - start), nodes, buffers);
                break;
            }

            case StructColumn s:
                foreach (var child in s.Children)
                {
                    Collect(child, nodes, buffers);
                }

                break;
            default:
            {
                var width = c.Type.ByteWidth;
                buffers.Add(PrimitiveValues(c).Memory.Slice(c.Offset * width, c.Length * width));
                break;
            }
        }
    }

    /// <summary>The offsets of a slice starting at 0 (zero-copy when they already do) and the child range they cover.</summary>
    private static (ReadOnlyMemory<byte> Offsets, int Start, int End) RebasedOffsets(ArrowBuffer buffer, int offset, int length)
    {
        var o = buffer.As<int>().Slice(offset, length + 1);
        var first = o[0];
        var last = o[length];
        if (first == 0)
        {
            return (buffer.Memory.Slice(offset * 4, (length + 1) * 4), 0, last);
        }

        var bytes = new byte[(length + 1) * 4];
        var rebased = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
        for (var i = 0; i <= length; i++)
        {
            rebased[i] = o[i] - first;
        }

        return (bytes, first, last);
    }

    private static ArrowBuffer PrimitiveValues(Column c) => c switch
    {
        PrimitiveColumn<sbyte> p => p.ValuesBuffer,
        PrimitiveColumn<byte> p => p.ValuesBuffer,
        PrimitiveColumn<short> p => p.ValuesBuffer,
        PrimitiveColumn<ushort> p => p.ValuesBuffer,
        PrimitiveColumn<int> p => p.ValuesBuffer,
        PrimitiveColumn<uint> p => p.ValuesBuffer,
        PrimitiveColumn<long> p => p.ValuesBuffer,
        PrimitiveColumn<ulong> p => p.ValuesBuffer,
        PrimitiveColumn<Half> p => p.ValuesBuffer,
        PrimitiveColumn<float> p => p.ValuesBuffer,
        PrimitiveColumn<double> p => p.ValuesBuffer,
        _ => throw new NotSupportedException($"column {c} has no Arrow IPC encoding"),
    };
}
