using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>A row group: one column chunk per leaf column.</summary>
public sealed class RowGroup
{
    /// <summary>Column chunks in schema leaf order.</summary>
    public List<ColumnChunk> Columns { get; set; } = [];

    /// <summary>Total uncompressed byte size of the column data.</summary>
    public long TotalByteSize { get; set; }

    /// <summary>Number of rows.</summary>
    public long NumRows { get; set; }

    /// <summary>Sort order of the rows, if any.</summary>
    public List<SortingColumn>? SortingColumns { get; set; }

    /// <summary>Offset of the first page.</summary>
    public long? FileOffset { get; set; }

    /// <summary>Total compressed byte size.</summary>
    public long? TotalCompressedSize { get; set; }

    /// <summary>Ordinal of the row group in the file.</summary>
    public short? Ordinal { get; set; }

    /// <summary>Reads the struct.</summary>
    public static RowGroup Read(ref ThriftCompactReader r)
    {
        var g = new RowGroup();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.List: g.Columns = ThriftListIo.ReadList(ref r, ThriftType.Struct, ColumnChunk.Read); seen |= 1; break;
                case 2 when t == ThriftType.I64: g.TotalByteSize = r.ReadI64(); seen |= 2; break;
                case 3 when t == ThriftType.I64: g.NumRows = r.ReadI64(); seen |= 4; break;
                case 4 when t == ThriftType.List: g.SortingColumns = ThriftListIo.ReadList(ref r, ThriftType.Struct, SortingColumn.Read); break;
                case 5 when t == ThriftType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when t == ThriftType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I16: g.Ordinal = r.ReadI16(); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 7, "RowGroup", ["columns", "total_byte_size", "num_rows"]);
        if (g.NumRows < 0)
        {
            throw r.Error("RowGroup has a negative num_rows");
        }

        r.ExitStruct();
        return g;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        ThriftListIo.WriteStructList(w, 1, Columns, static (x, wr) => x.Write(wr));
        w.WriteI64Field(2, TotalByteSize);
        w.WriteI64Field(3, NumRows);
        if (SortingColumns is not null) ThriftListIo.WriteStructList(w, 4, SortingColumns, static (x, wr) => x.Write(wr));
        if (FileOffset is { } fo) w.WriteI64Field(5, fo);
        if (TotalCompressedSize is { } tcs) w.WriteI64Field(6, tcs);
        if (Ordinal is { } o) w.WriteI16Field(7, o);
        w.WriteStructEnd();
    }
}
