using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

/// <summary><see cref="ParquetReader.ReadAll"/> (the parallel whole-file read into shared buffers) against the streaming read.</summary>
public class ParquetBulkReadTests
{
    private static readonly Schema Flat = Schema.Parse("a:int,s:str,d:double,b:bool,t:datetime,m:decimal(20,3),l:long,bin:bytes");
    private static readonly Schema Nested = Schema.Parse("id:long,l:[int],s:{x:str,y:[double]},m:<str,[long]>");

    private static RecordBatch FlatBatch(int rows, int seed)
    {
        var rng = new Random(seed);
        var b = new RecordBatchBuilder(Flat);
        for (var r = 0; r < rows; r++)
        {
            b.AppendRow([
                rng.Next(8) == 0 ? null : rng.Next(-100, 100),
                rng.Next(8) == 0 ? null : "v" + rng.Next(300).ToString(System.Globalization.CultureInfo.InvariantCulture),
                rng.Next(8) == 0 ? null : rng.NextDouble(),
                rng.Next(8) == 0 ? null : rng.Next(2) == 0,
                rng.Next(8) == 0 ? null : new DateTime(2020, 1, 1).AddSeconds(rng.Next()),
                rng.Next(8) == 0 ? null : rng.Next() / 1000m,
                (long)r,
                rng.Next(8) == 0 ? null : new byte[] { (byte)r, (byte)(r >> 8) },
            ]);
        }

        return b.Build();
    }

    private static byte[] Write(Schema schema, RecordBatch batch, ParquetWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, schema, options, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return ms.ToArray();
    }

