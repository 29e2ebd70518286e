using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Number of pages of one type with one encoding in a column chunk.</summary>
public sealed class PageEncodingStats
{
    /// <summary>The page type.</summary>
    public PageType PageType { get; set; }

    /// <summary>The encoding.</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>The page count.</summary>
    public int Count { get; set; }

    /// <summary>Reads the struct.</summary>
    public static PageEncodingStats Read(ref ThriftCompactReader r)
    {
        var s = new PageEncodingStats();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: s.PageType = (PageType)r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: s.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 2; break;
                case 3 when t == ThriftType.I32: s.Count = r.ReadI32(); seen |= 4; break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 7, "PageEncodingStats", ["page_type", "encoding", "count"]);
        r.ExitStruct();
        return s;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, (int)PageType);
        w.WriteI32Field(2, (int)Encoding);
        w.WriteI32Field(3, Count);
        w.WriteStructEnd();
    }
}
