using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Column chunk or page statistics. Min/max values are PLAIN-encoded (byte arrays without length prefix).</summary>
public sealed class Statistics
{
    /// <summary>Deprecated signed-order maximum.</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated signed-order minimum.</summary>
    public byte[]? Min { get; set; }

    /// <summary>Number of nulls; null means unknown (not zero).</summary>
    public long? NullCount { get; set; }

    /// <summary>Number of distinct values.</summary>
    public long? DistinctCount { get; set; }

    /// <summary>Upper bound by the column order.</summary>
    public byte[]? MaxValue { get; set; }

    /// <summary>Lower bound by the column order.</summary>
    public byte[]? MinValue { get; set; }

    /// <summary>Whether <see cref="MaxValue"/> is an actual value.</summary>
    public bool? IsMaxValueExact { get; set; }

    /// <summary>Whether <see cref="MinValue"/> is an actual value.</summary>
    public bool? IsMinValueExact { get; set; }

    /// <summary>Number of NaN values (floating point columns).</summary>
    public long? NanCount { get; set; }

    /// <summary>Reads the struct.</summary>
    public static Statistics Read(ref ThriftCompactReader r)
    {
        var s = new Statistics();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: s.Max = r.ReadBinaryArray(); break;
                case 2 when t == ThriftType.Binary: s.Min = r.ReadBinaryArray(); break;
                case 3 when t == ThriftType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when t == ThriftType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when t == ThriftType.Binary: s.MaxValue = r.ReadBinaryArray(); break;
                case 6 when t == ThriftType.Binary: s.MinValue = r.ReadBinaryArray(); break;
                case 7 when ThriftListIo.IsBool(t): s.IsMaxValueExact = r.ReadBool(); break;
                case 8 when ThriftListIo.IsBool(t): s.IsMinValueExact = r.ReadBool(); break;
                case 9 when t == ThriftType.I64: s.NanCount = r.ReadI64(); break;
                default: r.Skip(t); break;
            }
        }

        r.ExitStruct();
        return s;
    }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter w)
    {
        w.WriteStructBegin();
        if (Max is not null) w.WriteBinaryField(1, Max);
        if (Min is not null) w.WriteBinaryField(2, Min);
        if (NullCount is { } nc) w.WriteI64Field(3, nc);
        if (DistinctCount is { } dc) w.WriteI64Field(4, dc);
        if (MaxValue is not null) w.WriteBinaryField(5, MaxValue);
        if (MinValue is not null) w.WriteBinaryField(6, MinValue);
        if (IsMaxValueExact is { } xe) w.WriteBoolField(7, xe);
        if (IsMinValueExact is { } ne) w.WriteBoolField(8, ne);
        if (NanCount is { } nan) w.WriteI64Field(9, nan);
        w.WriteStructEnd();
    }
}
