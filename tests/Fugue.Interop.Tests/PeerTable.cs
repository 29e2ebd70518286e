using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Interop.Tests;

/// <summary>A table as a peer reported it: per column its peer-neutral type name and raw JSON values.</summary>
internal sealed record PeerColumn(string Name, string Type, JsonElement[] Values);

/// <summary>Decodes peer tables into canonical .NET values and compares them with ours.</summary>
internal static class PeerTable
{
    public static PeerColumn[] Columns(JsonElement result) => result.GetProperty("columns").EnumerateArray()
        .Select(c => new PeerColumn(c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!,
            c.GetProperty("values").EnumerateArray().ToArray()))
        .ToArray();

    /// <summary>The peer-neutral spelling of a Fugue type (see peer.mjs).</summary>
    public static string TypeName(DataType t) => t switch
    {
        TimestampType ts => ts.TimeZone is null ? $"timestamp[{ts.UnitName}]" : $"timestamp[{ts.UnitName},{ts.TimeZone}]",
        DecimalType d => $"decimal({d.Precision},{d.Scale})",
        ListType l => $"list<{TypeName(l.ItemType)}>",
        StructType s => $"struct<{string.Join(",", s.Fields.Select(f => $"{f.Name}:{TypeName(f.Type)}"))}>",
        MapType m => $"map<{TypeName(m.KeyType)},{TypeName(m.ValueType)}>",
        _ => t.Kind switch
        {
            TypeKind.Null => "null",
            TypeKind.Bool => "bool",
            TypeKind.Int8 => "int8",
            TypeKind.Int16 => "int16",
            TypeKind.Int32 => "int32",
            TypeKind.Int64 => "int64",
            TypeKind.UInt8 => "uint8",
            TypeKind.UInt16 => "uint16",
            TypeKind.UInt32 => "uint32",
            TypeKind.UInt64 => "uint64",
            TypeKind.Float16 => "float16",
            TypeKind.Float32 => "float32",
            TypeKind.Float64 => "float64",
            TypeKind.String => "str",
            TypeKind.Binary => "bin",
            TypeKind.Date => "date",
            _ => throw new ArgumentException($"no peer name for {t}"),
        },
    };

    /// <summary>Decodes one peer value (encoded as peer.mjs documents) as a canonical value of <paramref name="t"/>.</summary>
    public static object? Decode(JsonElement v, DataType t)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (t)
        {
            case TimestampType ts:
            {
                var raw = long.Parse(v.GetString()!, CultureInfo.InvariantCulture);
                var ticks = ts.Unit switch
                {
                    TimeUnit.Second => raw * TimeSpan.TicksPerSecond,
                    TimeUnit.Millisecond => raw * TimeSpan.TicksPerMillisecond,
                    TimeUnit.Microsecond => raw * 10,
                    _ => raw / 100 - (raw % 100 < 0 ? 1 : 0),
                };
                return new DateTime(DateTime.UnixEpoch.Ticks + ticks, ts.TimeZone is null ? DateTimeKind.Unspecified : DateTimeKind.Utc);
            }

            case DecimalType d:
            {
                var unscaled = BigInteger.Parse(v.GetString()!, CultureInfo.InvariantCulture);
                return ToDecimal(unscaled, d.Scale);
            }

            case ListType l:
                return v.EnumerateArray().Select(x => Decode(x, l.ItemType)).ToArray();
            case StructType s:
            {
                var o = new Dictionary<string, object?>();
                foreach (var f in s.Fields)
                {
                    o[f.Name] = v.TryGetProperty(f.Name, out var x) ? Decode(x, f.Type) : throw new FormatException($"struct value lacks field {f.Name}: {v}");
                }

                return o;
            }

            case MapType m:
                return v.EnumerateArray().Select(e => new KeyValuePair<object, object?>(Decode(e[0], m.KeyType)!, Decode(e[1], m.ValueType))).ToArray();
        }

