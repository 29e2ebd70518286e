using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// One-call Arrow IPC stream encoding of record batches to and from memory: the binary form in which
/// partitions travel between processes. Serialization references the batch buffers and copies each once
/// into an exactly-sized array; deserialization wraps the input without copying the column data.
/// </summary>
public static class ArrowIpc
{
    /// <summary>The end-of-stream marker: continuation 0xFFFFFFFF then a zero metadata length.</summary>
    internal static ReadOnlySpan<byte> EndOfStream => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    /// <summary>Serializes one batch (with its schema) as an Arrow IPC stream.</summary>
    public static byte[] Serialize(RecordBatch batch, ArrowIpcWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Serialize([batch], batch.Schema, options);
    }

    /// <summary>Serializes batches of <paramref name="schema"/> as an Arrow IPC stream (schema, batches, end marker).</summary>
    public static byte[] Serialize(IEnumerable<RecordBatch> batches, Schema schema, ArrowIpcWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= ArrowIpcWriteOptions.Default;
        var messages = new List<EncodedMessage> { IpcMessageEncoder.EncodeSchema(schema, options.Metadata) };
        long total = messages[0].TotalLength + 8;
        foreach (var b in batches)
        {
            ArgumentNullException.ThrowIfNull(b, nameof(batches));
            var m = IpcMessageEncoder.EncodeBatch(b, schema, options);
            messages.Add(m);
            total += m.TotalLength;
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"the serialized stream would be {total} bytes, more than one array holds; use ArrowStreamWriter");
        }

        var result = GC.AllocateUninitializedArray<byte>((int)total);
        var span = result.AsSpan();
        var pos = 0;
        foreach (var m in messages)
        {
            m.CopyTo(span.Slice(pos, (int)m.TotalLength));
            pos += (int)m.TotalLength;
        }

        EndOfStream.CopyTo(span[pos..]);
        return result;
    }

    /// <summary>
    /// Reads an Arrow IPC stream held in memory. The batches' buffers are slices of <paramref name="data"/>
    /// (when uncompressed), so it must not be modified while they are in use.
    /// </summary>
    /// <exception cref="ArrowIpcFormatException">The data is corrupt, truncated or uses an unsupported feature.</exception>
    public static (Schema Schema, List<RecordBatch> Batches) Deserialize(ReadOnlyMemory<byte> data)
    {
        var pos = 0;
        if (!IpcMessage.TryRead(data, ref pos, out var first))
        {
            throw new ArrowIpcFormatException("the Arrow stream ends before its schema message", pos);
        }

        var state = IpcDecoderState.FromSchemaMessage(first);
        var batches = new List<RecordBatch>();
        while (IpcMessage.TryRead(data, ref pos, out var m))
        {
            if (state.Process(m) is { } batch)
            {
                batches.Add(batch);
            }
        }

        return (state.Schema, batches);
    }
}
