using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>A key/value metadata entry (file or column chunk level).</summary>
public sealed class KeyValue
{
    /// <summary>Creates an empty entry.</summary>
    public KeyValue()
    {
    }

    /// <summary>Creates an entry.</summary>
    public KeyValue(string key, string? value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key.</summary>
    public string Key { get; set; } = "";

    /// <summary>The value (optional).</summary>
    public string? Value { get; set; }

    /// <summary>Reads the struct.</summary>
    public static KeyValue Read(ref ThriftCompactReader r)
    {
        var kv = new KeyValue();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: kv.Key = r.ReadString(); seen |= 1; break;
                case 2 when t == ThriftType.Binary: kv.Value = r.ReadString(); break;
                default: r.Skip(t); break;
            }
        }

        ThriftListIo.CheckRequired(ref r, seen, 1, "KeyValue", ["key"]);
        r.ExitStruct();
        return kv;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        w.WriteStringField(1, Key);
        if (Value is not null)
        {
            w.WriteStringField(2, Value);
        }

        w.WriteStructEnd();
    }
}