        var s1 = v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
        var inv = CultureInfo.InvariantCulture;
        return t.Kind switch
        {
            TypeKind.Bool => v.GetBoolean(),
            TypeKind.Int8 => sbyte.Parse(s1!, inv),
            TypeKind.Int16 => short.Parse(s1!, inv),
            TypeKind.Int32 => int.Parse(s1!, inv),
            TypeKind.Int64 => long.Parse(s1!, inv),
            TypeKind.UInt8 => byte.Parse(s1!, inv),
            TypeKind.UInt16 => ushort.Parse(s1!, inv),
            TypeKind.UInt32 => uint.Parse(s1!, inv),
            TypeKind.UInt64 => ulong.Parse(s1!, inv),
            TypeKind.Float16 => (Half)Bits(s1!),
            TypeKind.Float32 => (float)Bits(s1!),
            TypeKind.Float64 => Bits(s1!),
            TypeKind.String => s1!,
            TypeKind.Binary => Convert.FromHexString(s1!),
            TypeKind.Date => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + v.GetInt32()),
            _ => throw new ArgumentException($"cannot decode a peer value of {t}"),
        };
    }

    private static double Bits(string hex) =>
        BitConverter.Int64BitsToDouble(unchecked((long)ulong.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    private static decimal ToDecimal(BigInteger unscaled, int scale)
    {
        var neg = unscaled.Sign < 0;
        var mag = BigInteger.Abs(unscaled);
        if (mag >= BigInteger.One << 96)
        {
            throw new OverflowException($"unscaled decimal {unscaled} does not fit System.Decimal");
        }

        var lo = (int)(uint)(mag & uint.MaxValue);
        var mid = (int)(uint)((mag >> 32) & uint.MaxValue);
        var hi = (int)(uint)((mag >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, neg, (byte)scale);
    }

    /// <summary>Asserts that a peer column holds exactly the values of <paramref name="ours"/> (same type, same values).</summary>
    public static void AssertColumn(string context, Column ours, string ourName, PeerColumn peer, string? expectedPeerType = null)
    {
        Assert.True(ourName == peer.Name, $"{context}: column name: expected '{ourName}', peer has '{peer.Name}'");
        var type = expectedPeerType ?? TypeName(ours.Type);
        Assert.True(type == peer.Type, $"{context}: column '{ourName}': expected peer type {type}, peer has {peer.Type}");
        Assert.True(ours.Length == peer.Values.Length, $"{context}: column '{ourName}': expected {ours.Length} values, peer has {peer.Values.Length}");
        var decodeAs = DecodeType(ours.Type, peer.Type);
        for (var i = 0; i < ours.Length; i++)
        {
            var expected = ours.GetValue(i);
            var actual = Decode(peer.Values[i], decodeAs);
            ValueAssert.Same(expected, actual, $"{context}: column '{ourName}' row {i}");
        }
    }

    /// <summary>Our type with the peer's timestamp unit, for peers that store timestamps in another unit (values must still match).</summary>
    private static DataType DecodeType(DataType ours, string peerType)
    {
        if (ours is TimestampType ts && peerType.StartsWith("timestamp[", StringComparison.Ordinal))
        {
            var unit = peerType[10..].Split(',', ']')[0] switch
            {
                "s" => TimeUnit.Second,
                "ms" => TimeUnit.Millisecond,
                "us" => TimeUnit.Microsecond,
                _ => TimeUnit.Nanosecond,
            };
            return DataType.Timestamp(unit, ts.TimeZone);
        }

        return ours;
    }

    /// <summary>Asserts that the batches we read equal the peer's table, column by column.</summary>
    public static void AssertTable(string context, IReadOnlyList<RecordBatch> ours, JsonElement peerResult, Func<string, string?>? peerTypeFor = null)
    {
        var peer = Columns(peerResult);
        var schema = ours.Count > 0 ? ours[0].Schema : throw new InvalidOperationException("no batches");
        Assert.True(schema.Count == peer.Length,
            $"{context}: expected columns [{string.Join(",", peer.Select(c => c.Name))}], ours are [{string.Join(",", schema.Names)}]");
        var whole = Concat(ours);
        for (var c = 0; c < schema.Count; c++)
        {
            AssertColumn(context, whole[c], schema[c].Name, peer[c], peerTypeFor?.Invoke(schema[c].Name));
        }
    }

    /// <summary>Concatenates batches column-wise through canonical values (test data is small).</summary>
    public static Column[] Concat(IReadOnlyList<RecordBatch> batches)
    {
        var schema = batches[0].Schema;
        var builders = schema.Fields.Select(f => ColumnBuilder.Create(f.Type)).ToArray();
        foreach (var b in batches)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                var col = b.Column(c);
                for (var i = 0; i < b.Length; i++)
                {
                    builders[c].Append(col.GetValue(i));
                }
            }
        }

        return builders.Select(b => b.Build()).ToArray();
    }
}
