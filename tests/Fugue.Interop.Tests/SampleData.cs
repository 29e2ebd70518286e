using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Interop.Tests;

/// <summary>Deterministic test batches covering every flat type with edge values and nulls.</summary>
internal static class SampleData
{
    public static readonly Schema FlatSchema = new(
        new Field("b", DataType.Bool),
        new Field("i8", DataType.Int8),
        new Field("u8", DataType.UInt8),
        new Field("i16", DataType.Int16),
        new Field("u16", DataType.UInt16),
        new Field("i32", DataType.Int32),
        new Field("u32", DataType.UInt32),
        new Field("i64", DataType.Int64),
        new Field("u64", DataType.UInt64),
        new Field("f32", DataType.Float32),
        new Field("f64", DataType.Float64),
        new Field("s", DataType.String),
        new Field("cat", DataType.String),
        new Field("bin", DataType.Binary),
        new Field("d", DataType.Date),
        new Field("dt", DataType.DateTime),
        new Field("ts", DataType.Timestamp(TimeUnit.Microsecond, "UTC")),
        new Field("ts_ms", DataType.Timestamp(TimeUnit.Millisecond)),
        new Field("ts_ns", DataType.Timestamp(TimeUnit.Nanosecond)),
        new Field("dec", DataType.Decimal(10, 2)),
        new Field("dec18", DataType.Decimal(18, 6)),
        new Field("dec28", DataType.Decimal(28, 10)),
        new Field("all_null", DataType.Int32));

