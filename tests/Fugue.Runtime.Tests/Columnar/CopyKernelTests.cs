using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class CopyKernelTests
{
    private static readonly DataType[] Types =
    [
        DataType.Null, DataType.Bool, DataType.Int8, DataType.UInt64, DataType.Float16, DataType.Float64, DataType.String,
        DataType.Binary, DataType.Date, DataType.Timestamp(TimeUnit.Nanosecond, "UTC"), DataType.Decimal(12, 3),
        DataType.List(DataType.Int32), DataType.Struct(new Field("a", DataType.String), new Field("b", DataType.List(DataType.Bool))),
        DataType.Map(DataType.String, DataType.Float32),
    ];

    private static object? Value(DataType type, int i) => i % 4 == 2 ? null : type.Kind switch
    {
        TypeKind.Null => null,
        TypeKind.Bool => i % 3 == 0,
        TypeKind.Int8 => (sbyte)(i - 50),
        TypeKind.UInt64 => (ulong)i * 1_000_000_007UL,
        TypeKind.Float16 => (Half)(i / 4.0),
        TypeKind.Float64 => i * 0.5,
        TypeKind.String => "s" + new string('x', i % 5),
        TypeKind.Binary => new byte[] { (byte)i, 1 },
        TypeKind.Date => new DateOnly(2000, 1, 1).AddDays(i),
        TypeKind.Timestamp => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 12_345L),
        TypeKind.Decimal => i * 1.125m,
        TypeKind.List => Enumerable.Range(0, i % 3).Select(k => (object?)(i + k)).ToArray(),
        TypeKind.Struct => new Dictionary<string, object?> { ["a"] = i % 5 == 0 ? null : "v" + i, ["b"] = new object?[] { true, null } },
        TypeKind.Map => new[] { new KeyValuePair<object, object?>("k" + i, (float)i), new KeyValuePair<object, object?>("z", null) },
        _ => throw new InvalidOperationException(),
    };

    private static Column Make(DataType type, int n, out object?[] values)
    {
        values = Enumerable.Range(0, n).Select(i => Value(type, i)).ToArray();
        return ColumnFactory.FromValues(type, values);
    }

    [Fact]
    public void TakeGathersEveryType()
    {
        foreach (var type in Types)
        {
            var col = Make(type, 40, out var values);
            int[] idx = [39, 0, 2, 2, 17, 5];
            var t = col.Take(idx);
            Assert.Equal(type, t.Type);
            Assert.Equal(idx.Length, t.Length);
            for (var k = 0; k < idx.Length; k++)
            {
                Assert.Equal(values[idx[k]], t.GetValue(k));
            }

            // Gather from a slice uses slice-relative indices.
            var s = col.Slice(10, 20).Take([0, 19]);
            Assert.Equal(values[10], s.GetValue(0));
            Assert.Equal(values[29], s.GetValue(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => col.Slice(10, 20).Take([20]));
        }
    }

    [Fact]
    public void ConcatAppendsRangesOfEveryType()
    {
        foreach (var type in Types)
        {
            var col = Make(type, 30, out var values);
            var joined = Column.Concat([col.Slice(3, 10), col.Slice(0, 0), col.Slice(20, 10), col]);
            Assert.Equal(50, joined.Length);
            var expected = values.Skip(3).Take(10).Concat(values.Skip(20)).Concat(values).ToArray();
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], joined.GetValue(i));
            }

            Assert.Equal(expected.Count(v => v is null) + (type.Kind == TypeKind.Null ? expected.Count(v => v is not null) : 0), joined.NullCount);
        }
    }

    [Fact]
    public void GatherWithAndWithoutNulls()
    {
        var ints = PrimitiveColumn<int>.FromArray([10, 11, 12, 13, 14]);
        Assert.Equal([14, 10, 10, 12], ((PrimitiveColumn<int>)ints.Slice(0, 5).Take([4, 0, 0, 2])).Values.ToArray());
        var t = (PrimitiveColumn<int>)ints.Slice(1, 4).Take([3, 0]);
        Assert.Equal([14, 11], t.Values.ToArray());
        Assert.True(t.ValidityBuffer.IsEmpty);

        var withNulls = PrimitiveColumn<int>.FromArray([1, 2, 3, 4], [false, true, false, false]);
        var g = withNulls.Slice(1, 3).Take([0, 2, 1]);
        Assert.Equal(new object?[] { null, 4, 3 }, Enumerable.Range(0, 3).Select(g.GetValue).ToArray());

        var strs = StringColumn.FromArray("a", null, "ccc", "dd");
        var sg = strs.Slice(1, 3).Take([2, 0, 1, 2]);
        Assert.Equal(new object?[] { "dd", null, "ccc", "dd" }, Enumerable.Range(0, 4).Select(sg.GetValue).ToArray());
        var sn = StringColumn.FromArray("x", "yy").Take([1, 1, 0]);
        Assert.Equal(new object?[] { "yy", "yy", "x" }, Enumerable.Range(0, 3).Select(sn.GetValue).ToArray());
        Assert.True(sn.ValidityBuffer.IsEmpty);
    }

    [Fact]
    public void ConcatOfNullFreeStringsRebasesOffsets()
    {
        var a = StringColumn.FromArray("ab", "c");
        var b = StringColumn.FromArray("def", "", "g");
        var c = (StringColumn)Column.Concat([a.Slice(1, 1), b]);
        Assert.Equal([0, 1, 4, 4, 5], c.Offsets.ToArray());
        Assert.Equal("cdefg", System.Text.Encoding.UTF8.GetString(c.Data));
        Assert.True(c.ValidityBuffer.IsEmpty);
    }

    [Fact]
    public void TryConcatFlatJoinsNullFreeFlatColumnsAndDeclinesTheRest()
    {
        var ints = (PrimitiveColumn<long>)Column.TryConcatFlat([PrimitiveColumn<long>.FromArray([1L, 2L, 3L]).Slice(1, 2), PrimitiveColumn<long>.FromArray([4L])])!;
        Assert.Equal([2L, 3L, 4L], ints.Values.ToArray());
        Assert.True(ints.ValidityBuffer.IsEmpty);
        var strings = (StringColumn)Column.TryConcatFlat([StringColumn.FromArray("ab", "c").Slice(1, 1), StringColumn.FromArray("", "xyz")])!;
        Assert.Equal(new object?[] { "c", "", "xyz" }, Enumerable.Range(0, 3).Select(strings.GetValue).ToArray());
        Assert.Null(Column.TryConcatFlat([PrimitiveColumn<long>.FromArray([1L], [true]), PrimitiveColumn<long>.FromArray([4L])])); // nulls
        Assert.Null(Column.TryConcatFlat([BooleanColumn.FromArray([true]), BooleanColumn.FromArray([false])])); // bit-packed, not flat
        Assert.Throws<ArgumentException>(() => Column.TryConcatFlat([PrimitiveColumn<long>.FromArray([1L]), PrimitiveColumn<int>.FromArray([1])]));
    }

    [Fact]
    public void AppendFromChecksTypes()
    {
        var b = ColumnBuilder.Create(DataType.Int64);
        var e = Assert.Throws<ArgumentException>(() => b.AppendFrom(PrimitiveColumn<int>.FromArray([1]), 0));
        Assert.Contains("cannot append from a int column to a long builder", e.Message);
        Assert.Throws<ArgumentException>(() => Column.Concat([PrimitiveColumn<long>.FromArray([1L]), PrimitiveColumn<int>.FromArray([1])]));
        Assert.Throws<ArgumentException>(() => Column.Concat([]));
        b.AppendFrom(PrimitiveColumn<long>.FromArray([4L, 5L], [false, true]), 0, 2);
        var c = b.Build();
        Assert.Equal(4L, c.GetValue(0));
        Assert.Null(c.GetValue(1));
    }

    [Fact]
    public void RecordBatchTakeConcatRows()
    {
        var schema = new Schema(new Field("x", DataType.Int32), new Field("y", DataType.String));
        var batch = RecordBatch.FromRows(schema, [[1, "a"], [2, null], [3, "c"]]);
        Assert.Equal(new object?[] { 2, null }, batch.GetRow(1));
        var taken = batch.Take([2, 0]);
        Assert.Equal(new object?[] { 3, "c" }, taken.GetRow(0));
        var joined = RecordBatch.Concat([batch, batch.Slice(1, 2), RecordBatch.Empty(schema)]);
        Assert.Equal(5, joined.Length);
        Assert.Equal(new object?[] { 3, "c" }, joined.GetRow(4));
        Assert.Same(batch, RecordBatch.Concat([batch]));
        var other = RecordBatch.Empty(new Schema(new Field("x", DataType.Int64)));
        Assert.Throws<ArgumentException>(() => RecordBatch.Concat([batch, other]));
    }
}
