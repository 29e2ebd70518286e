using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>A column chunk of a row group: where its pages are and their metadata.</summary>
public sealed class ColumnChunk
{
    /// <summary>External file holding the data (summary files only; not supported for reading).</summary>
    public string? FilePath { get; set; }

    /// <summary>Deprecated offset; writers set 0.</summary>
    public long FileOffset { get; set; }

    /// <summary>The chunk metadata (required in practice).</summary>
    public ColumnMetaData? MetaData { get; set; }

    /// <summary>Offset of the OffsetIndex.</summary>
    public long? OffsetIndexOffset { get; set; }

    /// <summary>Length of the OffsetIndex.</summary>
    public int? OffsetIndexLength { get; set; }

    /// <summary>Offset of the ColumnIndex.</summary>
    public long? ColumnIndexOffset { get; set; }

    /// <summary>Length of the ColumnIndex.</summary>
    public int? ColumnIndexLength { get; set; }

    /// <summary>Whether the chunk carries encryption metadata (encrypted columns are not supported).</summary>
    public bool IsEncrypted { get; set; }

    /// <summary>Reads the struct.</summary>
    public static ColumnChunk Read(ref ThriftCompactReader r)
    {
        var c = new ColumnChunk();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when t == ThriftType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when t == ThriftType.Struct: c.MetaData = ColumnMetaData.Read(ref r); break;
                case 4 when t == ThriftType.I64: c.OffsetIndexOffset = r.ReadI64(); break;
                case 5 when t == ThriftType.I32: c.OffsetIndexLength = r.ReadI32(); break;
                case 6 when t == ThriftType.I64: c.ColumnIndexOffset = r.ReadI64(); break;
                case 7 when t == ThriftType.I32: c.ColumnIndexLength = r.ReadI32(); break;
                case 8 or 9: c.IsEncrypted = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }

        r.ExitStruct();
        return c;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        if (FilePath is not null) w.WriteStringField(1, FilePath);
        w.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 3);
            MetaData.Write(w);
        }

        if (OffsetIndexOffset is { } oio) w.WriteI64Field(4, oio);
        if (OffsetIndexLength is { } oil) w.WriteI32Field(5, oil);
        if (ColumnIndexOffset is { } cio) w.WriteI64Field(6, cio);
        if (ColumnIndexLength is { } cil) w.WriteI32Field(7, cil);
        w.WriteStructEnd();
    }
}
