using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Header of a version 1 data page (levels and values compressed together).</summary>
public sealed class DataPageHeader
{
    /// <summary>Number of values including nulls.</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding of the values.</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>Encoding of the definition levels (RLE or BIT_PACKED).</summary>
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    /// <summary>Encoding of the repetition levels (RLE or BIT_PACKED).</summary>
    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    /// <summary>Page statistics.</summary>
    public Statistics? Statistics { get; set; }

    /// <summary>Reads the struct.</summary>
    public static DataPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeader();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 2; break;
                case 3 when t == ThriftType.I32: h.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); seen |= 4; break;
                case 4 when t == ThriftType.I32: h.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); seen |= 8; break;
                case 5 when t == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 15, "DataPageHeader", ["num_values", "encoding", "definition_level_encoding", "repetition_level_encoding"]);
        if (h.NumValues < 0)
        {
            throw r.Error("DataPageHeader has a negative num_values");
        }

        r.ExitStruct();
        return h;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, NumValues);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteI32Field(3, (int)DefinitionLevelEncoding);
        w.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 5);
            Statistics.Write(w);
        }

        w.WriteStructEnd();
    }
}
