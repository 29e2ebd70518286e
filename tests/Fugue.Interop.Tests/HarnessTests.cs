using System.Text.Json;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Interop.Tests;

/// <summary>The value comparison behind the interop tests tells apart what must be told apart.</summary>
public sealed class HarnessTests
{
    private static PeerColumn Peer(string name, string type, string valuesJson) =>
        new(name, type, JsonDocument.Parse(valuesJson).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray());

    private static Column Build(DataType type, params object?[] values)
    {
        var b = ColumnBuilder.Create(type);
        foreach (var v in values)
        {
            b.Append(v);
        }

        return b.Build();
    }

    [Fact]
    public void EqualValuesPass()
    {
        PeerTable.AssertColumn("t", Build(DataType.Float64, 1.5, null, -0.0), "x", Peer("x", "float64", "[\"0x3ff8000000000000\", null, \"0x8000000000000000\"]"));
        PeerTable.AssertColumn("t", Build(DataType.Int64, long.MinValue), "x", Peer("x", "int64", "[\"-9223372036854775808\"]"));
        PeerTable.AssertColumn("t", Build(DataType.Decimal(38, 10), 1.5m), "x", Peer("x", "decimal(38,10)", "[\"15000000000\"]"));
        PeerTable.AssertColumn("t", Build(DataType.DateTime, new DateTime(2020, 1, 1, 0, 0, 0).AddTicks(10)), "x", Peer("x", "timestamp[us]", "[\"1577836800000001\"]"));
    }

    [Fact]
    public void NegativeZeroDiffersFromZero() =>
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.Float64, 0.0), "x", Peer("x", "float64", "[\"0x8000000000000000\"]")));

    [Fact]
    public void OneMicrosecondDiffers() =>
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.DateTime, new DateTime(2020, 1, 1)), "x", Peer("x", "timestamp[us]", "[\"1577836800000001\"]")));

    [Fact]
    public void NullDiffersFromEmptyAndZero()
    {
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.String, ""), "x", Peer("x", "str", "[null]")));
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.Int32, (object?)null), "x", Peer("x", "int32", "[\"0\"]")));
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.List(DataType.Int64), Array.Empty<object?>()), "x", Peer("x", "list<int64>", "[null]")));
    }

    [Fact]
    public void TypeAndNestedDifferencesFail()
    {
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.Int32, 1), "x", Peer("x", "int64", "[\"1\"]")));
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(DataType.Decimal(10, 2), 1.5m), "x", Peer("x", "decimal(10,2)", "[\"151\"]")));
        var st = DataType.Struct(new Field("a", DataType.Int64), new Field("b", DataType.String));
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(st, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "x" }), "x",
            Peer("x", "struct<a:int64,b:str>", "[{\"a\": \"1\", \"b\": \"y\"}]")));
        var map = DataType.Map(DataType.String, DataType.Int64);
        Assert.ThrowsAny<Exception>(() => PeerTable.AssertColumn("t", Build(map, new[] { new KeyValuePair<object, object?>("k", 1L) }), "x",
            Peer("x", "map<str,int64>", "[[[\"k\", \"2\"]]]")));
    }
}
