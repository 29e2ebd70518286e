using System.Text;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Thrift;

namespace Fugue.Runtime.Tests.IO;

public class ParquetMetadataTests
{
    internal static FileMetaData SampleMetadata()
    {
        var stats = new Statistics
        {
            Min = [1, 0, 0, 0], Max = [9, 0, 0, 0], MinValue = [1, 0, 0, 0], MaxValue = [9, 0, 0, 0],
            NullCount = 3, DistinctCount = 7, IsMaxValueExact = true, IsMinValueExact = false, NanCount = 0,
        };
        return new FileMetaData
        {
            Version = 2,
            NumRows = 1000,
            CreatedBy = "Fugue.NET test",
            KeyValueMetadata = [new("ARROW:schema", "abc"), new("empty", null)],
            ColumnOrders = [ColumnOrder.TypeDefined, ColumnOrder.Ieee754TotalOrder, ColumnOrder.TypeDefined, ColumnOrder.TypeDefined],
            Schema =
            [
                new SchemaElement { Name = "schema", NumChildren = 5 },
                new SchemaElement { Name = "id", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required, FieldId = 1 },
                new SchemaElement
                {
                    Name = "name", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Optional,
                    ConvertedType = ConvertedType.Utf8, LogicalType = LogicalType.String,
                },
                new SchemaElement
                {
                    Name = "price", Type = PhysicalType.FixedLenByteArray, TypeLength = 16, RepetitionType = FieldRepetitionType.Optional,
                    ConvertedType = ConvertedType.Decimal, Precision = 38, Scale = 4, LogicalType = LogicalType.Decimal(38, 4),
                },
                new SchemaElement
                {
                    Name = "ts", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Optional,
                    LogicalType = LogicalType.Timestamp(ParquetTimeUnit.Nanos, true),
                },
                new SchemaElement
                {
                    Name = "tags", RepetitionType = FieldRepetitionType.Optional, NumChildren = 1, ConvertedType = ConvertedType.List,
                    LogicalType = LogicalType.List,
                },
            ],
            RowGroups =
            [
                new RowGroup
                {
                    NumRows = 1000, TotalByteSize = 123456, FileOffset = 4, TotalCompressedSize = 65432, Ordinal = 0,
                    SortingColumns = [new SortingColumn { ColumnIndex = 0, Descending = true, NullsFirst = false }],
                    Columns =
                    [
                        new ColumnChunk
                        {
                            FileOffset = 0, OffsetIndexOffset = 9000, OffsetIndexLength = 20, ColumnIndexOffset = 9100, ColumnIndexLength = 30,
                            MetaData = new ColumnMetaData
                            {
                                Type = PhysicalType.Int64, Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary],
                                PathInSchema = ["id"], Codec = CompressionCodec.Snappy, NumValues = 1000,
                                TotalUncompressedSize = 8000, TotalCompressedSize = 4000, DataPageOffset = 100,
                                DictionaryPageOffset = 4, IndexPageOffset = 50, Statistics = stats,
                                KeyValueMetadata = [new("k", "v")],
                                EncodingStats =
                                [
                                    new PageEncodingStats { PageType = PageType.DictionaryPage, Encoding = ParquetEncoding.Plain, Count = 1 },
                                    new PageEncodingStats { PageType = PageType.DataPage, Encoding = ParquetEncoding.RleDictionary, Count = 20 },
                                ],
                                BloomFilterOffset = 5000, BloomFilterLength = 256,
                            },
                        },
                        new ColumnChunk
                        {
                            FilePath = "other.parquet",
                            MetaData = new ColumnMetaData
                            {
                                Type = PhysicalType.ByteArray, Encodings = [ParquetEncoding.DeltaByteArray], PathInSchema = ["a", "list", "element"],
                                Codec = CompressionCodec.Zstd, NumValues = 5, DataPageOffset = 8000,
                            },
                        },
                    ],
                },
            ],
        };
    }

    private static byte[] Serialize(FileMetaData m)
    {
        var w = new ThriftCompactWriter();
        m.Write(w);
        return w.ToArray();
    }

    [Fact]
    public void KeyValueHasTheExpectedWireBytes()
    {
        var w = new ThriftCompactWriter();
        new KeyValue("a", "b").Write(w);
        Assert.Equal(new byte[] { 0x18, 1, (byte)'a', 0x18, 1, (byte)'b', 0 }, w.ToArray());
    }

    [Fact]
    public void FileMetaDataRoundTripsExactly()
    {
        var bytes = Serialize(SampleMetadata());
        var read = FileMetaData.Read(bytes);
        Assert.Equal(bytes, Serialize(read));

        Assert.Equal(2, read.Version);
        Assert.Equal(1000, read.NumRows);
        Assert.Equal("Fugue.NET test", read.CreatedBy);
        Assert.Equal(6, read.Schema.Count);
        Assert.Equal(LogicalType.Decimal(38, 4), read.Schema[3].LogicalType);
        Assert.Equal(16, read.Schema[3].TypeLength);
        Assert.Equal(LogicalType.Timestamp(ParquetTimeUnit.Nanos, true), read.Schema[4].LogicalType);
        Assert.Equal(ConvertedType.List, read.Schema[5].ConvertedType);
        Assert.Null(read.Schema[0].RepetitionType);
        Assert.Equal(new[] { ColumnOrder.TypeDefined, ColumnOrder.Ieee754TotalOrder, ColumnOrder.TypeDefined, ColumnOrder.TypeDefined }, read.ColumnOrders);
        Assert.Null(read.KeyValueMetadata![1].Value);
        var cc = read.RowGroups[0].Columns[0];
        Assert.Equal(9000, cc.OffsetIndexOffset);
        var md = cc.MetaData!;
        Assert.Equal(CompressionCodec.Snappy, md.Codec);
        Assert.Equal(new[] { ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary }, md.Encodings);
        Assert.Equal(3, md.Statistics!.NullCount);
        Assert.True(md.Statistics.IsMaxValueExact);
        Assert.False(md.Statistics.IsMinValueExact);
        Assert.Equal(new byte[] { 9, 0, 0, 0 }, md.Statistics.MaxValue);
        Assert.Equal(20, md.EncodingStats![1].Count);
        Assert.Equal(256, md.BloomFilterLength);
        Assert.True(read.RowGroups[0].SortingColumns![0].Descending);
        Assert.Equal((short)0, read.RowGroups[0].Ordinal);
        Assert.Equal(new[] { "a", "list", "element" }, read.RowGroups[0].Columns[1].MetaData!.PathInSchema);
        Assert.Equal("other.parquet", read.RowGroups[0].Columns[1].FilePath);
    }

    public static TheoryData<LogicalType> LogicalTypes() =>
    [
        LogicalType.String, LogicalType.Map, LogicalType.List, LogicalType.Enum, LogicalType.Date, LogicalType.Null,
        LogicalType.Json, LogicalType.Bson, LogicalType.Uuid, LogicalType.Float16,
        LogicalType.Decimal(10, 2), LogicalType.Decimal(76, 0),
        LogicalType.Time(ParquetTimeUnit.Millis, false), LogicalType.Time(ParquetTimeUnit.Micros, true),
        LogicalType.Timestamp(ParquetTimeUnit.Millis, true), LogicalType.Timestamp(ParquetTimeUnit.Micros, false),
        LogicalType.Timestamp(ParquetTimeUnit.Nanos, false),
        LogicalType.Integer(8, true), LogicalType.Integer(16, false), LogicalType.Integer(32, true), LogicalType.Integer(64, false),
    ];

    [Theory]
    [MemberData(nameof(LogicalTypes))]
    public void LogicalTypeRoundTrips(LogicalType type)
    {
        var w = new ThriftCompactWriter();
        type.Write(w);
        var r = new ThriftCompactReader(w.WrittenSpan);
        var back = LogicalType.Read(ref r);
        Assert.Equal(type, back);
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void LogicalTypeWireFormatMatchesTheThriftSchema()
    {
        // LogicalType{ TIMESTAMP(8): TimestampType{ isAdjustedToUTC(1)=true, unit(2)=TimeUnit{ MICROS(2): {} } } }
        var w = new ThriftCompactWriter();
        LogicalType.Timestamp(ParquetTimeUnit.Micros, true).Write(w);
        Assert.Equal(new byte[] { 0x8C, 0x11, 0x1C, 0x2C, 0x00, 0x00, 0x00, 0x00 }, w.ToArray());
        Assert.Equal("TIMESTAMP(MICROS,UTC)", LogicalType.Timestamp(ParquetTimeUnit.Micros, true).ToString());
        Assert.Equal("INT(16,unsigned)", LogicalType.Integer(16, false).ToString());
        Assert.Equal("DECIMAL(10,2)", LogicalType.Decimal(10, 2).ToString());
    }

    [Fact]
    public void UnknownLogicalTypeMemberIsKeptAsUnsupported()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        w.WriteStructFieldBegin(42);
        w.WriteI32Field(1, 5);
        w.WriteStructEnd();
        w.WriteStructEnd();
        var r = new ThriftCompactReader(w.WrittenSpan);
        var t = LogicalType.Read(ref r);
        Assert.Equal(LogicalTypeKind.Unsupported, t.Kind);
        Assert.Equal(42, t.UnsupportedId);
    }

    [Fact]
    public void PageHeadersRoundTrip()
    {
        var headers = new[]
        {
            new PageHeader
            {
                Type = PageType.DataPage, UncompressedPageSize = 100, CompressedPageSize = 80, Crc = -12345,
                DataPageHeader = new DataPageHeader
                {
                    NumValues = 10, Encoding = ParquetEncoding.RleDictionary, DefinitionLevelEncoding = ParquetEncoding.Rle,
                    RepetitionLevelEncoding = ParquetEncoding.BitPacked, Statistics = new Statistics { NullCount = 2 },
                },
            },
            new PageHeader
            {
                Type = PageType.DataPageV2, UncompressedPageSize = 1 << 20, CompressedPageSize = 1 << 19,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = 10, NumNulls = 3, NumRows = 9, Encoding = ParquetEncoding.DeltaBinaryPacked,
                    DefinitionLevelsByteLength = 4, RepetitionLevelsByteLength = 2, IsCompressed = false,
                },
            },
            new PageHeader
            {
                Type = PageType.DictionaryPage, UncompressedPageSize = 7, CompressedPageSize = 7,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = 3, Encoding = ParquetEncoding.Plain, IsSorted = true },
            },
        };
        foreach (var h in headers)
        {
            var w = new ThriftCompactWriter();
            h.Write(w);
            var r = new ThriftCompactReader(w.WrittenSpan);
            var back = PageHeader.Read(ref r);
            var w2 = new ThriftCompactWriter();
            back.Write(w2);
            Assert.Equal(w.ToArray(), w2.ToArray());
            Assert.Equal(h.Type, back.Type);
        }

        var v2 = ReadHeader(headers[1]).DataPageHeaderV2!;
        Assert.False(v2.IsCompressed);
        Assert.Equal(3, v2.NumNulls);
        Assert.Equal(-12345, ReadHeader(headers[0]).Crc);
        Assert.True(ReadHeader(headers[2]).DictionaryPageHeader!.IsSorted);
    }

    [Fact]
    public void DataPageHeaderV2IsCompressedDefaultsToTrue()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        for (short i = 1; i <= 6; i++)
        {
            w.WriteI32Field(i, i == 4 ? 0 : 1);
        }

        w.WriteStructEnd();
        var r = new ThriftCompactReader(w.WrittenSpan);
        Assert.True(DataPageHeaderV2.Read(ref r).IsCompressed);
    }

    [Fact]
    public void MissingRequiredFieldsAndInconsistentHeadersAreRejected()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        w.WriteI32Field(1, (int)PageType.DataPage);
        w.WriteI32Field(2, 10);
        w.WriteStructEnd();
        var ex = Assert.Throws<ParquetFormatException>(() => ReadHeader(w.ToArray(), "x.parquet"));
        Assert.Contains("compressed_page_size", ex.Message);
        Assert.Contains("x.parquet", ex.Message);

        var noSub = new PageHeader { Type = PageType.DataPage, UncompressedPageSize = 1, CompressedPageSize = 1 };
        Assert.Throws<ParquetFormatException>(() => ReadHeader(noSub));
        var negative = new PageHeader
        {
            Type = PageType.DictionaryPage, UncompressedPageSize = -1, CompressedPageSize = 1,
            DictionaryPageHeader = new DictionaryPageHeader(),
        };
        Assert.Throws<ParquetFormatException>(() => ReadHeader(negative));
    }

    [Fact]
    public void WrongWireTypeForAKnownFieldIsSkippedNotMisread()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        w.WriteStringField(1, "not an int");
        w.WriteStringField(1, "key");
        w.WriteStructEnd();
        var r = new ThriftCompactReader(w.WrittenSpan);
        Assert.Equal("key", KeyValue.Read(ref r).Key);
    }

    [Fact]
    public void FooterRoundTripsThroughAStream()
    {
        using var ms = new MemoryStream();
        ms.Write(ParquetFooter.Magic);
        ms.Write(new byte[100]);
        var n = ParquetFooter.Write(ms, SampleMetadata());
        Assert.Equal(ms.Length - 104, n);
        var back = ParquetFooter.Read(ms, "mem.parquet");
        Assert.Equal(Serialize(SampleMetadata()), Serialize(back));
    }

    [Fact]
    public void FooterErrorsNameTheProblem()
    {
        Assert.Contains("shorter", Assert.Throws<ParquetFormatException>(() => ParquetFooter.Read(new MemoryStream(new byte[5]))).Message);
        var notParquet = Encoding.ASCII.GetBytes("this is definitely not a parquet file");
        Assert.Contains("magic", Assert.Throws<ParquetFormatException>(() => ParquetFooter.Read(new MemoryStream(notParquet))).Message);

        using var ms = new MemoryStream();
        ms.Write("PAR1"u8);
        ms.Write(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F });
        ms.Write("PAR1"u8);
        ms.Write(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F });
        ms.Write("PAR1"u8);
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.Read(ms, "big.parquet"));
        Assert.Contains("Footer length", ex.Message);
        Assert.Equal(ms.Length - 8, ex.Offset);
    }

    [Fact]
    public void CorruptedFootersOnlyThrowParquetFormatException()
    {
        var valid = Serialize(SampleMetadata());
        var rng = new Random(77);
        for (var i = 0; i < 2000; i++)
        {
            var data = (byte[])valid.Clone();
            var mode = i % 3;
            if (mode == 0)
            {
                data = data.AsSpan(0, rng.Next(data.Length)).ToArray();
            }
            else
            {
                for (var k = 0; k <= mode; k++)
                {
                    data[rng.Next(data.Length)] = (byte)rng.Next(256);
                }
            }

            var ex = Record.Exception(() => FileMetaData.Read(data, "fuzz.parquet"));
            Assert.True(ex is null or ParquetFormatException, ex?.ToString());
        }
    }

    private static PageHeader ReadHeader(PageHeader h)
    {
        var w = new ThriftCompactWriter();
        h.Write(w);
        return ReadHeader(w.ToArray());
    }

    private static PageHeader ReadHeader(byte[] bytes, string? path = null)
    {
        var r = new ThriftCompactReader(bytes, path);
        return PageHeader.Read(ref r);
    }
}
