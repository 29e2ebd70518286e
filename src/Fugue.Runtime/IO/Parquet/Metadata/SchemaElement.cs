using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>
/// One node of the flattened (depth-first) Parquet schema: a group when <see cref="NumChildren"/> is set, else a
/// leaf with a <see cref="Type"/>.
/// </summary>
public sealed class SchemaElement
{
    /// <summary>Physical type of a leaf; null for groups.</summary>
    public PhysicalType? Type { get; set; }

    /// <summary>Byte length of FIXED_LEN_BYTE_ARRAY values.</summary>
    public int? TypeLength { get; set; }

    /// <summary>Repetition; null only for the root.</summary>
    public FieldRepetitionType? RepetitionType { get; set; }

    /// <summary>The field name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Number of children of a group.</summary>
    public int? NumChildren { get; set; }

    /// <summary>Deprecated type annotation.</summary>
    public ConvertedType? ConvertedType { get; set; }

    /// <summary>Deprecated decimal scale.</summary>
    public int? Scale { get; set; }

    /// <summary>Deprecated decimal precision.</summary>
    public int? Precision { get; set; }

    /// <summary>Original field id, if the source schema has ids.</summary>
    public int? FieldId { get; set; }

    /// <summary>The logical type annotation.</summary>
    public LogicalType? LogicalType { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{RepetitionType} {Type?.ToString() ?? "group"} {Name} {LogicalType}";

    /// <summary>Reads the struct.</summary>
    public static SchemaElement Read(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when t == ThriftType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: e.RepetitionType = (FieldRepetitionType)r.ReadI32(); break;
                case 4 when t == ThriftType.Binary: e.Name = r.ReadString(); seen |= 1; break;
                case 5 when t == ThriftType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when t == ThriftType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when t == ThriftType.I32: e.Scale = r.ReadI32(); break;
                case 8 when t == ThriftType.I32: e.Precision = r.ReadI32(); break;
                case 9 when t == ThriftType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when t == ThriftType.Struct: e.LogicalType = LogicalType.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 1, "SchemaElement", ["name"]);
        r.ExitStruct();
        return e;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        if (Type is { } type) w.WriteI32Field(1, (int)type);
        if (TypeLength is { } tl) w.WriteI32Field(2, tl);
        if (RepetitionType is { } rt) w.WriteI32Field(3, (int)rt);
        w.WriteStringField(4, Name);
        if (NumChildren is { } nc) w.WriteI32Field(5, nc);
        if (ConvertedType is { } ct) w.WriteI32Field(6, (int)ct);
        if (Scale is { } s) w.WriteI32Field(7, s);
        if (Precision is { } p) w.WriteI32Field(8, p);
        if (FieldId is { } fid) w.WriteI32Field(9, fid);
        if (LogicalType is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 10);
            LogicalType.Write(w);
        }

        w.WriteStructEnd();
    }
}
