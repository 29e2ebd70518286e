using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// Reads the Arrow IPC streaming format: the schema on construction, then record batches lazily. Dictionary
/// messages are applied as they come (dictionary-encoded columns are decoded to plain columns).
/// </summary>
public sealed class ArrowStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly IpcDecoderState _state;
    private long _pos;
    private bool _done;

    /// <summary>Reads the schema message from <paramref name="stream"/>.</summary>
    /// <exception cref="ArrowIpcFormatException">The stream is empty, corrupt or unsupported.</exception>
    public ArrowStreamReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        if (!IpcMessage.TryRead(stream, ref _pos, out var m))
        {
            throw new ArrowIpcFormatException("the Arrow stream ends before its schema message", _pos);
        }

        _state = IpcDecoderState.FromSchemaMessage(m);
    }

    /// <summary>The stream's schema.</summary>
    public Schema Schema => _state.Schema;

    /// <summary>Schema-level custom metadata, or null.</summary>
    public IReadOnlyDictionary<string, string>? Metadata => _state.Metadata;

    /// <summary>The next record batch, or null at the end of the stream.</summary>
    public RecordBatch? ReadNextBatch()
    {
        while (!_done)
        {
            if (!IpcMessage.TryRead(_stream, ref _pos, out var m))
            {
                _done = true;
                break;
            }

            if (_state.Process(m) is { } batch)
            {
                return batch;
            }
        }

        return null;
    }

    /// <summary>The remaining batches, read lazily.</summary>
    public IEnumerable<RecordBatch> ReadBatches()
    {
        while (ReadNextBatch() is { } b)
        {
            yield return b;
        }
    }

    /// <summary>Closes the stream unless leaveOpen.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
