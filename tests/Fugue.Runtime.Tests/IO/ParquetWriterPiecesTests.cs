using System.Globalization;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

/// <summary>
/// A row group made of several incoming batches is encoded from the batches' columns directly (pooled copies, no
/// concatenated batch): the file must be byte for byte the one written from the same rows as one batch.
/// </summary>
public class ParquetWriterPiecesTests
{
    private static readonly Schema Wide = new(
        new Field("i", DataType.Int32), new Field("u", DataType.UInt32), new Field("l", DataType.Int64), new Field("ul", DataType.UInt64),
        new Field("f", DataType.Float32), new Field("d", DataType.Float64), new Field("s", DataType.String), new Field("bin", DataType.Binary),
        new Field("ts", DataType.DateTime), new Field("tss", DataType.Timestamp(TimeUnit.Second)), new Field("dt", DataType.Date),
        new Field("b", DataType.Bool), new Field("dec", DataType.Decimal(10, 2)), new Field("h", DataType.Float16), new Field("li", DataType.List(DataType.Int32)));

    private static RecordBatch Rows(int start, int count, bool nulls)
    {
        var b = new RecordBatchBuilder(Wide);
        for (var r = start; r < start + count; r++)
        {
            bool Null(int k) => nulls && (r + k) % 7 == 0;
            b.AppendRow([
                Null(0) ? null : r % 100,
                Null(1) ? null : (uint)(r * 3),
                Null(2) ? null : 10_000_000_000L + r,
                Null(3) ? null : (ulong)r * 977,
                Null(4) ? null : r / 4f,
                Null(5) ? null : (r % 321) / 16.0,
                Null(6) ? null : "v" + (r % 53).ToString(CultureInfo.InvariantCulture),
                Null(0) ? null : new[] { (byte)r, (byte)(r >> 8) },
                Null(1) ? null : new DateTime(2024, 1, 1).AddSeconds(r * 7919 % 100_000),
                Null(2) ? null : new DateTime(2024, 1, 1).AddSeconds(r),
                Null(3) ? null : new DateOnly(2020, 1, 1).AddDays(r % 900),
                Null(4) ? null : r % 3 == 0,
                Null(5) ? null : r / 100m,
                Null(6) ? null : (Half)(r % 50),
                Null(0) ? null : new object?[] { r, r + 1 },
            ]);
        }

        return b.Build();
    }

    private static byte[] Write(IEnumerable<RecordBatch> batches, ParquetWriterOptions options)
    {
        var ms = new MemoryStream();
        using (var w = new ParquetWriter(ms, Wide, options, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                w.Write(batch);
            }
        }

        return ms.ToArray();
    }

    [Theory]
    [InlineData(false, 1, CompressionCodec.Snappy)]
    [InlineData(true, 1, CompressionCodec.Snappy)]
    [InlineData(false, 2, CompressionCodec.Uncompressed)]
    [InlineData(true, 2, CompressionCodec.Snappy)]
    public void PiecesGiveTheSameFileAsOneBatch(bool nulls, int pageVersion, CompressionCodec codec)
    {
        const int total = 5000;
        var options = new ParquetWriterOptions { RowGroupRowCount = 3000, DataPageRowCount = 700, DataPageVersion = pageVersion, Compression = codec };
        var whole = Rows(0, total, nulls);
        var sizes = new[] { 1, 999, 1200, 1, 800, 1999 };
        var pieces = new List<RecordBatch>();
        var at = 0;
        foreach (var size in sizes)
        {
            pieces.Add(Rows(at, size, nulls));
            at += size;
        }

        Assert.Equal(total, at);
        // slices of a larger batch (non-zero offsets into shared buffers) as well
        var sliced = new[] { whole.Slice(0, 1234), whole.Slice(1234, 2000), whole.Slice(3234, total - 3234) };
        var expected = Write([whole], options);
        Assert.Equal(expected, Write(pieces, options));
        Assert.Equal(expected, Write(sliced, options));

        using var reader = new ParquetReader(new MemoryStream(expected));
        var back = RecordBatch.Concat(reader.ReadRowGroups().ToList());
        Assert.Equal(total, back.Length);
        for (var r = 0; r < total; r += 97)
        {
            for (var c = 0; c < Wide.Count; c++)
            {
                Assert.Equal(whole.Column(c).GetValue(r), back.Column(c).GetValue(r));
            }
        }
    }
}
