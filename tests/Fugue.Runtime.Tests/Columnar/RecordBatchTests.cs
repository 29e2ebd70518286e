using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class RecordBatchTests
{
    private static readonly Schema Schema = new(
        new Field("id", DataType.Int64),
        new Field("name", DataType.String),
        new Field("ts", DataType.DateTime),
        new Field("tags", DataType.List(DataType.String)));

    private static RecordBatch Sample(int n)
    {
        var b = new RecordBatchBuilder(Schema, n);
        for (var i = 0; i < n; i++)
        {
            b.AppendRow([(long)i, i % 5 == 0 ? null : "n" + i, new DateTime(2024, 1, 1).AddSeconds(i), new object?[] { "t", "u" + i }]);
        }

        return b.Build();
    }

    [Fact]
    public void BuildsFromRows()
    {
        var batch = Sample(10);
        Assert.Equal(10, batch.Length);
        Assert.Equal(4, batch.ColumnCount);
        Assert.Equal(Schema, batch.Schema);
        Assert.Equal(3L, batch.Column("id").GetValue(3));
        Assert.Null(batch.Column(1).GetValue(5));
        Assert.Equal("n6", batch.GetValue(6, 1));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 9), batch.Column("ts").GetValue(9));
        Assert.Equal(new object?[] { "t", "u2" }, batch.Column("tags").GetValue(2));
        Assert.Throws<KeyNotFoundException>(() => batch.Column("nope"));
    }

    [Fact]
    public void SliceAndSelect()
    {
        var batch = Sample(50);
        var s = batch.Slice(10, 20).Slice(5, 10); // rows 15..24
        Assert.Equal(10, s.Length);
        Assert.Equal(15L, s.Column("id").GetValue(0));
        Assert.Null(s.Column("name").GetValue(5)); // row 20
        Assert.Equal(new object?[] { "t", "u24" }, s.Column("tags").GetValue(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Slice(45, 10));
        Assert.Same(batch, batch.Slice(0, 50));

        var sel = s.SelectColumns("tags", "id");
        Assert.Equal(["tags", "id"], sel.Schema.Names);
        Assert.Same(s.Column("id"), sel.Column(1));
        Assert.Throws<KeyNotFoundException>(() => s.SelectColumns("id", "zz"));
        Assert.Equal(0, batch.SelectColumns().ColumnCount);
    }

    [Fact]
    public void ValidatesColumns()
    {
        var schema = new Schema(new Field("a", DataType.Int32), new Field("b", DataType.String));
        var a = PrimitiveColumn<int>.FromArray([1, 2]);
        var b = StringColumn.FromArray("x", "y");
        var ok = new RecordBatch(schema, [a, b]);
        Assert.Equal(2, ok.Length);
        var count = Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [a]));
        Assert.Contains("1 columns for the 2 fields", count.Message);
        var type = Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [a, a]));
        Assert.Contains("column 'b' has type int, schema says str", type.Message);
        var len = Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [a, b.Slice(0, 1)]));
        Assert.Contains("column 'b' has 1 rows, expected 2", len.Message);
    }

    [Fact]
    public void EmptyBatches()
    {
        var e = RecordBatch.Empty(Schema);
        Assert.Equal(0, e.Length);
        Assert.Equal(4, e.ColumnCount);
        Assert.Equal(DataType.List(DataType.String), e.Column("tags").Type);
        Assert.Equal(0, RecordBatch.Empty(Schema.Empty).ColumnCount);

        var noCols = new RecordBatchBuilder(Schema.Empty);
        noCols.AppendRow([]);
        noCols.AppendRow(ReadOnlySpan<object?>.Empty);
        Assert.Equal(2, noCols.Length);
        Assert.Equal(2, noCols.Build().Length);
    }

    [Fact]
    public void ByteSizeIsAboutRawSize()
    {
        const int n = 1000;
        var schema = new Schema(new Field("i", DataType.Int64), new Field("s", DataType.String), new Field("b", DataType.Bool));
        var b = new RecordBatchBuilder(schema, n);
        for (var i = 0; i < n; i++)
        {
            b.AppendRow([(long)i, "abcd", i % 2 == 0]);
        }

        var batch = b.Build();
        var raw = 8L * n + (4L * (n + 1) + 4L * n) + n / 8;
        Assert.Equal(raw, batch.ByteSize);
        var half = batch.Slice(0, n / 2).ByteSize;
        Assert.InRange(half, raw / 2 - 8, raw / 2 + 8);
    }

    [Fact]
    public void AppendRowErrorsNameTheColumn()
    {
        var b = new RecordBatchBuilder(Schema);
        var e = Assert.Throws<InvalidCastException>(() => b.AppendRow([1L, 2, null, null]));
        Assert.Contains("column 'name'", e.Message);
        Assert.Contains("System.Int32", e.Message);
        Assert.Throws<ArgumentException>(() => b.AppendRow([1L]));
        var o = Assert.Throws<OverflowException>(() => new RecordBatchBuilder(new Schema(new Field("x", DataType.Int8))).AppendRow([1000]));
        Assert.Contains("column 'x'", o.Message);
    }

    [Fact]
    public void BuilderColumnsAndReuse()
    {
        var schema = new Schema(new Field("a", DataType.Int32), new Field("b", DataType.Float64));
        var b = new RecordBatchBuilder(schema);
        ((PrimitiveColumnBuilder<int>)b[0]).Append(1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
        ((PrimitiveColumnBuilder<double>)b["b"]).Append(2.0);
        var first = b.Build();
        Assert.Equal(1, first.Length);
        Assert.Equal(0, b.Length);
        b.AppendRow([5, 6.0]);
        b.AppendRow([null, null]);
        var second = b.Build();
        Assert.Equal(2, second.Length);
        Assert.Equal(1, second.Column("a").NullCount);
        Assert.Equal(1, first.Column("a").GetValue(0));
    }
}
