using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Header of a version 2 data page: levels are stored uncompressed ahead of the (optionally compressed) values.</summary>
public sealed class DataPageHeaderV2
{
    /// <summary>Number of values including nulls.</summary>
    public int NumValues { get; set; }

    /// <summary>Number of nulls.</summary>
    public int NumNulls { get; set; }

    /// <summary>Number of rows.</summary>
    public int NumRows { get; set; }

    /// <summary>Encoding of the values.</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>Byte length of the definition levels (RLE, no length prefix).</summary>
    public int DefinitionLevelsByteLength { get; set; }

    /// <summary>Byte length of the repetition levels (RLE, no length prefix).</summary>
    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>Whether the values section is compressed (default true).</summary>
    public bool IsCompressed { get; set; } = true;

    /// <summary>Page statistics.</summary>
    public Statistics? Statistics { get; set; }

    /// <summary>Reads the struct.</summary>
    public static DataPageHeaderV2 Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeaderV2();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: h.NumNulls = r.ReadI32(); seen |= 2; break;
                case 3 when t == ThriftType.I32: h.NumRows = r.ReadI32(); seen |= 4; break;
                case 4 when t == ThriftType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 8; break;
                case 5 when t == ThriftType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); seen |= 16; break;
                case 6 when t == ThriftType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); seen |= 32; break;
                case 7 when ThriftListIo.IsBool(t): h.IsCompressed = r.ReadBool(); break;
                case 8 when t == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 63, "DataPageHeaderV2",
            ["num_values", "num_nulls", "num_rows", "encoding", "definition_levels_byte_length", "repetition_levels_byte_length"]);
        if (h.NumValues < 0 || h.NumNulls < 0 || h.NumNulls > h.NumValues || h.NumRows < 0 ||
            h.DefinitionLevelsByteLength < 0 || h.RepetitionLevelsByteLength < 0)
        {
            throw r.Error("DataPageHeaderV2 has negative or inconsistent counts or lengths");
        }

        r.ExitStruct();
        return h;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, NumNulls);
        w.WriteI32Field(3, NumRows);
        w.WriteI32Field(4, (int)Encoding);
        w.WriteI32Field(5, DefinitionLevelsByteLength);
        w.WriteI32Field(6, RepetitionLevelsByteLength);
        w.WriteBoolField(7, IsCompressed);
        if (Statistics is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 8);
            Statistics.Write(w);
        }

        w.WriteStructEnd();
    }
}
