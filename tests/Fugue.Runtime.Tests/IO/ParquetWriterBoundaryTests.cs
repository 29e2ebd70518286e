using System.Globalization;
using System.Text;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

/// <summary>
/// The writer's fast paths at their boundaries: batches written as pieces (slices with offsets, nulls, empty
/// batches, row groups smaller and larger than a batch), byte-array and fixed-width dictionaries (prefix/suffix
/// sharing values, empty strings, -0.0 and NaN, fallback to PLAIN), statistics order, and parallel encoding.
/// </summary>
public class ParquetWriterBoundaryTests
{
    private static readonly Schema Wide = Schema.Parse("i:int,l:long,d:double,f:float,u:uint,ul:ulong,s:str,b:bytes,t:datetime,dt:date");

    private static RecordBatch WideBatch(int rows, int seed, bool nulls)
    {
        var rng = new Random(seed);
        var b = new RecordBatchBuilder(Wide);
        for (var r = 0; r < rows; r++)
        {
            bool N() => nulls && rng.Next(5) == 0;
            var len = rng.Next(0, 41);
            b.AppendRow([
                N() ? null : rng.Next(-50, 50),
                N() ? null : (long)rng.Next(100) * 1_000_000_007L,
                N() ? null : Specials[rng.Next(Specials.Length)],
                N() ? null : (float)Specials[rng.Next(Specials.Length)],
                N() ? null : (uint)rng.Next(20) * 400_000_000U,
                N() ? null : (ulong)rng.Next(20) * 1_000_000_000_000_000_000UL,
                N() ? null : SharedAffixString(len, rng.Next(4)),
                N() ? null : Encoding.UTF8.GetBytes(SharedAffixString(rng.Next(0, 20), rng.Next(3))),
                N() ? null : new DateTime(2021, 3, 4).AddMinutes(rng.Next(1000)),
                N() ? null : new DateOnly(2000, 1, 1).AddDays(rng.Next(50)),
            ]);
        }

        return b.Build();
    }

    private static readonly double[] Specials = [0.0, -0.0, double.NaN, 1.5, -1.5, double.PositiveInfinity, double.NegativeInfinity, 1e300, double.Epsilon];

