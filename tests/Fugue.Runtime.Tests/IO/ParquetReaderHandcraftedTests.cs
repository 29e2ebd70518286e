using System.Buffers.Binary;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Thrift;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

/// <summary>Files assembled page by page, to reach reader paths our writer never produces.</summary>
public class ParquetReaderHandcraftedTests
{
    private static byte[] BuildFile(SchemaElement leaf, long rows, params (PageHeader Header, byte[] Body)[] pages)
    {
        using var ms = new MemoryStream();
        ms.Write(ParquetFooter.Magic);
        var start = ms.Position;
        long? dictOffset = null;
        long dataOffset = -1;
        foreach (var (header, body) in pages)
        {
            if (header.Type == PageType.DictionaryPage)
            {
                dictOffset = ms.Position;
            }
            else if (dataOffset < 0)
            {
                dataOffset = ms.Position;
            }

            header.CompressedPageSize = body.Length;
            if (header.UncompressedPageSize == 0)
            {
                header.UncompressedPageSize = body.Length;
            }

            var w = new ThriftCompactWriter();
            header.Write(w);
            w.WriteTo(ms);
            ms.Write(body);
        }

        var size = ms.Position - start;
        var metadata = new FileMetaData
        {
            NumRows = rows,
            Schema = [new SchemaElement { Name = "schema", NumChildren = 1 }, leaf],
            RowGroups =
            [
                new RowGroup
                {
                    NumRows = rows, TotalByteSize = size,
                    Columns =
                    [
                        new ColumnChunk
                        {
                            MetaData = new ColumnMetaData
                            {
                                Type = leaf.Type!.Value, Encodings = [ParquetEncoding.Plain], PathInSchema = [leaf.Name], Codec = CompressionCodec.Uncompressed,
                                NumValues = rows, TotalCompressedSize = size, TotalUncompressedSize = size, DataPageOffset = dataOffset, DictionaryPageOffset = dictOffset,
                            },
                        },
                    ],
                },
            ],
        };
        ParquetFooter.Write(ms, metadata);
        return ms.ToArray();
    }

    private static PageHeader V1(int values, ParquetEncoding encoding, ParquetEncoding defEncoding = ParquetEncoding.Rle) => new()
    {
        Type = PageType.DataPage,
        DataPageHeader = new DataPageHeader { NumValues = values, Encoding = encoding, DefinitionLevelEncoding = defEncoding, RepetitionLevelEncoding = ParquetEncoding.Rle },
    };

    private static object?[] ReadAll(byte[] file, out Schema schema)
    {
        using var reader = new ParquetReader(new MemoryStream(file), "hand.parquet");
        schema = reader.Schema;
        var batch = reader.ReadRowGroup(0);
        return Enumerable.Range(0, batch.Length).Select(i => batch.GetValue(i, 0)).ToArray();
    }

    private static byte[] Ints(params int[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(i * 4), values[i]);
        }

