using System.Buffers.Binary;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Reads the Arrow IPC file format (Feather v2) with random access to record batch <c>i</c> via the footer.
/// Works over a seekable stream (reads only the requested blocks) or over bytes in memory (zero-copy).
/// </summary>
public sealed class ArrowFileReader : IDisposable
{
    private readonly Stream? _stream;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly bool _leaveOpen;
    private readonly long _length;
    private readonly long _footerStart;
    private readonly ArrowBlock[] _batches;
    private readonly IpcDecoderState _state;

    /// <summary>Opens a file held in memory (batches wrap slices of <paramref name="data"/>).</summary>
    public ArrowFileReader(ReadOnlyMemory<byte> data)
        : this(null, data, data.Length, false)
    {
    }

    /// <summary>Opens a file from a seekable stream.</summary>
    public ArrowFileReader(Stream stream, bool leaveOpen = false)
        : this(stream ?? throw new ArgumentNullException(nameof(stream)), default, stream.CanSeek ? stream.Length : throw new ArgumentException("the Arrow file reader needs a seekable stream", nameof(stream)), leaveOpen)
    {
    }

    private ArrowFileReader(Stream? stream, ReadOnlyMemory<byte> memory, long length, bool leaveOpen)
    {
        _stream = stream;
        _memory = memory;
        _leaveOpen = leaveOpen;
        _length = length;
        var magic = ArrowFileWriter.Magic;
        if (length < 6 + 2 + 4 + 6)
        {
            throw new ArrowIpcFormatException($"an Arrow file has at least 18 bytes, this one {length}", 0);
        }

        if (!Read(0, 6).Span.SequenceEqual(magic))
        {
            throw new ArrowIpcFormatException("missing the ARROW1 magic at the start of the file", 0);
        }

        var tail = Read(length - 10, 10).Span;
        if (!tail[4..].SequenceEqual(magic))
        {
            throw new ArrowIpcFormatException("missing the ARROW1 magic at the end of the file", length - 6);
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        _footerStart = length - 10 - footerLength;
        if (footerLength <= 0 || _footerStart < 8)
        {
            throw new ArrowIpcFormatException($"footer length {footerLength} does not fit the {length}-byte file", length - 10);
        }

        var footer = FlatBufferTable.Root(Read(_footerStart, footerLength));
        var schema = footer.GetTable(1) ?? throw new ArrowIpcFormatException("the file footer has no schema", _footerStart);
        _state = new IpcDecoderState(schema);
        _batches = footer.GetBlocks(3);
        foreach (var d in footer.GetBlocks(2))
        {
            _state.Process(ReadMessage(d, "dictionary"));
        }
    }

    /// <summary>The file's schema.</summary>
    public Schema Schema => _state.Schema;

    /// <summary>Schema-level custom metadata, or null.</summary>
    public IReadOnlyDictionary<string, string>? Metadata => _state.Metadata;

    /// <summary>The number of record batches.</summary>
    public int RecordBatchCount => _batches.Length;

    /// <summary>Reads record batch <paramref name="index"/>.</summary>
    public RecordBatch ReadRecordBatch(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _batches.Length);
        var m = ReadMessage(_batches[index], "record batch");
        if (m.HeaderType != IpcMessageEncoder.HeaderRecordBatch)
        {
            throw new ArrowIpcFormatException($"block {index} holds message type {m.HeaderType}, not a record batch", _batches[index].Offset);
        }

        return _state.Process(m)!;
    }

    /// <summary>All record batches in order, read lazily.</summary>
    public IEnumerable<RecordBatch> ReadAll()
    {
        for (var i = 0; i < _batches.Length; i++)
        {
            yield return ReadRecordBatch(i);
        }
    }

    private IpcMessage ReadMessage(ArrowBlock block, string what)
    {
        var size = block.MetadataLength + block.BodyLength;
        if (block.Offset < 8 || block.MetadataLength < 8 || block.BodyLength < 0 || size > Array.MaxLength || block.Offset + size > _footerStart)
        {
            throw new ArrowIpcFormatException(
                $"{what} block (offset {block.Offset}, metadata {block.MetadataLength}, body {block.BodyLength}) is outside the file's data", block.Offset);
        }

        var bytes = Read(block.Offset, (int)size);
        var pos = 0;
        if (!IpcMessage.TryRead(bytes, ref pos, out var m))
        {
            throw new ArrowIpcFormatException($"{what} block holds an end-of-stream marker", block.Offset);
        }

        return m;
    }

    private ReadOnlyMemory<byte> Read(long offset, int count)
    {
        if (_stream is null)
        {
            return _memory.Slice((int)offset, count);
        }

        _stream.Position = offset;
        var buffer = GC.AllocateUninitializedArray<byte>(count);
        _stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Closes the stream unless leaveOpen.</summary>
    public void Dispose()
    {
        if (_stream is not null && !_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