    private static readonly string[] Words = ["", "a", "Zürich", "東京", "emoji 🎉", "ünïcödé ß", "quote'\"", "tab\tnl\n", new string('x', 50)];
    private static readonly double[] SpecialDoubles = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, Math.PI];
    private static readonly float[] SpecialFloats = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, float.MinValue, 1.1f];

    /// <summary><paramref name="rows"/> rows of <see cref="FlatSchema"/>; row i is null in every column when i % 11 == 5.</summary>
    public static RecordBatch Flat(int rows)
    {
        var b = new RecordBatchBuilder(FlatSchema, rows);
        var row = new object?[FlatSchema.Count];
        var epoch = new DateTime(1970, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            if (i % 11 == 5)
            {
                Array.Clear(row);
                b.AppendRow(row);
                continue;
            }

            var k = 0;
            long li = i;
            row[k++] = i % 3 == 0;
            row[k++] = i == 0 ? sbyte.MinValue : i == 1 ? sbyte.MaxValue : (sbyte)(i * 37);
            row[k++] = i == 0 ? byte.MaxValue : (byte)(i * 7);
            row[k++] = i == 0 ? short.MinValue : i == 1 ? short.MaxValue : (short)(i * 3371);
            row[k++] = i == 0 ? ushort.MaxValue : (ushort)(i * 997);
            row[k++] = i == 0 ? int.MinValue : i == 1 ? int.MaxValue : unchecked(i * 1000003);
            row[k++] = i == 0 ? uint.MaxValue : unchecked((uint)i * 2654435761u);
            row[k++] = i == 0 ? long.MinValue : i == 1 ? long.MaxValue : unchecked(li * 922337203685477L);
            row[k++] = i == 0 ? ulong.MaxValue : unchecked((ulong)li * 11400714819323198485UL);
            row[k++] = i < SpecialFloats.Length ? SpecialFloats[i] : (float)(i * 1.1 - 50.25);
            row[k++] = i < SpecialDoubles.Length ? SpecialDoubles[i] : i * Math.E - 1e-300 * i;
            row[k++] = Words[i % Words.Length] + (i % 4 == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            row[k++] = (i % 3) switch { 0 => "red", 1 => "green", _ => "blue ü" };
            row[k++] = Enumerable.Range(0, i % 6).Select(j => (byte)(i * 31 + j)).ToArray();
            row[k++] = i == 0 ? DateOnly.MinValue : i == 1 ? DateOnly.MaxValue : DateOnly.FromDayNumber(719162 + (i - 500) * 37);
            row[k++] = epoch.AddTicks((li - 300) * 36_000_012_345_670L);
            row[k++] = DateTime.SpecifyKind(epoch.AddTicks(li * 1_234_567_891_230L - 5_000_000_000_000_000L), DateTimeKind.Utc);
            row[k++] = epoch.AddTicks((li - 100) * 98_765_432_10_000L);
            row[k++] = epoch.AddTicks((li - 100) * 98_765_432_123L);
            row[k++] = i == 0 ? 99999999.99m : i == 1 ? -99999999.99m : (i * 1234 - 500_000) / 100m;
            row[k++] = i == 0 ? 999999999999.999999m : (li * 123456789123L - 77) / 1_000_000m;
            row[k++] = i == 0 ? 999999999999999999.9999999999m : i == 1 ? -0.0000000001m : (li * 987654321987654321L) / 10_000_000_000m;
            row[k++] = null;
            b.AppendRow(row);
        }

        return b.Build();
    }

    public static readonly Schema NestedSchema = new(
        new Field("id", DataType.Int64),
        new Field("lst", DataType.List(DataType.Int64)),
        new Field("strs", DataType.List(DataType.String)),
        new Field("st", DataType.Struct(new Field("x", DataType.Int32), new Field("y", DataType.String), new Field("when", DataType.DateTime))),
        new Field("m", DataType.Map(DataType.String, DataType.Int64)),
        new Field("deep", DataType.List(DataType.Struct(new Field("a", DataType.Int32), new Field("b", DataType.List(DataType.Float64))))));

    /// <summary><paramref name="rows"/> rows of <see cref="NestedSchema"/> with null and empty lists, null structs and null items.</summary>
    public static RecordBatch Nested(int rows)
    {
        var b = new RecordBatchBuilder(NestedSchema, rows);
        var epoch = new DateTime(1970, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            long li = i;
            object? lst = i % 5 == 4 ? null : Enumerable.Range(0, i % 4).Select(k => k == 1 && i % 3 == 0 ? null : (object?)(li * 1_000_000_007L - k)).ToArray();
            object? strs = i % 6 == 2 ? null : Enumerable.Range(0, i % 3).Select(k => (object?)(k == 2 ? null : Words[(i + k) % Words.Length])).ToArray();
            object? st = i % 7 == 6 ? null : new Dictionary<string, object?>
            {
                ["x"] = i % 4 == 0 ? null : i * 3 - 700,
                ["y"] = Words[i % Words.Length],
                ["when"] = epoch.AddTicks((li - 300) * 3_600_000_123_450L),
            };
            object? m = i % 8 == 7 ? null : Enumerable.Range(0, i % 3).Select(k => new KeyValuePair<object, object?>($"k{k}", k == 1 ? null : li * 10 + k)).ToArray();
            object? deep = i % 9 == 8 ? null : Enumerable.Range(0, i % 3).Select(k => (object?)new Dictionary<string, object?>
            {
                ["a"] = i + k,
                ["b"] = Enumerable.Range(0, k + 1).Select(q => (object?)(q == 1 ? null : i * 0.5 - q)).ToArray(),
            }).ToArray();
            b.AppendRow([li, lst, strs, st, m, deep]);
        }

        return b.Build();
    }

    /// <summary>Timestamps in named time zones and units (the values are UTC instants), with nulls.</summary>
    public static RecordBatch Zoned(int rows)
    {
        var schema = new Schema(
            new Field("ny", DataType.Timestamp(TimeUnit.Microsecond, "America/New_York")),
            new Field("tokyo_ns", DataType.Timestamp(TimeUnit.Nanosecond, "Asia/Tokyo")),
            new Field("utc_ms", DataType.Timestamp(TimeUnit.Millisecond, "UTC")),
            new Field("kolkata_s", DataType.Timestamp(TimeUnit.Second, "Asia/Kolkata")));
        var b = new RecordBatchBuilder(schema, rows);
        for (var i = 0; i < rows; i++)
        {
            long li = i;
            var t = DateTime.SpecifyKind(new DateTime(2021, 3, 14, 6, 59, 59).AddTicks(li * 1_800_000_123_450L), DateTimeKind.Utc);
            b.AppendRow([i % 5 == 1 ? null : t, i % 6 == 2 ? null : t.AddTicks(7), new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
                new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc)]);
        }

        return b.Build();
    }
}
