using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

public class ParquetReaderWriterTests
{
    private static readonly Schema AllTypes = new(
        new Field("b", DataType.Bool),
        new Field("i8", DataType.Int8),
        new Field("u8", DataType.UInt8),
        new Field("i16", DataType.Int16),
        new Field("u16", DataType.UInt16),
        new Field("i32", DataType.Int32),
        new Field("u32", DataType.UInt32),
        new Field("i64", DataType.Int64),
        new Field("u64", DataType.UInt64),
        new Field("f16", DataType.Float16),
        new Field("f32", DataType.Float32),
        new Field("f64", DataType.Float64),
        new Field("s", DataType.String),
        new Field("bin", DataType.Binary),
        new Field("d", DataType.Date),
        new Field("ts", DataType.DateTime),
        new Field("tsz", DataType.Timestamp(TimeUnit.Millisecond, "UTC")),
        new Field("tsn", DataType.Timestamp(TimeUnit.Nanosecond)),
        new Field("dec9", DataType.Decimal(9, 2)),
        new Field("dec18", DataType.Decimal(18, 4)),
        new Field("dec38", DataType.Decimal(38, 10)),
        new Field("n", DataType.Null));

    private static RecordBatch Sample(Schema schema, int rows, int seed, double nullRate = 0.2)
    {
        var rng = new Random(seed);
        var builder = new RecordBatchBuilder(schema, rows);
        var row = new object?[schema.Count];
        string[] words = ["apple", "banana", "cherry", "", "日本語", "a longer string value with spaces"];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                var t = schema[c].Type;
                row[c] = t.Kind == TypeKind.Null || rng.NextDouble() < nullRate ? null : t.Kind switch
                {
                    TypeKind.Bool => rng.Next(2) == 0,
                    TypeKind.Int8 => (sbyte)rng.Next(sbyte.MinValue, sbyte.MaxValue + 1),
                    TypeKind.UInt8 => (byte)rng.Next(256),
                    TypeKind.Int16 => (short)rng.Next(short.MinValue, short.MaxValue + 1),
                    TypeKind.UInt16 => (ushort)rng.Next(ushort.MaxValue + 1),
                    TypeKind.Int32 => rng.Next(4) == 0 ? int.MinValue : rng.Next(-1000, 1000),
                    TypeKind.UInt32 => rng.Next(3) == 0 ? uint.MaxValue : (uint)rng.Next(),
                    TypeKind.Int64 => rng.NextInt64(long.MinValue, long.MaxValue),
                    TypeKind.UInt64 => rng.Next(3) == 0 ? ulong.MaxValue : (ulong)rng.NextInt64(),
                    TypeKind.Float16 => (Half)(rng.Next(-500, 500) / 4.0),
                    TypeKind.Float32 => rng.Next(10) == 0 ? float.NaN : (float)rng.NextDouble() * 100 - 50,
                    TypeKind.Float64 => rng.Next(10) == 0 ? -0.0 : rng.NextDouble() * 1e6,
                    TypeKind.String => words[rng.Next(words.Length)] + (rng.Next(3) == 0 ? rng.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
                    TypeKind.Binary => Enumerable.Range(0, rng.Next(0, 9)).Select(_ => (byte)rng.Next(256)).ToArray(),
                    TypeKind.Date => DateOnly.FromDayNumber(rng.Next(600_000, 800_000)),
                    TypeKind.Timestamp when ((TimestampType)t).TimeZone is null => new DateTime(2000, 1, 1).AddTicks(rng.NextInt64(0, 100_000_000_000_000) / 10 * 10),
                    TypeKind.Timestamp => new DateTime(2020, 5, 17, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(rng.Next()),
                    TypeKind.Decimal => (decimal)Math.Round(rng.NextDouble() * 1_000_000 - 500_000, ((DecimalType)t).Scale > 2 ? 4 : 2),
                    _ => throw new InvalidOperationException(t.ToString()),
                };
            }

            builder.AppendRow(row);
        }

        return builder.Build();
    }

