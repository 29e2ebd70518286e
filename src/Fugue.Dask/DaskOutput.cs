using Fugue.Columnar;
using Fugue.IO.Ipc;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// One output partition of a task, encoded (as an Arrow IPC stream) only where it goes: into an array for the pipe,
/// or straight into a memory file (<see cref="DaskSharedMemory"/>), without a partition-sized intermediate array.
/// </summary>
public sealed class DaskOutput
{
    private readonly byte[]? encoded;
    private readonly Schema? schema;
    private readonly IReadOnlyList<RecordBatch>? batches;

    private DaskOutput(byte[]? encoded, Schema? schema, IReadOnlyList<RecordBatch>? batches)
    {
        this.encoded = encoded;
        this.schema = schema;
        this.batches = batches;
    }

    /// <summary>An output already encoded.</summary>
    public static DaskOutput Encoded(byte[] blob) => new(blob ?? throw new ArgumentNullException(nameof(blob)), null, null);

    /// <summary>An output of <paramref name="batches"/> (empty ones are skipped), encoded when written.</summary>
    public static DaskOutput Of(Schema schema, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        return new(null, schema, [.. batches.Where(b => b.Length > 0)]);
    }

    /// <summary>About the encoded size in bytes (the referenced buffers' sizes; exact once encoded).</summary>
    public long EstimatedLength => encoded?.Length ?? batches!.Sum(b => b.ByteSize);

    /// <summary>The encoded stream in one array.</summary>
    public byte[] ToArray() => encoded ?? ArrowIpc.Serialize(batches!, schema!);

    /// <summary>Writes the encoded stream to <paramref name="stream"/> (and flushes it).</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (encoded is not null)
        {
            stream.Write(encoded);
            stream.Flush();
            return;
        }

        using var writer = new ArrowStreamWriter(stream, schema!, leaveOpen: true);
        foreach (var b in batches!)
        {
            writer.WriteBatch(b);
        }
    }
}
