using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>The header preceding every page: type, sizes, optional CRC and the type-specific header.</summary>
public sealed class PageHeader
{
    /// <summary>The page type; says which specific header is set.</summary>
    public PageType Type { get; set; }

    /// <summary>Uncompressed size of the page body (excluding this header).</summary>
    public int UncompressedPageSize { get; set; }

    /// <summary>Compressed size of the page body (excluding this header).</summary>
    public int CompressedPageSize { get; set; }

    /// <summary>CRC-32 of the page body as stored.</summary>
    public int? Crc { get; set; }

    /// <summary>Header of a v1 data page.</summary>
    public DataPageHeader? DataPageHeader { get; set; }

    /// <summary>Header of a dictionary page.</summary>
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    /// <summary>Header of a v2 data page.</summary>
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    /// <summary>Reads the struct and validates that the header matching <see cref="Type"/> is present.</summary>
    public static PageHeader Read(ref ThriftCompactReader r)
    {
        var h = new PageHeader();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.Type = (PageType)r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: h.UncompressedPageSize = r.ReadI32(); seen |= 2; break;
                case 3 when t == ThriftType.I32: h.CompressedPageSize = r.ReadI32(); seen |= 4; break;
                case 4 when t == ThriftType.I32: h.Crc = r.ReadI32(); break;
                case 5 when t == ThriftType.Struct: h.DataPageHeader = DataPageHeader.Read(ref r); break;
                case 7 when t == ThriftType.Struct: h.DictionaryPageHeader = DictionaryPageHeader.Read(ref r); break;
                case 8 when t == ThriftType.Struct: h.DataPageHeaderV2 = DataPageHeaderV2.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 7, "PageHeader", ["type", "uncompressed_page_size", "compressed_page_size"]);
        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
        {
            throw r.Error("PageHeader has a negative page size");
        }

        var ok = h.Type switch
        {
            PageType.DataPage => h.DataPageHeader is not null,
            PageType.DataPageV2 => h.DataPageHeaderV2 is not null,
            PageType.DictionaryPage => h.DictionaryPageHeader is not null,
            _ => true,
        };
        if (!ok)
        {
            throw r.Error($"PageHeader of type {h.Type} lacks its {h.Type} header");
        }

        r.ExitStruct();
        return h;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, (int)Type);
        w.WriteI32Field(2, UncompressedPageSize);
        w.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc) w.WriteI32Field(4, crc);
        if (DataPageHeader is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 5);
            DataPageHeader.Write(w);
        }

        if (DictionaryPageHeader is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 7);
            DictionaryPageHeader.Write(w);
        }

        if (DataPageHeaderV2 is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 8);
            DataPageHeaderV2.Write(w);
        }

        w.WriteStructEnd();
    }
}
