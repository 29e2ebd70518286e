using System.Buffers.Binary;
using Fugue.IO.Ipc;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

public class ArrowIpcCorruptionTests
{
    private static byte[] ValidStream() => ArrowIpc.Serialize(IpcTestData.AllTypesBatch(20));

    private static byte[] ValidFile()
    {
        var ms = new MemoryStream();
        using (var w = new ArrowFileWriter(ms, IpcTestData.AllTypes, leaveOpen: true))
        {
            w.WriteBatch(IpcTestData.AllTypesBatch(20));
        }

        return ms.ToArray();
    }

    /// <summary>Reads everything, touching every value, so lazy failures would surface too.</summary>
    private static void ReadAll(ReadOnlyMemory<byte> data)
    {
        var (_, batches) = ArrowIpc.Deserialize(data);
        foreach (var b in batches)
        {
            for (var r = 0; r < b.Length; r++)
            {
                b.GetRow(r);
            }
        }
    }

    private static void ReadAllFromStream(byte[] data)
    {
        using var reader = new ArrowStreamReader(new MemoryStream(data));
        foreach (var b in reader.ReadBatches())
        {
            for (var r = 0; r < b.Length; r++)
            {
                b.GetRow(r);
            }
        }
    }

    [Fact]
    public void EveryTruncationFailsWithAFormatError()
    {
        var data = ValidStream();
        var metaLen = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4));
        // Every cut inside the first two messages (ends of messages are valid stream ends, so skip those).
        for (var cut = 1; cut < data.Length - 8; cut++)
        {
            if (cut == 8 + metaLen)
            {
                continue; // exactly after the schema message: a valid schema-only stream
            }

            var slice = data.AsMemory(0, cut);
            var e = Assert.ThrowsAny<ArrowIpcFormatException>(() => ReadAll(slice));
            Assert.NotEmpty(e.Message);
            Assert.ThrowsAny<ArrowIpcFormatException>(() => ReadAllFromStream(data[..cut]));
        }
    }

    [Fact]
    public void EmptyInputIsAFormatError()
    {
        Assert.Throws<ArrowIpcFormatException>(() => ArrowIpc.Deserialize(ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArrowIpcFormatException>(() => new ArrowStreamReader(new MemoryStream()));
    }

    [Fact]
    public void WrongFileMagicIsReported()
    {
        var file = ValidFile();
        var head = (byte[])file.Clone();
        head[0] = (byte)'X';
        var e = Assert.Throws<ArrowIpcFormatException>(() => new ArrowFileReader(head));
        Assert.Contains("magic", e.Message);
        var tail = (byte[])file.Clone();
        tail[^1] = (byte)'X';
        Assert.Throws<ArrowIpcFormatException>(() => new ArrowFileReader(tail));
        Assert.Throws<ArrowIpcFormatException>(() => new ArrowFileReader(file.AsMemory(0, 12)));
    }

    [Fact]
    public void BadFooterLengthIsReported()
    {
        var file = ValidFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 10), int.MaxValue);
        var e = Assert.Throws<ArrowIpcFormatException>(() => new ArrowFileReader(file));
        Assert.Contains("footer", e.Message);
    }

    [Fact]
    public void BadRootOffsetNamesTheOffset()
    {
        var data = ValidStream();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), 0x7FFFFFF0);
        var e = Assert.Throws<ArrowIpcFormatException>(() => ArrowIpc.Deserialize(data));
        Assert.Contains("offset", e.Message);
        Assert.True(e.Offset >= 0);
    }

    [Fact]
    public void HugeMetadataLengthDoesNotAllocate()
    {
        var data = ValidStream();
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), int.MaxValue - 7);
        Assert.Throws<ArrowIpcFormatException>(() => ArrowIpc.Deserialize(data));
        // A non-seekable stream must not allocate 2 GB up front either: it fails at the real end of data.
        using var s = new NonSeekableStream(data);
        Assert.Throws<ArrowIpcFormatException>(() => new ArrowStreamReader(s));
    }

    [Fact]
    public void BufferLengthsBeyondTheBodyAreReported()
    {
        // Corrupt every int64 in the record batch message metadata in turn to a huge value.
        var data = ValidStream();
        var schemaLen = 8 + BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4));
        var batchMetaLen = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(schemaLen + 4));
        var failures = 0;
        for (var at = schemaLen + 8; at + 8 <= schemaLen + 8 + batchMetaLen; at += 8)
        {
            var copy = (byte[])data.Clone();
            BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(at), 1L << 40);
            try
            {
                ReadAll(copy);
            }
            catch (ArrowIpcFormatException)
            {
                failures++;
            }
        }

        Assert.True(failures > 10, $"only {failures} corruptions were detected");
    }

    [Fact]
    public void UnsupportedTypesNameTheType()
    {
        // A hand-built schema with a Time field (type id 9).
        var b = new FlatBufferBuilder();
        var typeTable = EmptyTable(b);
        var children = b.CreateOffsetVector([]);
        var name = b.CreateString("t");
        b.StartTable(7);
        b.AddOffset(0, name);
        b.AddBool(1, true, false);
        b.AddByte(2, 9, 0);
        b.AddOffset(3, typeTable);
        b.AddOffset(5, children);
        var field = b.EndTable();
        var fields = b.CreateOffsetVector([field]);
        b.StartTable(4);
        b.AddOffset(1, fields);
        var schema = b.EndTable();
        b.StartTable(5);
        b.AddShort(0, 4, 0);
        b.AddByte(1, 1, 0);
        b.AddOffset(2, schema);
        var meta = b.Finish(b.EndTable()).ToArray();
        var stream = new byte[8 + meta.Length + 8];
        BinaryPrimitives.WriteUInt32LittleEndian(stream, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(stream.AsSpan(4), meta.Length);
        meta.CopyTo(stream, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(stream.AsSpan(8 + meta.Length), 0xFFFFFFFF);
        var e = Assert.Throws<ArrowIpcUnsupportedException>(() => ArrowIpc.Deserialize(stream));
        Assert.Contains("Time", e.Message);
        Assert.Contains("'t'", e.Message);
    }

    private static int EmptyTable(FlatBufferBuilder b)
    {
        b.StartTable(0);
        return b.EndTable();
    }

    [Fact]
    public void RandomMutationsOnlyRaiseFormatErrors()
    {
        var zstd = ArrowIpc.Serialize(IpcTestData.AllTypesBatch(20), new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd });
        var detected = RunMutations([(ValidStream(), false), (ValidFile(), true), (zstd, false)], 3000, 20261121);
        Assert.True(detected > 100, $"only {detected} of 3000 mutations were detected");
    }

    [Fact]
    public void RandomMutationsOfForeignFilesOnlyRaiseFormatErrors()
    {
        // Views, dictionaries, large offsets, LZ4 frames and date-ms conversion from other writers.
        var inputs = new[] { "arrowjs.arrows", "arrowjs-more.arrows", "arrowjs-dict2.arrows", "polars.arrows", "polars-lz4.arrow", "polars-zstd.arrow" }
            .Select(n => (File.ReadAllBytes(ArrowInteropFixtureTests.DataFile(n)), n.EndsWith(".arrow", StringComparison.Ordinal)))
            .ToArray();
        var detected = RunMutations(inputs, 3000, 7);
        Assert.True(detected > 100, $"only {detected} of 3000 mutations were detected");
    }

    internal static int RunMutations((byte[] Data, bool IsFile)[] inputs, int iterations, int seed)
    {
        var rng = new Random(seed);
        var detected = 0;
        for (var iter = 0; iter < iterations; iter++)
        {
            var (source, isFile) = inputs[iter % inputs.Length];
            var copy = (byte[])source.Clone();
            var edits = 1 + rng.Next(4);
            for (var k = 0; k < edits; k++)
            {
                var at = rng.Next(copy.Length);
                copy[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => (byte)(copy[at] ^ (1 << rng.Next(8))),
                    _ => (byte)(rng.Next(2) == 0 ? 0xFF : 0),
                };
            }

            try
            {
                if (isFile)
                {
                    using var r = new ArrowFileReader(copy);
                    foreach (var b in r.ReadAll())
                    {
                        Touch(b);
                    }
                }
                else
                {
                    foreach (var b in ArrowIpc.Deserialize(copy).Batches)
                    {
                        Touch(b);
                    }
                }
            }
            catch (ArrowIpcFormatException)
            {
                detected++;
            }
        }

        return detected;
    }

    /// <summary>
    /// Reads every row's buffers. Mutated but well-formed data may hold values outside the CLR ranges (timestamps
    /// beyond DateTime, decimals beyond decimal), which the canonical conversion rightly rejects, so temporal and
    /// decimal columns are read raw.
    /// </summary>
    private static void Touch(Fugue.Columnar.RecordBatch b)
    {
        foreach (var c in b.Columns)
        {
            Touch(c);
        }
    }

    private static void Touch(Fugue.Columnar.Column c)
    {
        switch (c)
        {
            case Fugue.Columnar.PrimitiveColumn<long> p:
                _ = p.Values.ToArray();
                break;
            case Fugue.Columnar.PrimitiveColumn<int> p:
                _ = p.Values.ToArray();
                break;
            case Fugue.Columnar.DecimalColumn d:
                _ = d.Values.ToArray();
                break;
            case Fugue.Columnar.ListColumn l:
                for (var i = 0; i < l.Length; i++)
                {
                    Touch(l.GetList(i));
                }

                break;
            case Fugue.Columnar.MapColumn m:
                _ = m.Offsets.ToArray();
                Touch(m.Entries);
                break;
            case Fugue.Columnar.StructColumn s:
                for (var i = 0; i < s.Length; i++)
                {
                    _ = s.IsNull(i);
                }

                foreach (var child in s.Children)
                {
                    Touch(child);
                }

                break;
            default:
                for (var i = 0; i < c.Length; i++)
                {
                    _ = c.GetValue(i);
                }

                break;
        }
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

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

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
