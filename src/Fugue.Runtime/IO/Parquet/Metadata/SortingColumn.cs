using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>A sort key of a row group.</summary>
public sealed class SortingColumn
{
    /// <summary>Leaf column ordinal.</summary>
    public int ColumnIndex { get; set; }

    /// <summary>Descending order.</summary>
    public bool Descending { get; set; }

    /// <summary>Nulls sort first.</summary>
    public bool NullsFirst { get; set; }

    /// <summary>Reads the struct.</summary>
    public static SortingColumn Read(ref ThriftCompactReader r)
    {
        var s = new SortingColumn();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: s.ColumnIndex = r.ReadI32(); seen |= 1; break;
                case 2 when ThriftListIo.IsBool(t): s.Descending = r.ReadBool(); seen |= 2; break;
                case 3 when ThriftListIo.IsBool(t): s.NullsFirst = r.ReadBool(); seen |= 4; break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 7, "SortingColumn", ["column_idx", "descending", "nulls_first"]);
        r.ExitStruct();
        return s;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteI32Field(1, ColumnIndex);
        w.WriteBoolField(2, Descending);
        w.WriteBoolField(3, NullsFirst);
        w.WriteStructEnd();
    }
}
