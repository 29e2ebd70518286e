using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

/// <summary>Seeded random values of nested types: build, slice twice, gather and concatenate, compare with the source values.</summary>
public class RandomizedRoundTripTests
{
    private static readonly DataType[] Types =
    [
        DataType.Bool, DataType.Int16, DataType.UInt32, DataType.Float32, DataType.String, DataType.Binary, DataType.Date,
        DataType.Timestamp(TimeUnit.Millisecond), DataType.Decimal(18, 6),
        DataType.List(DataType.List(DataType.String)),
        DataType.List(DataType.Struct(new Field("k", DataType.Int64), new Field("v", DataType.List(DataType.Float64)))),
        DataType.Struct(new Field("s", DataType.Struct(new Field("x", DataType.Bool))), new Field("m", DataType.Map(DataType.Int32, DataType.String))),
        DataType.Map(DataType.String, DataType.Map(DataType.Int8, DataType.Bool)),
    ];

    private static object? RandomValue(Random rng, DataType type, double nullRate)
    {
        if (rng.NextDouble() < nullRate)
        {
            return null;
        }

        switch (type)
        {
            case ListType l:
                return Enumerable.Range(0, rng.Next(4)).Select(_ => RandomValue(rng, l.ItemType, 0.2)).ToArray();
            case StructType s:
                return s.Fields.ToDictionary(f => f.Name, f => RandomValue(rng, f.Type, 0.2));
            case MapType m:
                var keys = new HashSet<object>();
                var entries = new List<KeyValuePair<object, object?>>();
                for (var i = rng.Next(4); i > 0; i--)
                {
                    var k = RandomValue(rng, m.KeyType, 0)!;
                    if (keys.Add(k))
                    {
                        entries.Add(new(k, RandomValue(rng, m.ValueType, 0.2)));
                    }
                }

                return entries.ToArray();
        }

        return type.Kind switch
        {
            TypeKind.Bool => rng.Next(2) == 0,
            TypeKind.Int8 => (sbyte)rng.Next(-128, 128),
            TypeKind.Int16 => (short)rng.Next(short.MinValue, short.MaxValue),
            TypeKind.UInt32 => (uint)rng.NextInt64(0, uint.MaxValue),
            TypeKind.Int32 => rng.Next(),
            TypeKind.Int64 => rng.NextInt64(),
            TypeKind.Float32 => (float)rng.NextDouble(),
            TypeKind.Float64 => rng.NextDouble(),
            TypeKind.String => new string((char)rng.Next('a', 'z' + 1), rng.Next(6)) + (rng.Next(5) == 0 ? "é✓" : ""),
            TypeKind.Binary => Enumerable.Range(0, rng.Next(5)).Select(_ => (byte)rng.Next(256)).ToArray(),
            TypeKind.Date => new DateOnly(1900, 1, 1).AddDays(rng.Next(80_000)),
            TypeKind.Timestamp => new DateTime(1950, 1, 1).AddMilliseconds(rng.NextInt64(0, 3_000_000_000_000L)),
            TypeKind.Decimal => Math.Round((decimal)(rng.NextDouble() * 1e9 - 5e8), 6),
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    [Fact]
    public void RandomBatchesRoundTripThroughSlicesGathersAndConcat()
    {
        var rng = new Random(20261121);
        var schema = new Schema(Types.Select((t, i) => new Field("c" + i, t)));
        for (var round = 0; round < 5; round++)
        {
            var n = rng.Next(1, 120);
            var nullRate = round * 0.2; // 0 .. 0.8
            var rows = Enumerable.Range(0, n).Select(_ => Types.Select(t => RandomValue(rng, t, nullRate)).ToArray()).ToArray();
            var batch = RecordBatch.FromRows(schema, rows);
            Assert.Equal(n, batch.Length);
            for (var r = 0; r < n; r++)
            {
                Assert.Equal(rows[r], batch.GetRow(r));
            }

            var off = rng.Next(n);
            var len = rng.Next(n - off + 1);
            var s = batch.Slice(off, len);
            var off2 = len == 0 ? 0 : rng.Next(len);
            var len2 = rng.Next(len - off2 + 1);
            var ss = s.Slice(off2, len2);
            for (var r = 0; r < len2; r++)
            {
                Assert.Equal(rows[off + off2 + r], ss.GetRow(r));
            }

            for (var c = 0; c < Types.Length; c++)
            {
                Assert.Equal(Enumerable.Range(off + off2, len2).Count(r => rows[r][c] is null), ss.Column(c).NullCount);
            }

            var idx = Enumerable.Range(0, 30).Select(_ => rng.Next(n)).ToArray();
            var taken = batch.Take(idx);
            for (var k = 0; k < idx.Length; k++)
            {
                Assert.Equal(rows[idx[k]], taken.GetRow(k));
            }

            var joined = RecordBatch.Concat([ss, taken, s]);
            var expected = Enumerable.Range(off + off2, len2).Select(r => rows[r])
                .Concat(idx.Select(i => rows[i]))
                .Concat(Enumerable.Range(off, len).Select(r => rows[r]))
                .ToArray();
            Assert.Equal(expected.Length, joined.Length);
            for (var r = 0; r < expected.Length; r++)
            {
                Assert.Equal(expected[r], joined.GetRow(r));
            }
        }
    }
}