    /// <summary>Strings of a given length that share their first and last 8 bytes and differ only in the middle.</summary>
    private static string SharedAffixString(int length, int variant)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i < 8 || i >= length - 8 ? 'x' : (char)('a' + variant);
        }

        if (length is > 0 and <= 16)
        {
            chars[length / 2] = (char)('a' + variant); // 8..16 bytes: differs where the first and last 8 overlap
        }

        return new string(chars);
    }

    private static byte[] WriteBatches(Schema schema, IEnumerable<RecordBatch> batches, ParquetWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, schema, options, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }
        }

        return ms.ToArray();
    }

    private static RecordBatch ReadBack(byte[] file, bool bulk)
    {
        using var reader = new ParquetReader(new MemoryStream(file));
        var groups = bulk ? reader.ReadAll() : reader.ReadRowGroups().ToList();
        return groups.Count == 0 ? RecordBatch.Empty(reader.Schema) : RecordBatch.Concat(groups);
    }

    private static void AssertSame(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var e = expected.Column(c);
            var a = actual.Column(c);
            Assert.Equal(e.NullCount, a.NullCount);
            for (var i = 0; i < e.Length; i++)
            {
                var ev = e.GetValue(i);
                var av = a.GetValue(i);
                var where = $"column {expected.Schema[c].Name} row {i}";
                switch (ev)
                {
                    case double d:
                        Assert.True(av is double, where);
                        Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)av!), $"{where}: {d} vs {av}");
                        break;
                    case float f:
                        Assert.True(av is float, where);
                        Assert.True(BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)av!), $"{where}: {f} vs {av}");
                        break;
                    case byte[] bytes:
                        Assert.True(av is byte[] ab && bytes.AsSpan().SequenceEqual(ab), where);
                        break;
                    default:
                        Assert.True(Canonical(ev) == Canonical(av), $"{where}: {Canonical(ev)} vs {Canonical(av)}");
                        break;
                }
            }
        }
    }

    /// <summary>A value as text, nested values element by element (doubles by their bits).</summary>
    private static string Canonical(object? v) => v switch
    {
        null => "null",
        double d => "d" + BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        object?[] items => "[" + string.Join(",", items.Select(Canonical)) + "]",
        KeyValuePair<object, object?>[] entries => "<" + string.Join(",", entries.Select(e => Canonical(e.Key) + ":" + Canonical(e.Value))) + ">",
        Dictionary<string, object?> fields => "{" + string.Join(",", fields.Select(f => f.Key + ":" + Canonical(f.Value))) + "}",
        IFormattable f => v.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.GetType().Name + ":" + v,
    };

    /// <summary>Several slices (with offsets) of one dense batch, an empty batch, a one-row slice.</summary>
    private static List<RecordBatch> DensePieces(RecordBatch source) =>
    [
        source.Slice(0, 1),
        source.Slice(1, 0),
        source.Slice(1, 99),
        RecordBatch.Empty(source.Schema),
        source.Slice(100, 377),
        source.Slice(477, source.Length - 477),
    ];

    public static TheoryData<int, int, bool, int, CompressionCodec> Layouts() => new()
    {
        { 1 << 20, 1 << 16, true, 1, CompressionCodec.Snappy },
        { 1 << 20, 7, true, 2, CompressionCodec.Snappy },
        { 1 << 20, 64, false, 1, CompressionCodec.Uncompressed },
        { 50, 16, true, 1, CompressionCodec.Snappy },      // row groups smaller than a batch
        { 333, 100, false, 2, CompressionCodec.Snappy },  // row groups cut across pieces
        { 1, 1, true, 1, CompressionCodec.Uncompressed }, // one row a group
        { 1 << 20, 100, false, 1, CompressionCodec.Snappy }, // PLAIN v1 Snappy pages (read back in place)
        { 50, 16, false, 1, CompressionCodec.Snappy },
        { 1 << 20, 1 << 16, false, 1, CompressionCodec.Snappy },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void DensePiecesRoundTrip(int groupRows, int pageRows, bool dictionary, int pageVersion, CompressionCodec codec)
    {
        var source = WideBatch(1000, 7, nulls: false);
        var options = new ParquetWriterOptions
        {
            RowGroupRowCount = groupRows, DataPageRowCount = pageRows, UseDictionary = dictionary, DataPageVersion = pageVersion, Compression = codec,
        };
        var file = WriteBatches(Wide, DensePieces(source), options);
        AssertSame(source, ReadBack(file, bulk: true));
        AssertSame(source, ReadBack(file, bulk: false));

        // The pieces give the same file as the one batch.
        Assert.Equal(WriteBatches(Wide, [source], options), file);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MixedDenseAndNullPiecesRoundTrip(int groupRows, int pageRows, bool dictionary, int pageVersion, CompressionCodec codec)
    {
        var dense = WideBatch(500, 11, nulls: false);
        var withNulls = WideBatch(600, 12, nulls: true);
        List<RecordBatch> pieces = [dense.Slice(3, 200), withNulls.Slice(17, 300), RecordBatch.Empty(Wide), dense.Slice(203, 297), withNulls.Slice(317, 283)];
        var options = new ParquetWriterOptions
        {
            RowGroupRowCount = groupRows, DataPageRowCount = pageRows, UseDictionary = dictionary, DataPageVersion = pageVersion, Compression = codec,
        };
        var file = WriteBatches(Wide, pieces, options);
        var expected = RecordBatch.Concat(pieces);
        AssertSame(expected, ReadBack(file, bulk: true));
        AssertSame(expected, ReadBack(file, bulk: false));
    }

    [Fact]
    public void NoRowsGiveAnEmptyReadableFile()
    {
        var file = WriteBatches(Wide, [RecordBatch.Empty(Wide), WideBatch(10, 1, true).Slice(4, 0)], new ParquetWriterOptions());
        using var reader = new ParquetReader(new MemoryStream(file));
        Assert.Equal(0, reader.RowCount);
        Assert.Equal(Wide, reader.Schema);
        Assert.Empty(reader.ReadAll());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DictionaryThatOverflowsPartWayFallsBackToPlain(int pageVersion)
    {
        // 5000 rows over 10 values (a dictionary looks promising), then distinct values past the entry limit.
        var schema = Schema.Parse("s:str,l:long,d:double,i:int");
        var b = new RecordBatchBuilder(schema);
        for (var r = 0; r < 9000; r++)
        {
            var k = r < 5000 ? r % 10 : r;
            b.AppendRow([
                r % 13 == 0 ? null : "value-" + k.ToString(CultureInfo.InvariantCulture) + (k % 3 == 0 ? "" : new string('z', k % 20)),
                (long)k << 20,
                k == 3 ? -0.0 : k * 0.25,
                k,
            ]);
        }

        var batch = b.Build();
        var options = new ParquetWriterOptions { MaxDictionaryEntries = 100, DataPageVersion = pageVersion, DataPageRowCount = 1000 };
        var file = WriteBatches(schema, [batch.Slice(0, 4000), batch.Slice(4000, 5000)], options);
        AssertSame(batch, ReadBack(file, bulk: true));
        using var reader = new ParquetReader(new MemoryStream(file));
        foreach (var chunk in reader.Metadata.RowGroups[0].Columns)
        {
            Assert.Null(chunk.MetaData!.DictionaryPageOffset); // the whole chunk fell back, not part of it
        }
    }

    [Fact]
    public void DictionaryKeepsValuesThatShareAffixesApart()
    {
        // Lengths 0..40; values of one length differ only in the middle (or, at 8..16 bytes, in the overlap of
        // the first and last 8 bytes), so a comparison of a prefix and suffix alone would merge them.
        var schema = Schema.Parse("s:str,b:bytes");
        var b = new RecordBatchBuilder(schema);
        var expected = new List<string>();
        for (var rep = 0; rep < 3; rep++)
        {
            for (var len = 0; len <= 40; len++)
            {
                for (var v = 0; v < 4; v++)
                {
                    var s = SharedAffixString(len, v);
                    expected.Add(s);
                    b.AppendRow([s, Encoding.UTF8.GetBytes(s)]);
                }
            }
        }

        var batch = b.Build();
        var file = WriteBatches(schema, [batch.Slice(0, 100), batch.Slice(100, batch.Length - 100)], new ParquetWriterOptions());
        using (var reader = new ParquetReader(new MemoryStream(file)))
        {
            Assert.NotNull(reader.Metadata.RowGroups[0].Columns[0].MetaData!.DictionaryPageOffset);
        }

        var read = ReadBack(file, bulk: true);
        AssertSame(batch, read);
        var distinct = expected.Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(distinct, Enumerable.Range(0, read.Length).Select(i => (string)read.Column(0).GetValue(i)!).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void DoubleDictionaryKeepsSignedZerosAndNaNs()
    {
        var schema = Schema.Parse("d:double,f:float");
        var b = new RecordBatchBuilder(schema);
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001);
        double[] values = [0.0, -0.0, double.NaN, otherNaN, 1.0, -0.0, 0.0];
        for (var r = 0; r < 700; r++)
        {
            var v = values[r % values.Length];
            b.AppendRow([v, (float)v]);
        }

        var batch = b.Build();
        var file = WriteBatches(schema, [batch.Slice(0, 350), batch.Slice(350, 350)], new ParquetWriterOptions());
        AssertSame(batch, ReadBack(file, bulk: true));

        using var reader = new ParquetReader(new MemoryStream(file));
        var d = reader.Metadata.RowGroups[0].Columns[0].MetaData!;
        Assert.NotNull(d.DictionaryPageOffset);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.ToInt64(d.Statistics!.MinValue)); // NaN excluded; zero min as -0
        Assert.Equal(1.0, BitConverter.ToDouble(d.Statistics.MaxValue));
        var f = reader.Metadata.RowGroups[0].Columns[1].MetaData!;
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.ToInt32(f.Statistics!.MinValue));
        Assert.Equal(1.0f, BitConverter.ToSingle(f.Statistics.MaxValue));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StatisticsFollowTheLogicalOrderAcrossPieces(bool dictionary)
    {
        var schema = Schema.Parse("i:int,l:long,u:uint,ul:ulong,s:str,d:double,n:int");
        var first = Batch(schema, [
            [5, 5L, 1U, 1UL, "z", double.NaN, null],
            [7, -3L, 3_000_000_000U, 18_000_000_000_000_000_000UL, "a", 2.0, null],
        ]);
        var second = Batch(schema, [
            [-9, 12L, 2U, 2UL, "\u00e9", -1.0, null],
            [int.MaxValue, long.MinValue, uint.MaxValue - 1, 5UL, "Z", double.NaN, null],
        ]);
        var options = new ParquetWriterOptions { UseDictionary = dictionary };
        var file = WriteBatches(schema, [first, second.Slice(0, 1), second.Slice(1, 1)], options);
        AssertSame(RecordBatch.Concat([first, second]), ReadBack(file, bulk: true));

        using var reader = new ParquetReader(new MemoryStream(file));
        var cols = reader.Metadata.RowGroups[0].Columns;
        Statistics S(int c) => cols[c].MetaData!.Statistics!;
        Assert.Equal(-9, BitConverter.ToInt32(S(0).MinValue));
        Assert.Equal(int.MaxValue, BitConverter.ToInt32(S(0).MaxValue));
        Assert.Equal(long.MinValue, BitConverter.ToInt64(S(1).MinValue));
        Assert.Equal(12L, BitConverter.ToInt64(S(1).MaxValue));
        Assert.Equal(1U, BitConverter.ToUInt32(S(2).MinValue)); // unsigned order: 3e9 is not negative
        Assert.Equal(uint.MaxValue - 1, BitConverter.ToUInt32(S(2).MaxValue));
        Assert.Equal(1UL, BitConverter.ToUInt64(S(3).MinValue));
        Assert.Equal(18_000_000_000_000_000_000UL, BitConverter.ToUInt64(S(3).MaxValue));
        Assert.Equal("Z", Encoding.UTF8.GetString(S(4).MinValue!)); // strings by unsigned bytes: 'Z' < 'a' < 'z' < 0xC3
        Assert.Equal("\u00e9", Encoding.UTF8.GetString(S(4).MaxValue!));
        Assert.Equal(-1.0, BitConverter.ToDouble(S(5).MinValue));
        Assert.Equal(2.0, BitConverter.ToDouble(S(5).MaxValue));
        Assert.Equal(4, S(6).NullCount);
        Assert.Null(S(6).MinValue);
    }

    private static RecordBatch Batch(Schema schema, object?[][] rows)
    {
        var b = new RecordBatchBuilder(schema);
        foreach (var row in rows)
        {
            b.AppendRow(row);
        }

        return b.Build();
    }

    [Fact]
    public void ParallelEncodingGivesTheSameFileAsSerial()
    {
        var source = WideBatch(3000, 21, nulls: true);
        var pieces = new List<RecordBatch>();
        for (var at = 0; at < source.Length; at += 250)
        {
            pieces.Add(source.Slice(at, Math.Min(250, source.Length - at)));
        }

        var serial = WriteBatches(Wide, pieces, new ParquetWriterOptions { Parallelism = 1, RowGroupRowCount = 400, DataPageRowCount = 128 });
        var files = new byte[8][];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
            files[k] = WriteBatches(Wide, pieces, new ParquetWriterOptions { Parallelism = 4, RowGroupRowCount = 400, DataPageRowCount = 128 }));
        foreach (var file in files)
        {
            Assert.Equal(serial, file);
        }

        AssertSame(source, ReadBack(serial, bulk: true));
    }

    [Theory]
    [InlineData(ParquetEncoding.DeltaBinaryPacked, 1)]
    [InlineData(ParquetEncoding.DeltaBinaryPacked, 2)]
    [InlineData(ParquetEncoding.ByteStreamSplit, 1)]
    [InlineData(ParquetEncoding.DeltaLengthByteArray, 2)]
    [InlineData(ParquetEncoding.DeltaByteArray, 1)]
    public void ValueEncodingsOverPiecesRoundTrip(ParquetEncoding encoding, int pageVersion)
    {
        // Without a dictionary the pieces are gathered (pooled) for these encodings; pages cut across the pieces.
        var source = WideBatch(1000, 5, nulls: false);
        var options = new ParquetWriterOptions { UseDictionary = false, ValueEncoding = encoding, DataPageVersion = pageVersion, DataPageRowCount = 129 };
        var file = WriteBatches(Wide, DensePieces(source), options);
        AssertSame(source, ReadBack(file, bulk: true));
        Assert.Equal(WriteBatches(Wide, [source], options), file);

        var withNulls = WideBatch(700, 6, nulls: true);
        List<RecordBatch> mixed = [source.Slice(10, 300), withNulls.Slice(1, 400), source.Slice(900, 100)];
        AssertSame(RecordBatch.Concat(mixed), ReadBack(WriteBatches(Wide, mixed, options), bulk: false));
    }

    [Fact]
    public void NestedColumnsFromSeveralSlicedPiecesRoundTrip()
    {
        var schema = Schema.Parse("id:long,l:[int],s:{x:str,y:[double]},m:<str,long>");
        var b = new RecordBatchBuilder(schema);
        var rng = new Random(3);
        for (var r = 0; r < 500; r++)
        {
            b.AppendRow([
                (long)r,
                rng.Next(6) == 0 ? null : Enumerable.Range(0, rng.Next(4)).Select(i => (object?)(rng.Next(3) == 0 ? null : i * r)).ToArray(),
                rng.Next(6) == 0 ? null : new Dictionary<string, object?> { ["x"] = rng.Next(4) == 0 ? null : "x" + r, ["y"] = new object?[] { 1.5 * r, -0.0 } },
                rng.Next(6) == 0 ? null : new[] { new KeyValuePair<object, object?>("k" + (r % 7), rng.Next(3) == 0 ? null : (long)r) },
            ]);
        }

        var batch = b.Build();
        List<RecordBatch> pieces = [batch.Slice(0, 1), batch.Slice(1, 200), batch.Slice(201, 299)];
        foreach (var options in new[] { new ParquetWriterOptions(), new ParquetWriterOptions { RowGroupRowCount = 70, DataPageRowCount = 9, DataPageVersion = 2 } })
        {
            var file = WriteBatches(schema, pieces, options);
            AssertSame(batch, ReadBack(file, bulk: true));
            AssertSame(batch, ReadBack(file, bulk: false));
        }
    }

    [Theory]
    [InlineData(30_000, 1 << 16, 1 << 22)]  // many rehashes, stays a dictionary
    [InlineData(70_000, 1 << 16, 1 << 22)]  // passes the entry limit late in the chunk
    [InlineData(30_000, 1 << 16, 200_000)] // passes the byte limit part way
    public void LargeDictionariesAcrossRehashesAndLimits(int distinct, int maxEntries, int maxBytes)
    {
        var schema = Schema.Parse("s:str,l:long,i:int,d:double");
        var b = new RecordBatchBuilder(schema);
        var rows = distinct + 5000;
        for (var r = 0; r < rows; r++)
        {
            var k = r < distinct ? r : r % 97;
            var text = "k" + k.ToString("x", CultureInfo.InvariantCulture);
            b.AppendRow([k % 5 == 0 ? text : text.PadRight(8 + (k % 20), '.'), (long)k * -7919, k, k * 0.5]);
        }

        var batch = b.Build();
        var options = new ParquetWriterOptions { MaxDictionaryEntries = maxEntries, MaxDictionaryBytes = maxBytes };
        var file = WriteBatches(schema, [batch.Slice(0, 12_345), batch.Slice(12_345, rows - 12_345)], options);
        AssertSame(batch, ReadBack(file, bulk: true));
        using var reader = new ParquetReader(new MemoryStream(file));
        var s = reader.Metadata.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal(distinct < maxEntries && maxBytes > 1_000_000, s.DictionaryPageOffset is not null);
        Assert.Equal("k0", Encoding.UTF8.GetString(s.Statistics!.MinValue!));
    }

    [Fact]
    public void StatisticsOmitBoundsThatCannotBeWritten()
    {
        var schema = Schema.Parse("d:double,f:float,s:str");
        var longText = new string('q', 65);
        var batch = Batch(schema, [[double.NaN, float.NaN, longText], [null, float.NaN, "a"], [double.NaN, null, null]]);
        foreach (var dictionary in new[] { true, false })
        {
            var file = WriteBatches(schema, [batch.Slice(0, 1), batch.Slice(1, 2)], new ParquetWriterOptions { UseDictionary = dictionary });
            AssertSame(batch, ReadBack(file, bulk: true));
            using var reader = new ParquetReader(new MemoryStream(file));
            foreach (var chunk in reader.Metadata.RowGroups[0].Columns)
            {
                var stats = chunk.MetaData!.Statistics!;
                Assert.Null(stats.MinValue); // all NaN, or a bound longer than 64 bytes
                Assert.Null(stats.MaxValue);
                Assert.Equal(1, stats.NullCount);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StatisticsOfNarrowAndDecimalTypesFollowTheirOrder(bool dictionary)
    {
        var schema = Schema.Parse("u8:ubyte,u16:ushort,i8:byte,i16:short,dl:decimal(20,3),ds:decimal(9,2),h:float16");
        var first = Batch(schema, [[(byte)200, (ushort)60000, (sbyte)-100, (short)-30000, -1.5m, -3.25m, (Half)(-2)]]);
        var second = Batch(schema, [
            [(byte)3, (ushort)5, (sbyte)100, (short)30000, 2.25m, 7.5m, Half.NaN],
            [(byte)255, (ushort)65535, (sbyte)0, (short)0, -0.001m, 0m, (Half)1],
        ]);
        var file = WriteBatches(schema, [first, second.Slice(0, 1), second.Slice(1, 1)], new ParquetWriterOptions { UseDictionary = dictionary });
        AssertSame(RecordBatch.Concat([first, second]), ReadBack(file, bulk: true));

        using var reader = new ParquetReader(new MemoryStream(file));
        var cols = reader.Metadata.RowGroups[0].Columns;
        Statistics S(int c) => cols[c].MetaData!.Statistics!;
        Assert.Equal(3, BitConverter.ToInt32(S(0).MinValue));
        Assert.Equal(255, BitConverter.ToInt32(S(0).MaxValue));
        Assert.Equal(5, BitConverter.ToInt32(S(1).MinValue));
        Assert.Equal(65535, BitConverter.ToInt32(S(1).MaxValue));
        Assert.Equal(-100, BitConverter.ToInt32(S(2).MinValue));
        Assert.Equal(100, BitConverter.ToInt32(S(2).MaxValue));
        Assert.Equal(-30000, BitConverter.ToInt32(S(3).MinValue));
        Assert.Equal(30000, BitConverter.ToInt32(S(3).MaxValue));
        Assert.Equal(new Int128(ulong.MaxValue, ulong.MaxValue - 1499), BigEndianSigned(S(4).MinValue!)); // -1500 unscaled
        Assert.Equal((Int128)2250, BigEndianSigned(S(4).MaxValue!));
        Assert.Equal(-325, BitConverter.ToInt32(S(5).MinValue));
        Assert.Equal(750, BitConverter.ToInt32(S(5).MaxValue));
        Assert.Equal((Half)(-2), BitConverter.ToHalf(S(6).MinValue));
        Assert.Equal((Half)1, BitConverter.ToHalf(S(6).MaxValue));
    }

    private static Int128 BigEndianSigned(byte[] bytes)
    {
        Int128 v = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            v = (v << 8) | bytes[i];
        }

        return v;
    }

    [Fact]
    public void BulkReadOfALargeFileOfPlainSnappyPagesWithAndWithoutNulls()
    {
        // A file over 1 MiB (ReadAll maps it) of PLAIN v1 Snappy pages, decompressed in place: pages without nulls,
        // with a few, and all null, next to each other, in row groups written from several pieces.
        var schema = Schema.Parse("l:long,d:double,i:int");
        var b = new RecordBatchBuilder(schema);
        var rng = new Random(9);
        for (var r = 0; r < 120_000; r++)
        {
            var page = r / 1000;
            var isNull = page % 3 == 1 ? rng.Next(7) == 0 : page % 9 == 5;
            b.AppendRow(isNull ? [null, null, null] : [rng.NextInt64(), rng.NextDouble(), rng.Next()]);
        }

        var batch = b.Build();
        var path = Path.Combine(Path.GetTempPath(), $"fugue-boundary-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var writer = ParquetWriter.Create(path, schema, new ParquetWriterOptions { UseDictionary = false, DataPageRowCount = 1000, RowGroupRowCount = 50_000 }))
            {
                writer.Write(batch.Slice(0, 33_333));
                writer.Write(batch.Slice(33_333, batch.Length - 33_333));
            }

            Assert.True(new FileInfo(path).Length > 1 << 20);
            using var reader = ParquetReader.Open(path);
            AssertSame(batch, RecordBatch.Concat(reader.ReadAll()));
            AssertSame(batch, RecordBatch.Concat(reader.ReadAll(parallelism: 1)));
            AssertSame(batch, RecordBatch.Concat(reader.ReadRowGroups().ToList()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
