using Fugue.Columnar;
using Fugue.IO.Ipc;
using Fugue.Schemas;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

public class ArrowIpcRoundTripTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void AllTypesRoundTripThroughSerialize(int rows)
    {
        var batch = IpcTestData.AllTypesBatch(rows);
        var bytes = ArrowIpc.Serialize(batch);
        Assert.Equal(0, bytes.Length % 8);
        var (schema, batches) = ArrowIpc.Deserialize(bytes);
        Assert.Equal(IpcTestData.AllTypes, schema);
        Assert.Single(batches);
        IpcTestData.AssertEqual(batch, batches[0]);
    }

    [Fact]
    public void ZstdCompressedBodiesRoundTrip()
    {
        var batch = IpcTestData.AllTypesBatch(300);
        var options = new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd };
        var bytes = ArrowIpc.Serialize(batch, options);
        var (_, batches) = ArrowIpc.Deserialize(bytes);
        IpcTestData.AssertEqual(batch, batches[0]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(3, 40)]
    [InlineData(13, 1)]
    [InlineData(17, 60)]
    public void SlicedBatchesAreWrittenFromTheirOffset(int offset, int length)
    {
        var full = IpcTestData.AllTypesBatch(80);
        var slice = full.Slice(offset, length);
        var (_, batches) = ArrowIpc.Deserialize(ArrowIpc.Serialize(slice));
        IpcTestData.AssertEqual(slice, batches[0]);
    }

    [Fact]
    public void NestedSlicesOfListsStructsAndMapsRoundTrip()
    {
        var full = IpcTestData.AllTypesBatch(50);
        var slice = full.Slice(9, 30).Slice(3, 20);
        var (_, batches) = ArrowIpc.Deserialize(ArrowIpc.Serialize(slice));
        IpcTestData.AssertEqual(slice, batches[0]);
    }

    [Fact]
    public void MultipleBatchesKeepTheirOrder()
    {
        var parts = new[] { IpcTestData.AllTypesBatch(10), IpcTestData.AllTypesBatch(0), IpcTestData.AllTypesBatch(33, 10) };
        var (schema, batches) = ArrowIpc.Deserialize(ArrowIpc.Serialize(parts, IpcTestData.AllTypes));
        Assert.Equal(IpcTestData.AllTypes, schema);
        Assert.Equal(3, batches.Count);
        for (var i = 0; i < 3; i++)
        {
            IpcTestData.AssertEqual(parts[i], batches[i]);
        }
    }

    [Fact]
    public void SchemaOnlyStreamHasNoBatches()
    {
        var schema = Schema.Parse("a:int,b:[str],c:<str,{x:double}>");
        var (read, batches) = ArrowIpc.Deserialize(ArrowIpc.Serialize([], schema));
        Assert.Equal(schema, read);
        Assert.Empty(batches);
    }

    [Fact]
    public void EmptySchemaRoundTrips()
    {
        var (read, batches) = ArrowIpc.Deserialize(ArrowIpc.Serialize([RecordBatch.Empty(Schema.Empty)], Schema.Empty));
        Assert.Empty(read);
        Assert.Single(batches);
        Assert.Equal(0, batches[0].Length);
    }

    [Fact]
    public void DeserializedColumnsWrapTheInputWithoutCopying()
    {
        var batch = RecordBatch.FromRows(Schema.Parse("a:long,s:str"), Enumerable.Range(0, 10).Select(i => new object?[] { (long)i, "v" + i }));
        var bytes = ArrowIpc.Serialize(batch);
        var (_, batches) = ArrowIpc.Deserialize(bytes);
        var col = (PrimitiveColumn<long>)batches[0].Column(0);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(col.ValuesBuffer.Memory, out var seg));
        Assert.Same(bytes, seg.Array);
    }

    [Fact]
    public void StreamWriterAndReaderRoundTripLazily()
    {
        var ms = new MemoryStream();
        var parts = new[] { IpcTestData.AllTypesBatch(5), IpcTestData.AllTypesBatch(12, 5) };
        using (var w = new ArrowStreamWriter(ms, IpcTestData.AllTypes, new ArrowIpcWriteOptions { Metadata = new Dictionary<string, string> { ["k"] = "v" } }, leaveOpen: true))
        {
            foreach (var p in parts)
            {
                w.WriteBatch(p);
            }
        }

        var bytes = ms.ToArray();
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], bytes[^8..]);
        using var r = new ArrowStreamReader(new MemoryStream(bytes));
        Assert.Equal(IpcTestData.AllTypes, r.Schema);
        Assert.Equal("v", r.Metadata!["k"]);
        var read = r.ReadBatches().ToList();
        Assert.Equal(2, read.Count);
        IpcTestData.AssertEqual(parts[0], read[0]);
        IpcTestData.AssertEqual(parts[1], read[1]);
        Assert.Null(r.ReadNextBatch());
    }

    [Fact]
    public void StreamWithoutEndMarkerAndLegacyPrefixIsRead()
    {
        var batch = IpcTestData.AllTypesBatch(4);
        var modern = ArrowIpc.Serialize(batch);
        // Legacy (pre-0.15) framing: a 4-byte length without the continuation marker; no end marker.
        var legacy = new MemoryStream();
        var pos = 0;
        while (pos < modern.Length - 8)
        {
            var len = BitConverter.ToInt32(modern, pos + 4);
            var (_, _, bodyLength, _) = ParseBodyLength(modern.AsMemory(pos + 8, len));
            legacy.Write(modern, pos + 4, 4 + len + (int)bodyLength);
            pos += 8 + len + (int)bodyLength;
        }

        var bytes = legacy.ToArray();
        var (_, batches) = ArrowIpc.Deserialize(bytes);
        IpcTestData.AssertEqual(batch, batches[0]);
        using var r = new ArrowStreamReader(new MemoryStream(bytes));
        IpcTestData.AssertEqual(batch, r.ReadBatches().Single());
    }

    private static (byte, FlatBufferTable, long, FlatBufferTable) ParseBodyLength(ReadOnlyMemory<byte> metadata) =>
        IpcMessage.ParseMetadata(metadata, 0);

    [Fact]
    public void WritingABatchOfAnotherSchemaFails()
    {
        using var w = new ArrowStreamWriter(new MemoryStream(), Schema.Parse("a:int"));
        Assert.Throws<ArgumentException>(() => w.WriteBatch(RecordBatch.Empty(Schema.Parse("a:long"))));
    }

    [Fact]
    public void DeserializesFromAnUnalignedSliceOfALargerArray()
    {
        var batch = IpcTestData.AllTypesBatch(25);
        var bytes = ArrowIpc.Serialize(batch);
        var host = new byte[bytes.Length + 11];
        bytes.CopyTo(host, 3);
        var (_, batches) = ArrowIpc.Deserialize(host.AsMemory(3, bytes.Length));
        IpcTestData.AssertEqual(batch, batches[0]);
    }

    [Fact]
    public void StreamReaderWorksOnANonSeekableStream()
    {
        var parts = new[] { IpcTestData.AllTypesBatch(30), IpcTestData.AllTypesBatch(2, 30) };
        var bytes = ArrowIpc.Serialize(parts, IpcTestData.AllTypes, new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd });
        using var r = new ArrowStreamReader(new TrickleStream(bytes));
        var read = r.ReadBatches().ToList();
        Assert.Equal(2, read.Count);
        IpcTestData.AssertEqual(parts[0], read[0]);
        IpcTestData.AssertEqual(parts[1], read[1]);
    }

    /// <summary>A forward-only stream returning at most 7 bytes per read (like a slow pipe).</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _pos;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7), data.Length - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
