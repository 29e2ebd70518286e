using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>The file footer: schema, row groups and file-level key/value metadata.</summary>
public sealed class FileMetaData
{
    /// <summary>Format version; writers should write 1 and readers accept 1 and 2.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The flattened schema; element 0 is the root.</summary>
    public List<SchemaElement> Schema { get; set; } = [];

    /// <summary>Number of rows in the file.</summary>
    public long NumRows { get; set; }

    /// <summary>The row groups.</summary>
    public List<RowGroup> RowGroups { get; set; } = [];

    /// <summary>Optional key/value metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>Writer identification, e.g. <c>parquet-cpp version 1.0</c>.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Sort orders of the leaf columns' statistics.</summary>
    public ColumnOrder[]? ColumnOrders { get; set; }

    /// <summary>Whether the footer declares encryption (encrypted files are not supported).</summary>
    public bool IsEncrypted { get; set; }

    /// <summary>Reads the struct.</summary>
    public static FileMetaData Read(ref ThriftCompactReader r)
    {
        var m = new FileMetaData();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: m.Version = r.ReadI32(); seen |= 1; break;
                case 2 when t == ThriftType.List: m.Schema = ThriftListIo.ReadList(ref r, ThriftType.Struct, SchemaElement.Read); seen |= 2; break;
                case 3 when t == ThriftType.I64: m.NumRows = r.ReadI64(); seen |= 4; break;
                case 4 when t == ThriftType.List: m.RowGroups = ThriftListIo.ReadList(ref r, ThriftType.Struct, RowGroup.Read); seen |= 8; break;
                case 5 when t == ThriftType.List: m.KeyValueMetadata = ThriftListIo.ReadList(ref r, ThriftType.Struct, KeyValue.Read); break;
                case 6 when t == ThriftType.Binary: m.CreatedBy = r.ReadString(); break;
                case 7 when t == ThriftType.List: m.ColumnOrders = ThriftListIo.ReadArray(ref r, ThriftType.Struct, ReadColumnOrder); break;
                case 8 or 9: m.IsEncrypted = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 15, "FileMetaData", ["version", "schema", "num_rows", "row_groups"]);
        if (m.NumRows < 0)
        {
            throw r.Error("FileMetaData has a negative num_rows");
        }

        r.ExitStruct();
        return m;
    }

    /// <summary>Reads the struct from <paramref name="data"/>, reporting errors against <paramref name="filePath"/>.</summary>
    public static FileMetaData Read(ReadOnlySpan<byte> data, string? filePath = null, long baseOffset = 0)
    {
        var r = new ThriftCompactReader(data, filePath, baseOffset);
        return Read(ref r);
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, Version);
        ThriftListIo.WriteStructList(w, 2, Schema, static (x, wr) => x.Write(wr));
        w.WriteI64Field(3, NumRows);
        ThriftListIo.WriteStructList(w, 4, RowGroups, static (x, wr) => x.Write(wr));
        if (KeyValueMetadata is not null) ThriftListIo.WriteStructList(w, 5, KeyValueMetadata, static (x, wr) => x.Write(wr));
        if (CreatedBy is not null) w.WriteStringField(6, CreatedBy);
        if (ColumnOrders is not null)
        {
            // A loop over the array (not the IReadOnlyList helper, whose array enumerator over an enum is not precompiled).
            w.WriteFieldHeader(ThriftType.List, 7);
            w.WriteListHeader(ThriftType.Struct, ColumnOrders.Length);
            foreach (var x in ColumnOrders)
            {
                w.WriteStructBegin();
                w.WriteStructFieldBegin((short)(x == ColumnOrder.Unknown ? ColumnOrder.TypeDefined : x));
                w.WriteStructEnd();
                w.WriteStructEnd();
            }
        }

        w.WriteStructEnd();
    }

    private static ColumnOrder ReadColumnOrder(ref ThriftCompactReader r)
    {
        var order = ColumnOrder.Unknown;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            if (t == ThriftType.Struct && id is >= 1 and <= 3)
            {
                order = (ColumnOrder)id;
            }

            r.Skip(t);
        }

        r.ExitStruct();
        return order;
    }
}
