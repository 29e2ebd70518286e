using System.Buffers.Binary;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Writes the Arrow IPC file format (Feather v2): magic, the stream messages, then a footer with the schema and
/// the position of every record batch (for random access), the footer length and the magic again.
/// </summary>
public sealed class ArrowFileWriter : IDisposable
{
    internal static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrowIpcWriteOptions _options;
    private readonly List<ArrowBlock> _blocks = [];
    private long _pos;
    private bool _closed;

    /// <summary>Starts a file of batches of <paramref name="schema"/> (writes the header and schema now).</summary>
    public ArrowFileWriter(Stream stream, Schema schema, ArrowIpcWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? ArrowIpcWriteOptions.Default;
        Schema = schema;
        stream.Write(Magic);
        stream.Write([0, 0]);
        _pos = 8;
        var s = IpcMessageEncoder.EncodeSchema(schema, _options.Metadata);
        s.WriteTo(stream);
        _pos += s.TotalLength;
    }

    /// <summary>The schema every batch must have.</summary>
    public Schema Schema { get; }

    /// <summary>Writes one batch (its schema must equal <see cref="Schema"/>).</summary>
    public void WriteBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        var m = IpcMessageEncoder.EncodeBatch(batch, Schema, _options);
        m.WriteTo(_stream);
        _blocks.Add(new ArrowBlock(_pos, m.MetadataBlockLength, m.BodyLength));
        _pos += m.TotalLength;
    }

    /// <summary>Writes the end marker and footer and flushes (closes the stream unless leaveOpen).</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _stream.Write(ArrowIpc.EndOfStream);
        var b = new FlatBufferBuilder(512 + _blocks.Count * 24);
        var schema = ArrowSchemaCodec.Write(b, Schema, _options.Metadata);
        var dicts = b.CreateBlockVector([]);
        var batches = b.CreateBlockVector(_blocks);
        b.StartTable(5);
        b.AddShort(0, IpcMessageEncoder.MetadataVersionV5, 0);
        b.AddOffset(1, schema);
        b.AddOffset(2, dicts);
        b.AddOffset(3, batches);
        var footer = b.Finish(b.EndTable());
        _stream.Write(footer);
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, footer.Length);
        _stream.Write(len);
        _stream.Write(Magic);
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc cref="Close" />
    public void Dispose() => Close();
}
