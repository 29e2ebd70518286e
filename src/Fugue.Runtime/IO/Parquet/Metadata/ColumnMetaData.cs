using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Metadata of one column chunk: type, encodings, codec, sizes, page offsets and statistics.</summary>
public sealed class ColumnMetaData
{
    /// <summary>Physical type.</summary>
    public PhysicalType Type { get; set; }

    /// <summary>All encodings used in the chunk.</summary>
    public ParquetEncoding[] Encodings { get; set; } = [];

    /// <summary>Path of the leaf in the schema.</summary>
    public List<string> PathInSchema { get; set; } = [];

    /// <summary>Compression codec of the pages.</summary>
    public CompressionCodec Codec { get; set; }

    /// <summary>Number of values (including nulls and repeated entries).</summary>
    public long NumValues { get; set; }

    /// <summary>Uncompressed size of all pages including headers.</summary>
    public long TotalUncompressedSize { get; set; }

    /// <summary>Compressed size of all pages including headers.</summary>
    public long TotalCompressedSize { get; set; }

    /// <summary>Optional key/value metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>Offset of the first data page.</summary>
    public long DataPageOffset { get; set; }

    /// <summary>Offset of the index page.</summary>
    public long? IndexPageOffset { get; set; }

    /// <summary>Offset of the dictionary page.</summary>
    public long? DictionaryPageOffset { get; set; }

    /// <summary>Chunk statistics.</summary>
    public Statistics? Statistics { get; set; }

    /// <summary>Per page type/encoding counts.</summary>
    public List<PageEncodingStats>? EncodingStats { get; set; }

    /// <summary>Offset of the bloom filter.</summary>
    public long? BloomFilterOffset { get; set; }

    /// <summary>Length of the bloom filter.</summary>
    public int? BloomFilterLength { get; set; }

    /// <summary>Reads the struct.</summary>
    public static ColumnMetaData Read(ref ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: m.Type = (PhysicalType)r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.List: m.Encodings = ThriftListIo.ReadEnumArray<ParquetEncoding>(ref r); seen |= 2; break;
                case 3 when t == ThriftType.List: m.PathInSchema = ThriftListIo.ReadStringList(ref r); seen |= 4; break;
                case 4 when t == ThriftType.I32: m.Codec = (CompressionCodec)r.ReadI32(); seen |= 8; break;
                case 5 when t == ThriftType.I64: m.NumValues = r.ReadI64(); seen |= 16; break;
                case 6 when t == ThriftType.I64: m.TotalUncompressedSize = r.ReadI64(); seen |= 32; break;
                case 7 when t == ThriftType.I64: m.TotalCompressedSize = r.ReadI64(); seen |= 64; break;
                case 8 when t == ThriftType.List: m.KeyValueMetadata = ThriftListIo.ReadList(ref r, ThriftType.Struct, KeyValue.Read); break;
                case 9 when t == ThriftType.I64: m.DataPageOffset = r.ReadI64(); seen |= 128; break;
                case 10 when t == ThriftType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when t == ThriftType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when t == ThriftType.Struct: m.Statistics = Statistics.Read(ref r); break;
                case 13 when t == ThriftType.List: m.EncodingStats = ThriftListIo.ReadList(ref r, ThriftType.Struct, PageEncodingStats.Read); break;
                case 14 when t == ThriftType.I64: m.BloomFilterOffset = r.ReadI64(); break;
                case 15 when t == ThriftType.I32: m.BloomFilterLength = r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 255, "ColumnMetaData",
            ["type", "encodings", "path_in_schema", "codec", "num_values", "total_uncompressed_size", "total_compressed_size", "data_page_offset"]);
        if (m.NumValues < 0 || m.TotalCompressedSize < 0 || m.TotalUncompressedSize < 0 || m.DataPageOffset < 0)
        {
            throw r.Error("ColumnMetaData has a negative size, count or offset");
        }

        r.ExitStruct();
        return m;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, (int)Type);
        ThriftListIo.WriteEnumList(w, 2, Encodings);
        ThriftListIo.WriteStringList(w, 3, PathInSchema);
        w.WriteI32Field(4, (int)Codec);
        w.WriteI64Field(5, NumValues);
        w.WriteI64Field(6, TotalUncompressedSize);
        w.WriteI64Field(7, TotalCompressedSize);
        if (KeyValueMetadata is not null) ThriftListIo.WriteStructList(w, 8, KeyValueMetadata, static (x, wr) => x.Write(wr));
        w.WriteI64Field(9, DataPageOffset);
        if (IndexPageOffset is { } ipo) w.WriteI64Field(10, ipo);
        if (DictionaryPageOffset is { } dpo) w.WriteI64Field(11, dpo);
        if (Statistics is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 12);
            Statistics.Write(w);
        }

        if (EncodingStats is not null) ThriftListIo.WriteStructList(w, 13, EncodingStats, static (x, wr) => x.Write(wr));
        if (BloomFilterOffset is { } bfo) w.WriteI64Field(14, bfo);
        if (BloomFilterLength is { } bfl) w.WriteI32Field(15, bfl);
        w.WriteStructEnd();
    }
}
