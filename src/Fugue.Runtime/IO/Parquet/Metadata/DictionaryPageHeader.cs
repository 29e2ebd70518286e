using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Header of the dictionary page of a column chunk.</summary>
public sealed class DictionaryPageHeader
{
    /// <summary>Number of dictionary entries.</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding of the entries (PLAIN, or the deprecated PLAIN_DICTIONARY).</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>Whether the entries are sorted ascending.</summary>
    public bool? IsSorted { get; set; }

    /// <summary>Reads the struct.</summary>
    public static DictionaryPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DictionaryPageHeader();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.I32: h.Encoding = (ParquetEncoding)r.ReadI32(); seen |= 2; break;
                case 3 when ThriftListIo.IsBool(t): h.IsSorted = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 3, "DictionaryPageHeader", ["num_values", "encoding"]);
        if (h.NumValues < 0)
        {
            throw r.Error("DictionaryPageHeader has a negative num_values");
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
        if (IsSorted is { } s) w.WriteBoolField(3, s);
        w.WriteStructEnd();
    }
}
