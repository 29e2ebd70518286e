using System.Collections;
using Fugue.Columnar;
using Fugue.Schemas;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

/// <summary>Shared batches and deep value comparison for the IPC tests.</summary>
internal static class IpcTestData
{
    public static readonly Schema AllTypes = new(
        new Field("n", DataType.Null),
        new Field("b", DataType.Bool),
        new Field("i8", DataType.Int8),
        new Field("u8", DataType.UInt8),
        new Field("i16", DataType.Int16),
        new Field("u16", DataType.UInt16),
        new Field("i32", DataType.Int32),
        new Field("u32", DataType.UInt32),
        new Field("i64", DataType.Int64),
        new Field("u64", DataType.UInt64),
        new Field("f16", DataType.Float16),
        new Field("f32", DataType.Float32),
        new Field("f64", DataType.Float64),
        new Field("s", DataType.String),
        new Field("bin", DataType.Binary),
        new Field("d", DataType.Date),
        new Field("ts", DataType.DateTime),
        new Field("tsz", DataType.Timestamp(TimeUnit.Millisecond, "UTC")),
        new Field("tsn", DataType.Timestamp(TimeUnit.Nanosecond)),
        new Field("dec", DataType.Decimal(18, 4)),
        new Field("l", DataType.List(DataType.Int32)),
        new Field("st", DataType.Struct(new Field("x", DataType.Int64), new Field("y", DataType.String))),
        new Field("m", DataType.Map(DataType.String, DataType.Float64)),
        new Field("lsl", DataType.List(DataType.Struct(new Field("a", DataType.List(DataType.String)), new Field("b", DataType.Bool)))));

    public static object?[] Row(int i)
    {
        if (i % 4 == 3)
        {
            var nulls = new object?[AllTypes.Count];
            return nulls;
        }

        return
        [
            null,
            i % 2 == 0,
            (sbyte)(i - 50),
            (byte)i,
            (short)(i * -300),
            (ushort)(i * 300),
            i * -100000,
            (uint)i * 100000u,
            (long)i * -10_000_000_000L,
            (ulong)i * 10_000_000_000UL,
            (Half)(i * 0.5),
            i * 1.25f,
            i * -2.5,
            "str" + new string('é', i % 5) + i,
            new byte[] { (byte)i, 1, 2, (byte)(255 - i) },
            new DateOnly(2020, 1, 1).AddDays(i * 37 - 500),
            new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Unspecified).AddSeconds(i * 1234.5),
            new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 12345),
            new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified).AddTicks(i * 7),
            (decimal)i * 1.2345m - 50m,
            i % 5 == 0 ? new object?[0] : new object?[] { i, null, -i },
            new Dictionary<string, object?> { ["x"] = (long)i, ["y"] = i % 3 == 0 ? null : "y" + i },
            new KeyValuePair<object, object?>[] { new("k" + i, i * 0.5), new("z", null) },
            new object?[]
            {
                new Dictionary<string, object?> { ["a"] = new object?[] { "p", null, "q" + i }, ["b"] = true },
                null,
                new Dictionary<string, object?> { ["a"] = null, ["b"] = null },
            },
        ];
    }

    public static RecordBatch AllTypesBatch(int rows, int start = 0) =>
        RecordBatch.FromRows(AllTypes, Enumerable.Range(start, rows).Select(Row));

    public static void AssertEqual(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (var r = 0; r < expected.Length; r++)
        {
            for (var c = 0; c < expected.ColumnCount; c++)
            {
                var e = expected.GetValue(r, c);
                var a = actual.GetValue(r, c);
                if (!DeepEquals(e, a))
                {
                    Assert.Fail($"row {r} column '{expected.Schema[c].Name}': expected {Show(e)}, got {Show(a)}");
                }
            }
        }
    }

    public static bool DeepEquals(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case byte[] x when b is byte[] y:
                return x.AsSpan().SequenceEqual(y);
            case string or ValueType when a is not IEnumerable:
                if (a is KeyValuePair<object, object?> kv1 && b is KeyValuePair<object, object?> kv2)
                {
                    return DeepEquals(kv1.Key, kv2.Key) && DeepEquals(kv1.Value, kv2.Value);
                }

                return a.Equals(b);
            case IDictionary<string, object?> d1 when b is IDictionary<string, object?> d2:
                return d1.Count == d2.Count && d1.All(p => d2.TryGetValue(p.Key, out var v) && DeepEquals(p.Value, v));
            case IEnumerable e1 when b is IEnumerable e2:
            {
                var l1 = e1.Cast<object?>().ToList();
                var l2 = e2.Cast<object?>().ToList();
                return l1.Count == l2.Count && l1.Zip(l2).All(p => DeepEquals(p.First, p.Second));
            }

            default:
                return a.Equals(b);
        }
    }

    public static string Show(object? v) => v switch
    {
        null => "null",
        string s => '"' + s + '"',
        byte[] b => Convert.ToHexString(b),
        IDictionary<string, object?> d => "{" + string.Join(",", d.Select(p => p.Key + ":" + Show(p.Value))) + "}",
        KeyValuePair<object, object?> kv => Show(kv.Key) + "=>" + Show(kv.Value),
        IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
