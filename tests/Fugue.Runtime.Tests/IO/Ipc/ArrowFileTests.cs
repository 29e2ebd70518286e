using Fugue.IO.Ipc;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

public class ArrowFileTests
{
    private static byte[] WriteFile(params Fugue.Columnar.RecordBatch[] batches)
    {
        var ms = new MemoryStream();
        using (var w = new ArrowFileWriter(ms, IpcTestData.AllTypes, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                w.WriteBatch(b);
            }
        }

        return ms.ToArray();
    }

    [Fact]
    public void FileHasMagicAndRandomAccessToBatches()
    {
        var parts = Enumerable.Range(0, 5).Select(i => IpcTestData.AllTypesBatch(i * 7, i * 100)).ToArray();
        var bytes = WriteFile(parts);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[..6]);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[^6..]);
        using var r = new ArrowFileReader(bytes);
        Assert.Equal(IpcTestData.AllTypes, r.Schema);
        Assert.Equal(5, r.RecordBatchCount);
        foreach (var i in new[] { 3, 0, 4, 1, 2 })
        {
            IpcTestData.AssertEqual(parts[i], r.ReadRecordBatch(i));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => r.ReadRecordBatch(5));
    }

    [Fact]
    public void FileReaderOverASeekableStream()
    {
        var parts = new[] { IpcTestData.AllTypesBatch(9), IpcTestData.AllTypesBatch(3, 9) };
        using var r = new ArrowFileReader(new MemoryStream(WriteFile(parts)));
        Assert.Equal(2, r.RecordBatchCount);
        IpcTestData.AssertEqual(parts[1], r.ReadRecordBatch(1));
        IpcTestData.AssertEqual(parts[0], r.ReadAll().First());
    }

    [Fact]
    public void FileBodyIsAlsoAReadableStreamAfterTheMagic()
    {
        var batch = IpcTestData.AllTypesBatch(6);
        var bytes = WriteFile(batch);
        var (_, batches) = ArrowIpc.Deserialize(bytes.AsMemory(8));
        IpcTestData.AssertEqual(batch, batches[0]);
    }

    [Fact]
    public void EmptyFileHasSchemaAndNoBatches()
    {
        using var r = new ArrowFileReader(WriteFile());
        Assert.Equal(IpcTestData.AllTypes, r.Schema);
        Assert.Equal(0, r.RecordBatchCount);
    }
}