        return b;
    }

    [Fact]
    public void RequiredColumnHasNoDefinitionLevels()
    {
        var leaf = new SchemaElement { Name = "x", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required };
        var file = BuildFile(leaf, 3, (V1(3, ParquetEncoding.Plain), Ints(10, -20, 30)));
        Assert.Equal(new object?[] { 10, -20, 30 }, ReadAll(file, out var schema));
        Assert.Equal(DataType.Int32, schema[0].Type);
    }

    [Fact]
    public void DeprecatedBitPackedDefinitionLevelsAreMsbFirst()
    {
        var leaf = new SchemaElement { Name = "x", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Optional };
        // levels 1,0,1,1,0 -> MSB first 10110000
        var body = new byte[] { 0b1011_0000 }.Concat(Ints(1, 2, 3)).ToArray();
        var file = BuildFile(leaf, 5, (V1(5, ParquetEncoding.Plain, ParquetEncoding.BitPacked), body));
        Assert.Equal(new object?[] { 1, null, 2, 3, null }, ReadAll(file, out _));
    }

    [Fact]
    public void FixedLenByteArrayWithByteStreamSplit()
    {
        var leaf = new SchemaElement { Name = "x", Type = PhysicalType.FixedLenByteArray, TypeLength = 3, RepetitionType = FieldRepetitionType.Required };
        var raw = new byte[] { 1, 2, 3, 4, 5, 6 };
        var split = new GrowableBuffer();
        ByteStreamSplit.Encode(raw, 3, split);
        var file = BuildFile(leaf, 2, (V1(2, ParquetEncoding.ByteStreamSplit), split.ToArray()));
        var values = ReadAll(file, out var schema);
        Assert.Equal(DataType.Binary, schema[0].Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, values[0]);
        Assert.Equal(new byte[] { 4, 5, 6 }, values[1]);
    }

    [Fact]
    public void ByteArrayDecimalsAreBigEndianTwosComplement()
    {
        var leaf = new SchemaElement
        {
            Name = "x", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Required,
            ConvertedType = ConvertedType.Decimal, Precision = 20, Scale = 2, // legacy annotation only
        };
        var body = new GrowableBuffer();
        PlainEncoding.EncodeByteArray(new byte[] { 0x30, 0x39 }, body);       // 12345 -> 123.45
        PlainEncoding.EncodeByteArray(new byte[] { 0xFF, 0x85 }, body);       // -123 -> -1.23
        PlainEncoding.EncodeByteArray(new byte[] { 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0 }, body); // 2^63 -> 92233720368547758.08
        var file = BuildFile(leaf, 3, (V1(3, ParquetEncoding.Plain), body.ToArray()));
        var values = ReadAll(file, out var schema);
        Assert.Equal(DataType.Decimal(20, 2), schema[0].Type);
        Assert.Equal(new object?[] { 123.45m, -1.23m, 92233720368547758.08m }, values);
    }

    [Fact]
    public void Int96TimestampsBecomeNanosecondTimestamps()
    {
        var leaf = new SchemaElement { Name = "t", Type = PhysicalType.Int96, RepetitionType = FieldRepetitionType.Required };
        var body = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(body, 3_600_000_000_123UL);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), 2_451_545);
        var values = ReadAll(BuildFile(leaf, 1, (V1(1, ParquetEncoding.Plain), body)), out var schema);
        Assert.Equal(DataType.Timestamp(TimeUnit.Nanosecond), schema[0].Type);
        Assert.Equal(new DateTime(2000, 1, 1, 1, 0, 0).AddTicks(1), values[0]);
    }

    [Fact]
    public void LegacyConvertedTypesAreHonoured()
    {
        var utf8 = new SchemaElement { Name = "s", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Required, ConvertedType = ConvertedType.Utf8 };
        var body = new GrowableBuffer();
        PlainEncoding.EncodeByteArray("héllo"u8, body);
        Assert.Equal(new object?[] { "héllo" }, ReadAll(BuildFile(utf8, 1, (V1(1, ParquetEncoding.Plain), body.ToArray())), out _));

        var ts = new SchemaElement { Name = "t", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required, ConvertedType = ConvertedType.TimestampMillis };
        var file = BuildFile(ts, 1, (V1(1, ParquetEncoding.Plain), BitConverter.GetBytes(86_400_000L)));
        var values = ReadAll(file, out var schema);
        Assert.Equal(DataType.Timestamp(TimeUnit.Millisecond, "UTC"), schema[0].Type);
        Assert.Equal(new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc), values[0]);

        var u16 = new SchemaElement { Name = "u", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required, ConvertedType = ConvertedType.UInt16 };
        Assert.Equal(new object?[] { (ushort)65535 }, ReadAll(BuildFile(u16, 1, (V1(1, ParquetEncoding.Plain), Ints(65535))), out _));
    }

    [Fact]
    public void DictionaryIndexOutOfRangeNamesColumnAndFile()
    {
        var leaf = new SchemaElement { Name = "col", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required };
        var dict = new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = 2, Encoding = ParquetEncoding.Plain } };
        var indices = new GrowableBuffer();
        indices.WriteByte(2);
        RleBitPackedHybrid.Encode(new[] { 0, 1, 3 }, 2, indices);
        var file = BuildFile(leaf, 3, (dict, Ints(5, 6)), (V1(3, ParquetEncoding.RleDictionary), indices.ToArray()));
        var ex = Assert.Throws<ParquetFormatException>(() => ReadAll(file, out _));
        Assert.Contains("Dictionary index 3", ex.Message);
        Assert.Contains("'col'", ex.Message);
        Assert.Contains("hand.parquet", ex.Message);
        Assert.True(ex.Offset > 4);
    }

    [Fact]
    public void DictionaryPageDecodesAllPhysicalKinds()
    {
        var leaf = new SchemaElement { Name = "s", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Optional, LogicalType = LogicalType.String };
        var dictBody = new GrowableBuffer();
        PlainEncoding.EncodeByteArray("x"u8, dictBody);
        PlainEncoding.EncodeByteArray("yy"u8, dictBody);
        var dict = new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = 2, Encoding = ParquetEncoding.PlainDictionary } };
        var page = new GrowableBuffer();
        RleBitPackedHybrid.EncodeLengthPrefixed(new[] { 1, 0, 1, 1 }, 1, page);
        page.WriteByte(1);
        RleBitPackedHybrid.Encode(new[] { 1, 0, 1 }, 1, page);
        var file = BuildFile(leaf, 4, (dict, dictBody.ToArray()), (V1(4, ParquetEncoding.PlainDictionary), page.ToArray()));
        Assert.Equal(new object?[] { "yy", null, "x", "yy" }, ReadAll(file, out _));
    }

    [Fact]
    public void PagesClaimingMoreValuesThanTheChunkAreRejected()
    {
        var leaf = new SchemaElement { Name = "x", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Required };
        var file = BuildFile(leaf, 2, (V1(3, ParquetEncoding.Plain), Ints(1, 2, 3)));
        Assert.Contains("only 2", Assert.Throws<ParquetFormatException>(() => ReadAll(file, out _)).Message);
        var truncated = BuildFile(leaf, 3, (V1(3, ParquetEncoding.Plain), Ints(1, 2)));
        Assert.Throws<ParquetFormatException>(() => ReadAll(truncated, out _));
    }

    [Fact]
    public void HugeClaimedValueCountsFailBeforeAllocating()
    {
        var leaf = new SchemaElement { Name = "x", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required };
        var file = BuildFile(leaf, 500_000_000, (V1(500_000_000, ParquetEncoding.Plain), new byte[16]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ParquetFormatException>(() => ReadAll(file, out _));
        Assert.Contains("cannot hold", ex.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000_000);
    }

    [Fact]
    public void NestedSchemasAreParsedIntoFugueTypes()
    {
        using var ms = new MemoryStream();
        ms.Write(ParquetFooter.Magic);
        ParquetFooter.Write(ms, new FileMetaData
        {
            Schema =
            [
                new SchemaElement { Name = "schema", NumChildren = 1 },
                new SchemaElement { Name = "tags", RepetitionType = FieldRepetitionType.Optional, NumChildren = 1, LogicalType = LogicalType.List },
                new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 },
                new SchemaElement { Name = "element", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Optional },
            ],
        });
        using var reader = new ParquetReader(new MemoryStream(ms.ToArray()));
        Assert.Equal(Schema.Parse("tags:[int]"), reader.Schema);
    }
}
