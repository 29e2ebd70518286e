using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Writes the Arrow IPC streaming format: a Schema message, one RecordBatch message per
/// <see cref="WriteBatch"/>, and the end-of-stream marker on <see cref="Close"/>/<see cref="Dispose"/>.
/// </summary>
public sealed class ArrowStreamWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrowIpcWriteOptions _options;
    private bool _closed;

    /// <summary>Starts a stream of batches of <paramref name="schema"/> (writes the schema message now).</summary>
    public ArrowStreamWriter(Stream stream, Schema schema, ArrowIpcWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? ArrowIpcWriteOptions.Default;
        Schema = schema;
        IpcMessageEncoder.EncodeSchema(schema, _options.Metadata).WriteTo(stream);
    }

    /// <summary>The schema every batch must have.</summary>
    public Schema Schema { get; }

    /// <summary>Writes one batch (its schema must equal <see cref="Schema"/>).</summary>
    public void WriteBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        IpcMessageEncoder.EncodeBatch(batch, Schema, _options).WriteTo(_stream);
    }

    /// <summary>Writes the end-of-stream marker and flushes (closes the stream unless leaveOpen).</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _stream.Write(ArrowIpc.EndOfStream);
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc cref="Close" />
    public void Dispose() => Close();
}
