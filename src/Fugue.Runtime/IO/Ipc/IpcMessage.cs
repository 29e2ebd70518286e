using System.Buffers.Binary;

namespace Fugue.IO.Ipc;

/// <summary>One decoded encapsulated message: its Message table, header and body.</summary>
internal readonly struct IpcMessage
{
    public IpcMessage(byte headerType, FlatBufferTable header, ReadOnlyMemory<byte> body, FlatBufferTable message)
    {
        HeaderType = headerType;
        Header = header;
        Body = body;
        Message = message;
    }

    public byte HeaderType { get; }

    public FlatBufferTable Header { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public FlatBufferTable Message { get; }

    /// <summary>Parses the Message flatbuffer and checks the version and header.</summary>
    public static (byte HeaderType, FlatBufferTable Header, long BodyLength, FlatBufferTable Message) ParseMetadata(ReadOnlyMemory<byte> metadata, long at)
    {
        var m = FlatBufferTable.Root(metadata);
        var version = m.GetShort(0, 0);
        if (version is < 3 or > 4)
        {
            throw version is >= 0 and < 3
                ? new ArrowIpcUnsupportedException($"Arrow metadata version V{version + 1} is not supported (V4 and V5 are)")
                : new ArrowIpcFormatException($"unknown Arrow metadata version {version}", at);
        }

        var headerType = m.GetByte(1, 0);
        var header = m.GetTable(2) ?? throw new ArrowIpcFormatException("message has no header", at);
        var bodyLength = m.GetLong(3, 0);
        if (bodyLength < 0)
        {
            throw new ArrowIpcFormatException($"message body length {bodyLength} is negative", at);
        }

        return (headerType, header, bodyLength, m);
    }

    /// <summary>
    /// Reads the message at <paramref name="pos"/> of an in-memory stream; false at the end-of-stream marker
    /// or the end of the data. Handles the legacy prefix without the continuation marker.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> data, ref int pos, out IpcMessage message)
    {
        message = default;
        var span = data.Span;
        if (pos == span.Length)
        {
            return false;
        }

        if (span.Length - pos < 4)
        {
            throw new ArrowIpcFormatException($"truncated message prefix: {span.Length - pos} bytes left", pos);
        }

        var start = pos;
        var first = BinaryPrimitives.ReadUInt32LittleEndian(span[pos..]);
        int len;
        if (first == 0xFFFFFFFF)
        {
            if (span.Length - pos < 8)
            {
                throw new ArrowIpcFormatException("truncated message length after the continuation marker", pos);
            }

            len = BinaryPrimitives.ReadInt32LittleEndian(span[(pos + 4)..]);
            pos += 8;
        }
        else
        {
            len = (int)first;
            pos += 4;
        }

        if (len == 0)
        {
            return false;
        }

        if (len < 0 || len > span.Length - pos)
        {
            throw new ArrowIpcFormatException($"message metadata length {len} exceeds the {span.Length - pos} bytes left", start);
        }

        var (type, header, bodyLength, m) = ParseMetadata(data.Slice(pos, len), pos);
        pos += len;
        if (bodyLength > span.Length - pos)
        {
            throw new ArrowIpcFormatException($"message body length {bodyLength} exceeds the {span.Length - pos} bytes left", pos);
        }

        message = new IpcMessage(type, header, data.Slice(pos, (int)bodyLength), m);
        pos += (int)bodyLength;
        return true;
    }

    /// <summary>Reads the next message from a stream; false at the end-of-stream marker or end of input.</summary>
    public static bool TryRead(Stream stream, ref long pos, out IpcMessage message)
    {
        message = default;
        Span<byte> prefix = stackalloc byte[4];
        var got = ReadAtMost(stream, prefix);
        if (got == 0)
        {
            return false;
        }

        if (got < 4)
        {
            throw new ArrowIpcFormatException($"truncated message prefix: {got} bytes", pos);
        }

        var start = pos;
        pos += 4;
        var first = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        int len;
        if (first == 0xFFFFFFFF)
        {
            if (ReadAtMost(stream, prefix) < 4)
            {
                throw new ArrowIpcFormatException("truncated message length after the continuation marker", pos);
            }

            pos += 4;
            len = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        }
        else
        {
            len = (int)first;
        }

        if (len == 0)
        {
            return false;
        }

        if (len < 0)
        {
            throw new ArrowIpcFormatException($"message metadata length {len} is negative", start);
        }

        var metadata = ReadBlock(stream, len, pos, "message metadata");
        var (type, header, bodyLength, m) = ParseMetadata(metadata, pos);
        pos += len;
        if (bodyLength > Array.MaxLength)
        {
            throw new ArrowIpcFormatException($"message body length {bodyLength} is too large", pos);
        }

        var body = ReadBlock(stream, (int)bodyLength, pos, "message body");
        pos += bodyLength;
        message = new IpcMessage(type, header, body, m);
        return true;
    }

    private static int ReadAtMost(Stream s, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = s.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes; grows the buffer as data arrives so a corrupt length cannot force a huge allocation.</summary>
    private static byte[] ReadBlock(Stream s, int length, long pos, string what)
    {
        if (s.CanSeek && length > s.Length - s.Position)
        {
            throw new ArrowIpcFormatException($"{what} of {length} bytes exceeds the {s.Length - s.Position} bytes left", pos);
        }

        const int Chunk = 1 << 20;
        var buffer = GC.AllocateUninitializedArray<byte>(s.CanSeek ? length : Math.Min(length, Chunk));
        var total = 0;
        while (total < length)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, buffer.Length * 2L));
            }

            var n = s.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                throw new ArrowIpcFormatException($"truncated {what}: {total} of {length} bytes", pos + total);
            }

            total += n;
        }

        return buffer;
    }
}
