using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Fugue.Dask;

/// <summary>
/// The frames on the driver-bridge and worker-executor pipes (little-endian):
/// <c>u32 headerLength | UTF-8 JSON header | u32 blobCount | (u64 blobLength | blob)*</c>. JSON plus raw blobs keeps
/// partitions (Arrow IPC streams) from being re-encoded and needs no extra package.
/// </summary>
public static class DaskWire
{
    /// <summary>Writes one frame and flushes.</summary>
    public static void Write(Stream stream, JsonNode header, IReadOnlyList<byte[]> blobs)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        var h = Encoding.UTF8.GetBytes(header.ToJsonString());
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(buf, (uint)h.Length);
        stream.Write(buf[..4]);
        stream.Write(h);
        BinaryPrimitives.WriteUInt32LittleEndian(buf, (uint)blobs.Count);
        stream.Write(buf[..4]);
        foreach (var b in blobs)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buf, (ulong)b.Length);
            stream.Write(buf);
            stream.Write(b);
        }

        stream.Flush();
    }

    /// <summary>Reads one frame; null at a clean end of stream (before the first byte).</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public static (JsonObject Header, List<byte[]> Blobs)? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> buf = stackalloc byte[8];
        if (!ReadExact(stream, buf[..4], allowEof: true))
        {
            return null;
        }

        var h = new byte[BinaryPrimitives.ReadUInt32LittleEndian(buf)];
        ReadExact(stream, h, allowEof: false);
        var header = JsonNode.Parse(h)?.AsObject() ?? throw new InvalidDataException("a frame header is not a JSON object");
        ReadExact(stream, buf[..4], allowEof: false);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(buf);
        var blobs = new List<byte[]>((int)count);
        for (var i = 0; i < count; i++)
        {
            ReadExact(stream, buf, allowEof: false);
            var len = BinaryPrimitives.ReadUInt64LittleEndian(buf);
            if (len > (ulong)Array.MaxLength)
            {
                throw new InvalidDataException($"a blob of {len} bytes exceeds the 2 GB partition limit");
            }

            // every byte is read into it next: skip zeroing a partition-sized array
            var blob = GC.AllocateUninitializedArray<byte>((int)len);
            ReadExact(stream, blob, allowEof: false);
            blobs.Add(blob);
        }

        return (header, blobs);
    }

    private static bool ReadExact(Stream stream, Span<byte> target, bool allowEof)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = stream.Read(target[read..]);
            if (n == 0)
            {
                if (read == 0 && allowEof)
                {
                    return false;
                }

                throw new EndOfStreamException($"the pipe closed after {read} of {target.Length} bytes of a frame");
            }

            read += n;
        }

        return true;
    }
}
