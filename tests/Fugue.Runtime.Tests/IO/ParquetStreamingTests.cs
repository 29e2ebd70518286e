using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

public class ParquetStreamingTests
{
    private static readonly Schema Rows = Schema.Parse("id:long,s:str,l:[int]");

    /// <summary>A generator stream of small batches (37 rows each).</summary>
    private static IEnumerable<RecordBatch> Generate(int totalRows)
    {
        var builder = new RecordBatchBuilder(Rows);
        for (var r = 0; r < totalRows; r++)
        {
            builder.AppendRow([(long)r, "row " + r.ToString(System.Globalization.CultureInfo.InvariantCulture), r % 5 == 0 ? null : new object?[] { r, r + 1 }]);
            if (builder.Length == 37 || r == totalRows - 1)
            {
                yield return builder.Build();
            }
        }
    }

    /// <summary>Counts what is read from / written to the wrapped stream.</summary>
    private sealed class CountingStream(Stream inner, bool seekable = true) : Stream
    {
        public long BytesRead { get; private set; }
        public long LargestRead { get; private set; }
        public long BytesWritten { get; private set; }
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => seekable;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => seekable ? inner.Length : throw new NotSupportedException();
        public override long Position { get => seekable ? inner.Position : BytesWritten; set => inner.Position = seekable ? value : throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            LargestRead = Math.Max(LargestRead, n);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => seekable ? inner.Seek(offset, origin) : throw new NotSupportedException();
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            BytesWritten += buffer.Length;
        }
    }

    [Fact]
    public void WriterFlushesRowGroupsAsTheyFill()
    {
        var output = new MemoryStream();
        var counting = new CountingStream(output, seekable: false);
        var options = new ParquetWriterOptions { RowGroupRowCount = 1000, DataPageRowCount = 300 };
        using (var writer = new ParquetWriter(counting, Rows, options, leaveOpen: true))
        {
            var batches = 0;
            foreach (var batch in Generate(50_000))
            {
                writer.Write(batch);
                batches++;
                Assert.InRange(writer.BufferedRowCount, 0, 999);
                Assert.Equal(writer.RowGroupCount, (int)(writer.RowCount / 1000));
                if (writer.RowGroupCount > 1)
                {
                    // at most one started row group is still being encoded in the background
                    Assert.True(counting.BytesWritten > 4, "row groups reach the stream before Close");
                }
            }

            Assert.True(batches > 1000);
            Assert.True(writer.PeakBufferedByteCount < 1000 * 200, writer.PeakBufferedByteCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var reader = new ParquetReader(new MemoryStream(output.ToArray()));
        Assert.Equal(50, reader.RowGroupCount);
        Assert.Equal(50_000, reader.RowCount);
        var expected = RecordBatch.Concat(Generate(50_000).ToList());
        var actual = RecordBatch.Concat(reader.ReadRowGroups().ToList());
        ParquetNestedTests.AssertBatchesEqual(expected, actual);
    }

    [Fact]
    public void ByteBoundedRowGroupsKeepTheBufferBounded()
    {
        const long limit = 32 * 1024;
        var output = new MemoryStream();
        using (var writer = new ParquetWriter(output, Rows, new ParquetWriterOptions { RowGroupByteSize = limit }, leaveOpen: true))
        {
            var oneBatch = Generate(37).First();
            var perRow = (double)oneBatch.ByteSize / oneBatch.Length;
            foreach (var batch in Generate(20_000))
            {
                writer.Write(batch);
                Assert.True(writer.BufferedByteCount < limit, "a full buffer is flushed at once");
            }

            Assert.True(writer.PeakBufferedByteCount <= limit + Math.Ceiling(perRow) + 1);
            // One large batch is split by bytes too.
            writer.Write(RecordBatch.Concat(Generate(5_000).ToList()));
            Assert.True(writer.PeakBufferedByteCount <= limit + 2 * Math.Ceiling(perRow) + 1);
        }

        using var reader = new ParquetReader(new MemoryStream(output.ToArray()));
        Assert.True(reader.RowGroupCount > 10, reader.RowGroupCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(25_000, reader.RowCount);
    }

    [Fact]
    public void ReaderReadsOnlyTheFooterAndTheRequestedChunks()
    {
        var output = new MemoryStream();
        using (var writer = new ParquetWriter(output, Rows, new ParquetWriterOptions { RowGroupRowCount = 2000 }, leaveOpen: true))
        {
            foreach (var batch in Generate(20_000))
            {
                writer.Write(batch);
            }
        }

        var file = output.ToArray();
        var counting = new CountingStream(new MemoryStream(file));
        using var reader = new ParquetReader(counting, leaveOpen: true);
        var afterFooter = counting.BytesRead;
        Assert.True(afterFooter < file.Length / 4, "opening reads the footer, not the file");
        var idChunks = reader.Metadata.RowGroups.Select(g => g.Columns[0].MetaData!.TotalCompressedSize).ToArray();
        long rows = 0;
        var groups = 0;
        foreach (var batch in reader.ReadRowGroups(["id"]))
        {
            rows += batch.Length;
            groups++;
            // Lazily: after k groups only k chunks of 'id' have been read.
            Assert.Equal(afterFooter + idChunks.Take(groups).Sum(), counting.BytesRead);
        }

        Assert.Equal(20_000, rows);
        Assert.True(counting.LargestRead <= Math.Max(idChunks.Max(), afterFooter));
    }
}
