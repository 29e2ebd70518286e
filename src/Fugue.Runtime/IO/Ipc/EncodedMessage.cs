using System.Buffers.Binary;

namespace Fugue.IO.Ipc;

/// <summary>An encapsulated IPC message ready to write: flatbuffer metadata plus body buffers at 8-aligned offsets.</summary>
internal sealed class EncodedMessage
{
    private static readonly byte[] Zeros = new byte[8];

    public EncodedMessage(byte[] metadata, ReadOnlyMemory<byte>[] buffers, long[] bufferOffsets, long bodyLength)
    {
        // FlatBufferBuilder.Finish pads to a multiple of 8, so prefix (8) + metadata keeps the body 8-aligned.
        Metadata = metadata;
        Buffers = buffers;
        BufferOffsets = bufferOffsets;
        BodyLength = bodyLength;
    }

    public byte[] Metadata { get; }

    public ReadOnlyMemory<byte>[] Buffers { get; }

    public long[] BufferOffsets { get; }

    public long BodyLength { get; }

    /// <summary>Continuation marker + length + metadata.</summary>
    public int MetadataBlockLength => 8 + Metadata.Length;

    public long TotalLength => MetadataBlockLength + BodyLength;

    public void WriteTo(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], Metadata.Length);
        stream.Write(prefix);
        stream.Write(Metadata);
        long pos = 0;
        for (var i = 0; i < Buffers.Length; i++)
        {
            stream.Write(Zeros, 0, (int)(BufferOffsets[i] - pos));
            stream.Write(Buffers[i].Span);
            pos = BufferOffsets[i] + Buffers[i].Length;
        }

        stream.Write(Zeros, 0, (int)(BodyLength - pos));
    }

    /// <summary>Copies the whole message into <paramref name="dest"/> (exactly <see cref="TotalLength"/> bytes, padding zeroed).</summary>
    public void CopyTo(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(dest, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(dest[4..], Metadata.Length);
        Metadata.CopyTo(dest[8..]);
        var body = dest[MetadataBlockLength..];
        var pos = 0;
        for (var i = 0; i < Buffers.Length; i++)
        {
            var at = (int)BufferOffsets[i];
            body[pos..at].Clear();
            Buffers[i].Span.CopyTo(body[at..]);
            pos = at + Buffers[i].Length;
        }

        body[pos..(int)BodyLength].Clear();
    }
}