    private static void AssertSameBatches(IReadOnlyList<RecordBatch> expected, IReadOnlyList<RecordBatch> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var g = 0; g < expected.Count; g++)
        {
            Assert.Equal(expected[g].Schema, actual[g].Schema);
            Assert.Equal(expected[g].Length, actual[g].Length);
            for (var c = 0; c < expected[g].Columns.Count; c++)
            {
                var e = expected[g].Column(c);
                var a = actual[g].Column(c);
                Assert.Equal(e.Type, a.Type);
                Assert.Equal(e.NullCount, a.NullCount);
                for (var i = 0; i < e.Length; i++)
                {
                    Assert.Equal(e.GetValue(i), a.GetValue(i));
                }
            }
        }
    }

    public static TheoryData<string, int> Files() => new()
    {
        { "dict-v1-snappy", 1 }, { "dict-v1-snappy", 2 }, { "dict-v1-snappy", 3 },
        { "plain-v2-zstd", 2 }, { "delta-v2-gzip", 2 }, { "plain-v1-none", 4 }, { "plain-v1-snappy", 1 }, { "plain-v1-snappy", 2 },
    };

    private static ParquetWriterOptions OptionsFor(string name) => name switch
    {
        "dict-v1-snappy" => new ParquetWriterOptions { Compression = CompressionCodec.Snappy, DataPageRowCount = 70, RowGroupRowCount = 250 },
        "plain-v1-snappy" => new ParquetWriterOptions { Compression = CompressionCodec.Snappy, UseDictionary = false, DataPageRowCount = 50, RowGroupRowCount = 310 },
        "plain-v2-zstd" => new ParquetWriterOptions { Compression = CompressionCodec.Zstd, UseDictionary = false, DataPageVersion = 2, DataPageRowCount = 90, RowGroupRowCount = 333 },
        "delta-v2-gzip" => new ParquetWriterOptions { Compression = CompressionCodec.Gzip, UseDictionary = false, DataPageVersion = 2, ValueEncoding = ParquetEncoding.DeltaBinaryPacked, RowGroupRowCount = 400 },
        _ => new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, RowGroupRowCount = 128 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadAllEqualsTheStreamingReadOfAFlatFile(string name, int parallelism)
    {
        var file = Write(Flat, FlatBatch(1500, 3), OptionsFor(name));
        using var reader = new ParquetReader(new MemoryStream(file));
        Assert.True(reader.RowGroupCount > 2);
        var expected = reader.ReadRowGroups().ToList();
        AssertSameBatches(expected, reader.ReadAll(parallelism: parallelism));
    }

    [Theory]
    [InlineData(1L, 2)]          // one row group per window
    [InlineData(20_000L, 2)]     // a few row groups per window
    [InlineData(1L << 40, 3)]    // the whole file in one window
    public void ReadRowGroupsInParallelStreamsTheSameBatchesWindowByWindow(long windowBytes, int parallelism)
    {
        var file = Write(Flat, FlatBatch(1500, 5), OptionsFor("dict-v1-snappy"));
        using var reader = new ParquetReader(new MemoryStream(file));
        var expected = reader.ReadRowGroups(["s", "a", "t"]).ToList();
        AssertSameBatches(expected, reader.ReadRowGroupsInParallel(["s", "a", "t"], parallelism: parallelism, windowBytes: windowBytes).ToList());
    }

    [Fact]
    public void ReadRowGroupsInParallelSkipsRowGroupsTheFilterRulesOut()
    {
        var file = Write(Flat, FlatBatch(1500, 9), OptionsFor("dict-v1-snappy"));
        using var reader = new ParquetReader(new MemoryStream(file));
        var filter = ParquetFilter.GreaterThanOrEqual("l", 1000L);
        var expected = reader.ReadRowGroups(null, filter).ToList();
        Assert.True(expected.Count < reader.RowGroupCount);
        AssertSameBatches(expected, reader.ReadRowGroupsInParallel(filter: filter, parallelism: 2, windowBytes: 1).ToList());
    }

    [Fact]
    public void LoadingWithTheParallelismOptionGivesTheSameFrame()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"fugue-bulk-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var parquet = Path.Combine(dir, "x.parquet");
            File.WriteAllBytes(parquet, Write(Flat, FlatBatch(2500, 11), OptionsFor("dict-v1-snappy")));
            var csv = Path.Combine(dir, "x.csv");
            File.WriteAllLines(csv, ["k,v", .. Enumerable.Range(0, 50_000).Select(i => $"{i},v{i % 97}")]);
            foreach (var (path, columns) in new[] { (parquet, (IReadOnlyList<string>?)["t", "a", "s"]), (csv, null) })
            {
                var options = path.EndsWith(".csv", StringComparison.Ordinal) ? new Dictionary<string, object?> { ["header"] = true } : [];
                var one = Fugue.IO.Files.FileLoader.Load(path, columns: columns, options: options).AsBatches().ToList();
                var two = Fugue.IO.Files.FileLoader.Load(path, columns: columns, options: new Dictionary<string, object?>(options) { ["parallelism"] = 2 }).AsBatches().ToList();
                Assert.Equal(one.Sum(b => b.Length), two.Sum(b => b.Length));
                var rowsOne = one.SelectMany(Rows).ToList();
                var rowsTwo = two.SelectMany(Rows).ToList();
                Assert.Equal(rowsOne, rowsTwo);
            }

            var bad = Assert.Throws<ArgumentException>(() => Fugue.IO.Files.FileLoader.Load(parquet, options: new Dictionary<string, object?> { ["parallelism"] = 0 }));
            Assert.Contains("parallelism", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static IEnumerable<string> Rows(RecordBatch b) =>
            Enumerable.Range(0, b.Length).Select(i => string.Join("|", b.Columns.Select(c => Convert.ToString(c.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void PlainSnappyPagesAreDecompressedInPlaceWithTheSameValues()
    {
        // many pages per chunk (earlier values are saved and restored around each page's levels), with and without nulls
        var file = Write(Flat, FlatBatch(2000, 21), OptionsFor("plain-v1-snappy"));
        using var reader = new ParquetReader(new MemoryStream(file));
        var expected = reader.ReadRowGroups().ToList();
        var before = ColumnChunkReader.InPlacePages;
        var actual = reader.ReadAll(parallelism: 2);
        Assert.True(ColumnChunkReader.InPlacePages - before >= 40, "PLAIN pages were decompressed in place");
        AssertSameBatches(expected, actual);
    }

    [Fact]
    public void ReadAllOfAFileOnDiskReadsPositionallyFromSeveralThreads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fugue-bulk-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, Write(Flat, FlatBatch(3000, 7), OptionsFor("dict-v1-snappy")));
            using var reader = ParquetReader.Open(path);
            var expected = reader.ReadRowGroups().ToList();
            AssertSameBatches(expected, reader.ReadAll(parallelism: 4));
            AssertSameBatches(expected, reader.ReadAll()); // the reader stays usable; again with one thread per core
            AssertSameBatches(expected, reader.ReadRowGroups().ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadAllOfALargerFileReadsFromAMapping()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fugue-bulk-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, Write(Flat, FlatBatch(40_000, 13), new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, RowGroupRowCount = 7000 }));
            Assert.True(new FileInfo(path).Length > 1 << 20);
            List<RecordBatch> expected;
            IReadOnlyList<RecordBatch> actual;
            using (var reader = ParquetReader.Open(path))
            {
                expected = reader.ReadRowGroups().ToList();
                actual = reader.ReadAll(parallelism: 2);
            }

            AssertSameBatches(expected, actual); // the columns own their memory: valid after the file is closed
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadAllProjectsAndPrunesLikeTheStreamingRead()
    {
        var file = Write(Flat, FlatBatch(1500, 5), OptionsFor("dict-v1-snappy"));
        using var reader = new ParquetReader(new MemoryStream(file));
        var filter = ParquetFilter.LessThan("l", 600L);
        var expected = reader.ReadRowGroups(["s", "l", "a"], filter).ToList();
        var actual = reader.ReadAll(["s", "l", "a"], filter, parallelism: 2);
        Assert.True(expected.Count < reader.RowGroupCount);
        Assert.Equal(["s", "l", "a"], actual[0].Schema.Names);
        AssertSameBatches(expected, actual);
    }

    [Fact]
    public void ReadAllReadsNestedColumns()
    {
        var file = Write(Nested, ParquetNestedTests.RandomBatch(Nested, 300, 11), new ParquetWriterOptions { Compression = CompressionCodec.Snappy, DataPageRowCount = 30, RowGroupRowCount = 70 });
        using var reader = new ParquetReader(new MemoryStream(file));
        AssertSameBatches(reader.ReadRowGroups().ToList(), reader.ReadAll(parallelism: 3));
    }

    [Fact]
    public void ReadAllOfAnEmptySelectionOfRowGroupsIsEmpty()
    {
        var file = Write(Flat, FlatBatch(100, 1), OptionsFor("dict-v1-snappy"));
        using var reader = new ParquetReader(new MemoryStream(file));
        Assert.Empty(reader.ReadAll(filter: ParquetFilter.LessThan("l", -1L)));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadAll(parallelism: -1));
    }

    [Fact]
    public void ReadAllReportsTheFirstCorruptChunkAsTheStreamingReadDoes()
    {
        var file = Write(Flat, FlatBatch(1500, 9), OptionsFor("plain-v1-none"));
        var rng = new Random(17);
        var checkedCases = 0;
        for (var i = 0; i < 300; i++)
        {
            var bad = (byte[])file.Clone();
            var at = rng.Next(4, bad.Length / 2);
            bad[at] ^= (byte)(1 << rng.Next(8));
            bad[rng.Next(4, bad.Length / 2)] = 0xFF;
            var streaming = Record.Exception(() =>
            {
                using var reader = new ParquetReader(new MemoryStream(bad));
                _ = reader.ReadRowGroups().ToList();
            });
            var bulk = Record.Exception(() =>
            {
                using var reader = new ParquetReader(new MemoryStream(bad));
                _ = reader.ReadAll(parallelism: 2);
            });
            Assert.True(bulk is null or ParquetFormatException or NotSupportedException, bulk?.ToString());
            Assert.Equal(streaming?.GetType(), bulk?.GetType());
            Assert.Equal(streaming?.Message, bulk?.Message);
            checkedCases += streaming is null ? 0 : 1;
        }

        Assert.True(checkedCases > 50, $"{checkedCases} corrupt cases");
    }
}