    private static void AssertSameValues(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            for (var r = 0; r < expected.Length; r++)
            {
                var e = expected.GetValue(r, c);
                var a = actual.GetValue(r, c);
                if (e is float f && float.IsNaN(f))
                {
                    Assert.True(a is float g && float.IsNaN(g));
                }
                else if (e is double d)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)a!));
                }
                else
                {
                    Assert.True(Equals(e, a) || (e is byte[] eb && a is byte[] ab && eb.AsSpan().SequenceEqual(ab)),
                        $"column {expected.Schema[c].Name} row {r}: expected {e}, got {a}");
                }
            }
        }
    }

    private static (byte[] File, RecordBatch[] Batches) WriteFile(Schema schema, ParquetWriterOptions options, params RecordBatch[] batches)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, schema, options, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                writer.Write(b);
            }
        }

        return (ms.ToArray(), batches);
    }

    public static TheoryData<CompressionCodec, int, bool> Configurations()
    {
        var data = new TheoryData<CompressionCodec, int, bool>();
        foreach (var codec in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
        {
            data.Add(codec, 1, true);
            data.Add(codec, 2, false);
        }

        data.Add(CompressionCodec.Snappy, 1, false);
        data.Add(CompressionCodec.Snappy, 2, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void AllFlatTypesRoundTrip(CompressionCodec codec, int pageVersion, bool dictionary)
    {
        var options = new ParquetWriterOptions { Compression = codec, DataPageVersion = pageVersion, UseDictionary = dictionary, DataPageRowCount = 97, RowGroupRowCount = 300 };
        var batch = Sample(AllTypes, 700, (int)codec * 10 + pageVersion);
        var (file, _) = WriteFile(AllTypes, options, batch);

        using var reader = new ParquetReader(new MemoryStream(file), "mem.parquet");
        Assert.Equal(AllTypes, reader.Schema);
        Assert.Equal(700, reader.RowCount);
        Assert.Equal(3, reader.RowGroupCount);
        var offset = 0;
        foreach (var group in reader.ReadRowGroups())
        {
            AssertSameValues(batch.Slice(offset, group.Length), group);
            offset += group.Length;
        }

        Assert.Equal(700, offset);
        var chunk = reader.Metadata.RowGroups[0].Columns[AllTypes.IndexOf("s")].MetaData!;
        Assert.Equal(codec, chunk.Codec);
        Assert.Equal(dictionary, chunk.Encodings.Contains(ParquetEncoding.RleDictionary));
        Assert.Equal(dictionary, chunk.DictionaryPageOffset is not null);
    }

    [Theory]
    [InlineData(ParquetEncoding.DeltaBinaryPacked, 1)]
    [InlineData(ParquetEncoding.DeltaBinaryPacked, 2)]
    [InlineData(ParquetEncoding.DeltaLengthByteArray, 1)]
    [InlineData(ParquetEncoding.DeltaByteArray, 2)]
    [InlineData(ParquetEncoding.ByteStreamSplit, 1)]
    [InlineData(ParquetEncoding.ByteStreamSplit, 2)]
    [InlineData(ParquetEncoding.Rle, 1)]
    [InlineData(ParquetEncoding.Rle, 2)]
    public void NonPlainValueEncodingsRoundTrip(ParquetEncoding encoding, int pageVersion)
    {
        var options = new ParquetWriterOptions { UseDictionary = false, ValueEncoding = encoding, DataPageVersion = pageVersion, DataPageRowCount = 150 };
        var batch = Sample(AllTypes, 400, (int)encoding);
        var (file, _) = WriteFile(AllTypes, options, batch);
        using var reader = new ParquetReader(new MemoryStream(file));
        AssertSameValues(batch, reader.ReadRowGroup(0));
        var used = reader.Metadata.RowGroups[0].Columns.SelectMany(c => c.MetaData!.Encodings).ToHashSet();
        Assert.Contains(encoding, used);
    }

    [Fact]
    public void ProjectionReadsSelectedColumnsInRequestedOrder()
    {
        var batch = Sample(AllTypes, 50, 3);
        var (file, _) = WriteFile(AllTypes, new ParquetWriterOptions(), batch);
        using var reader = new ParquetReader(new MemoryStream(file));
        var part = reader.ReadRowGroup(0, ["s", "i32"]);
        Assert.Equal(new Schema(new Field("s", DataType.String), new Field("i32", DataType.Int32)), part.Schema);
        AssertSameValues(batch.SelectColumns("s", "i32"), part);
        Assert.Throws<KeyNotFoundException>(() => reader.ReadRowGroup(0, ["nope"]));
    }

    [Fact]
    public void StatisticsFollowTheColumnOrder()
    {
        var schema = new Schema(new Field("i", DataType.Int32), new Field("u", DataType.UInt32), new Field("s", DataType.String), new Field("f", DataType.Float64));
        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow(new object?[] { 5, 1u, "pear", 0.0 });
        builder.AppendRow(new object?[] { -7, uint.MaxValue, "apple", double.NaN });
        builder.AppendRow(new object?[] { null, null, null, null });
        builder.AppendRow(new object?[] { 12, 2u, "zebra", -3.5 });
        var (file, _) = WriteFile(schema, new ParquetWriterOptions(), builder.Build());
        using var reader = new ParquetReader(new MemoryStream(file));
        var cols = reader.Metadata.RowGroups[0].Columns;
        var si = cols[0].MetaData!.Statistics!;
        Assert.Equal(1, si.NullCount);
        Assert.Equal(-7, BitConverter.ToInt32(si.MinValue));
        Assert.Equal(12, BitConverter.ToInt32(si.MaxValue));
        var su = cols[1].MetaData!.Statistics!;
        Assert.Equal(1u, BitConverter.ToUInt32(su.MinValue));
        Assert.Equal(uint.MaxValue, BitConverter.ToUInt32(su.MaxValue)); // unsigned order
        var ss = cols[2].MetaData!.Statistics!;
        Assert.Equal("apple"u8.ToArray(), ss.MinValue);
        Assert.Equal("zebra"u8.ToArray(), ss.MaxValue);
        var sf = cols[3].MetaData!.Statistics!;
        Assert.Equal(-3.5, BitConverter.ToDouble(sf.MinValue));
        Assert.Equal(0.0, BitConverter.ToDouble(sf.MaxValue)); // NaN ignored, +0 for a zero max
        Assert.False(double.IsNegative(BitConverter.ToDouble(sf.MaxValue)));
        Assert.Equal(ColumnOrder.TypeDefined, reader.Metadata.ColumnOrders![0]);
    }

    [Fact]
    public void DictionaryIsUsedForLowCardinalityAndSkippedForUniqueValues()
    {
        var schema = new Schema(new Field("low", DataType.String), new Field("unique", DataType.Int64), new Field("flag", DataType.Bool));
        var builder = new RecordBatchBuilder(schema);
        for (var i = 0; i < 20_000; i++)
        {
            builder.AppendRow(new object?[] { "v" + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), (long)i * 7919, i % 3 == 0 });
        }

        var batch = builder.Build();
        var (file, _) = WriteFile(schema, new ParquetWriterOptions { MaxDictionaryEntries = 1000 }, batch);
        using var reader = new ParquetReader(new MemoryStream(file));
        var cols = reader.Metadata.RowGroups[0].Columns;
        Assert.Contains(ParquetEncoding.RleDictionary, cols[0].MetaData!.Encodings);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, cols[1].MetaData!.Encodings);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, cols[2].MetaData!.Encodings);
        Assert.True(cols[0].MetaData!.TotalCompressedSize < 2000, cols[0].MetaData!.TotalCompressedSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertSameValues(batch, reader.ReadRowGroup(0));
    }

    [Fact]
    public void SlicedBatchesAreWrittenFromTheirOffset()
    {
        var batch = Sample(AllTypes, 200, 21);
        var slice = batch.Slice(37, 101);
        var (file, _) = WriteFile(AllTypes, new ParquetWriterOptions { DataPageRowCount = 10 }, slice);
        using var reader = new ParquetReader(new MemoryStream(file));
        AssertSameValues(slice, reader.ReadRowGroup(0));
    }

    [Fact]
    public void FixedLengthDecimalStatisticsUseSignedOrder()
    {
        var schema = new Schema(new Field("d", DataType.Decimal(38, 2)));
        var builder = new RecordBatchBuilder(schema);
        foreach (var v in new[] { -5.00m, 3.00m, -100.00m, 0.01m })
        {
            builder.AppendRow(new object?[] { v });
        }

        var (file, _) = WriteFile(schema, new ParquetWriterOptions(), builder.Build());
        using var reader = new ParquetReader(new MemoryStream(file));
        var stats = reader.Metadata.RowGroups[0].Columns[0].MetaData!.Statistics!;
        Assert.Equal(16, stats.MinValue!.Length);
        Assert.Equal(-10000, (long)System.Buffers.Binary.BinaryPrimitives.ReadInt128BigEndian(stats.MinValue));
        Assert.Equal(300, (long)System.Buffers.Binary.BinaryPrimitives.ReadInt128BigEndian(stats.MaxValue));
    }

    [Fact]
    public void EmptyFileAndAllNullColumns()
    {
        var schema = new Schema(new Field("a", DataType.Int64), new Field("s", DataType.String));
        var (empty, _) = WriteFile(schema, new ParquetWriterOptions());
        using (var reader = new ParquetReader(new MemoryStream(empty)))
        {
            Assert.Equal(schema, reader.Schema);
            Assert.Equal(0, reader.RowGroupCount);
        }

        var builder = new RecordBatchBuilder(schema);
        for (var i = 0; i < 10; i++)
        {
            builder.AppendRow(new object?[] { null, null });
        }

        var batch = builder.Build();
        var (file, _) = WriteFile(schema, new ParquetWriterOptions(), batch);
        using var r2 = new ParquetReader(new MemoryStream(file));
        var back = r2.ReadRowGroup(0);
        Assert.Equal(10, back.Column(0).NullCount);
        Assert.Equal(10, back.Column(1).NullCount);
        AssertSameValues(batch, back);
    }

    [Fact]
    public void SecondTimestampsAreWrittenAsMilliseconds()
    {
        var schema = new Schema(new Field("t", DataType.Timestamp(TimeUnit.Second, "UTC")));
        var builder = new RecordBatchBuilder(schema);
        var when = new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc);
        builder.AppendRow(new object?[] { when });
        var (file, _) = WriteFile(schema, new ParquetWriterOptions(), builder.Build());
        using var reader = new ParquetReader(new MemoryStream(file));
        var leaf = reader.Metadata.Schema[1];
        Assert.Equal(ParquetTimeUnit.Millis, leaf.LogicalType!.Unit);
        // The fugue.schema footer metadata restores the seconds unit on read.
        Assert.Equal(DataType.Timestamp(TimeUnit.Second, "UTC"), reader.Schema[0].Type);
        Assert.Equal(when, reader.ReadRowGroup(0).GetValue(0, 0));
    }

    [Fact]
    public void ARowGroupThatFailsToEncodeLeavesNoReadableFileMissingRows()
    {
        // seconds are written as milliseconds: this value overflows the conversion inside the (parallel) encoder
        var schema = new Schema(new Field("t", DataType.Timestamp(TimeUnit.Second)));
        static RecordBatch Batch(Schema schema, params long[] values) =>
            new(schema, [new PrimitiveColumn<long>(schema[0].Type, values.Length, ArrowBuffer.Wrap(values))], values.Length);
        using var ms = new MemoryStream();
        var failed = false;
        try
        {
            using var writer = new ParquetWriter(ms, schema, new ParquetWriterOptions { RowGroupRowCount = 2 }, leaveOpen: true);
            writer.Write(Batch(schema, 1, 2));
            writer.Write(Batch(schema, long.MaxValue / 10, 3));
            writer.Write(Batch(schema, 4, 5));
            writer.Close();
        }
        catch (Exception e) when (e is OverflowException or InvalidOperationException)
        {
            failed = true;
        }

        Assert.True(failed, "the failed row group surfaced from Write or Close");
        Assert.Throws<ParquetFormatException>(() => new ParquetReader(new MemoryStream(ms.ToArray())));
    }

    [Fact]
    public void WriterRejectsMismatchedBatches()
    {
        var schema = new Schema(new Field("a", DataType.Int32));
        using var writer = new ParquetWriter(new MemoryStream(), schema);
        var other = new RecordBatchBuilder(new Schema(new Field("b", DataType.Int32))).Build();
        Assert.Throws<ArgumentException>(() => writer.Write(other));
    }

    [Fact]
    public void ReaderReportsCorruptionWithFileAndOffset()
    {
        var schema = new Schema(new Field("a", DataType.Int64), new Field("s", DataType.String));
        var batch = Sample(schema, 500, 8, 0.1);
        var (file, _) = WriteFile(schema, new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false }, batch);
        using var reader0 = new ParquetReader(new MemoryStream(file));
        var md = reader0.Metadata.RowGroups[0].Columns[1].MetaData!;
        // Damage a PLAIN byte-array length inside the string column's data page.
        var bad = (byte[])file.Clone();
        var at = (int)md.DataPageOffset + (int)md.TotalCompressedSize - 40;
        bad[at] = 0xFF;
        bad[at + 1] = 0xFF;
        bad[at + 2] = 0xFF;
        bad[at + 3] = 0x7F;
        using var reader = new ParquetReader(new MemoryStream(bad), "bad.parquet");
        var ex = Record.Exception(() => reader.ReadRowGroup(0));
        if (ex is not null)
        {
            var pfe = Assert.IsType<ParquetFormatException>(ex);
            Assert.Contains("bad.parquet", pfe.Message);
            Assert.Contains("'s'", pfe.Message);
            Assert.True(pfe.Offset >= md.DataPageOffset);
        }
    }

    [Fact]
    public void TruncatedFilesRaiseParquetFormatExceptions()
    {
        var schema = new Schema(new Field("a", DataType.Int32), new Field("s", DataType.String));
        var (file, _) = WriteFile(schema, new ParquetWriterOptions(), Sample(schema, 200, 4));
        for (var length = 0; length < file.Length; length += 7)
        {
            var cut = file[..length];
            var ex = Record.Exception(() =>
            {
                using var reader = new ParquetReader(new MemoryStream(cut), "cut.parquet");
                foreach (var _ in reader.ReadRowGroups())
                {
                }
            });
            Assert.IsType<ParquetFormatException>(ex);
        }
    }

    [Fact]
    public void RandomCorruptionOnlyRaisesParquetOrNotSupportedExceptions()
    {
        var schema = new Schema(new Field("a", DataType.Int32), new Field("s", DataType.String), new Field("d", DataType.Float64));
        var batch = Sample(schema, 300, 9);
        var rng = new Random(17);
        var configurations = new[]
        {
            new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = true, DataPageRowCount = 64 },
            new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, DataPageRowCount = 64 },
            new ParquetWriterOptions { Compression = CompressionCodec.Snappy, UseDictionary = true, DataPageRowCount = 64, DataPageVersion = 2 },
            new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, DataPageVersion = 2, ValueEncoding = ParquetEncoding.DeltaBinaryPacked },
            new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, ValueEncoding = ParquetEncoding.DeltaByteArray },
            new ParquetWriterOptions { Compression = CompressionCodec.Lz4Raw, UseDictionary = false, ValueEncoding = ParquetEncoding.ByteStreamSplit },
        };
        foreach (var options in configurations)
        {
            {
                var (file, _) = WriteFile(schema, options, batch);
                for (var i = 0; i < 250; i++)
                {
                    var bad = (byte[])file.Clone();
                    for (var k = 0; k < 1 + i % 4; k++)
                    {
                        bad[rng.Next(4, bad.Length - 8)] = (byte)rng.Next(256);
                    }

                    var ex = Record.Exception(() =>
                    {
                        using var reader = new ParquetReader(new MemoryStream(bad), "fuzz.parquet");
                        foreach (var _ in reader.ReadRowGroups())
                        {
                        }
                    });
                    Assert.True(ex is null or ParquetFormatException or NotSupportedException, ex?.ToString());
                }
            }
        }
    }
}
