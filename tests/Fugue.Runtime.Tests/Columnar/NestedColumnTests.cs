using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class NestedColumnTests
{
    private static readonly ListType IntList = DataType.List(DataType.Int32);

    [Fact]
    public void ListRoundTrip()
    {
        var b = new ListColumnBuilder(IntList);
        b.Append(new object?[] { 1, 2, null });
        b.AppendNull();
        b.Append(new List<int> { });
        b.Append(new[] { 4 });
        var c = b.Build();
        Assert.Equal(4, c.Length);
        Assert.Equal(1, c.NullCount);
        Assert.Equal(new object?[] { 1, 2, null }, c.GetValue(0));
        Assert.IsType<object?[]>(c.GetValue(0));
        Assert.Null(c.GetValue(1));
        Assert.Equal(Array.Empty<object?>(), c.GetValue(2));
        Assert.Equal(new object?[] { 4 }, c.GetValue(3));
        Assert.Equal([0, 3, 3, 3, 4], c.Offsets.ToArray());
        Assert.Equal(4, c.Values.Length);
        Assert.Equal(1, c.Values.NullCount);
        Assert.Equal(1 + 5 * 4 + (1 + 4 * 4), c.ByteSize);
    }

    [Fact]
    public void ListStartEndAndTypedChildBuilder()
    {
        var b = new ListColumnBuilder(DataType.List(DataType.String));
        var items = (StringColumnBuilder)b.ValueBuilder;
        b.StartList();
        items.Append("a");
        items.Append("b");
        b.EndList();
        b.StartList();
        b.EndList();
        Assert.Throws<InvalidOperationException>(() => b.EndList());
        b.StartList();
        Assert.Throws<InvalidOperationException>(() => b.StartList());
        Assert.Throws<InvalidOperationException>(() => b.AppendNull());
        Assert.Throws<InvalidOperationException>(() => b.Build());
        items.Append("c");
        b.EndList();
        var c = b.Build();
        Assert.Equal(new object?[] { "a", "b" }, c.GetValue(0));
        Assert.Equal(new object?[] { "c" }, c.GetValue(2));
        Assert.Equal(0, b.Length);
        Assert.Equal(0, items.Length);
    }

    [Fact]
    public void ListRejectsStringsAndScalars()
    {
        var b = new ListColumnBuilder(DataType.List(DataType.String));
        Assert.Throws<InvalidCastException>(() => b.Append("abc"));
        Assert.Throws<InvalidCastException>(() => b.Append(3));
        Assert.Equal(0, b.Length);
    }

    [Fact]
    public void SlicedListKeepsCorrectChildAccess()
    {
        var b = new ListColumnBuilder(IntList);
        var expected = new List<object?[]?>();
        for (var i = 0; i < 30; i++)
        {
            if (i % 6 == 5)
            {
                b.AppendNull();
                expected.Add(null);
            }
            else
            {
                var items = Enumerable.Range(i * 10, i % 4).Select(x => (object?)x).ToArray();
                b.Append(items);
                expected.Add(items);
            }
        }

        var c = b.Build();
        var s = (ListColumn)c.Slice(7, 20);
        var ss = (ListColumn)s.Slice(3, 9); // rows 10..18
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(expected[10 + i], ss.GetValue(i));
        }

        Assert.Equal(10, ss.Offset);
        Assert.Same(c.Values, ss.Values);
        var list = ss.GetList(3); // row 13: 1 item
        Assert.Equal(1, list.Length);
        Assert.Equal(130, list.GetValue(0));
        Assert.Equal(2, ss.GetListLength(4)); // row 14
        Assert.Equal(expected.Skip(10).Take(9).Count(e => e is null), ss.NullCount);
        var childItems = expected.Skip(10).Take(9).Sum(e => e?.Length ?? 0);
        Assert.Equal(BitUtility.BytesFor(9) + 10 * 4 + childItems * 4, ss.ByteSize);
    }

    [Fact]
    public void StructRoundTripAndInputForms()
    {
        var type = DataType.Struct(new Field("a", DataType.Int32), new Field("b", DataType.String));
        var b = new StructColumnBuilder(type);
        b.Append(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" });
        b.Append(new object?[] { 2, null });
        b.AppendNull();
        b.Append(new System.Collections.Hashtable { ["b"] = "y", ["extra"] = 5 });
        var c = b.Build();
        Assert.Equal(4, c.Length);
        Assert.Equal(1, c.NullCount);
        var row0 = Assert.IsType<Dictionary<string, object?>>(c.GetValue(0));
        Assert.Equal(["a", "b"], row0.Keys.ToArray());
        Assert.Equal(1, row0["a"]);
        Assert.Equal("x", row0["b"]);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 2, ["b"] = null }, c.GetValue(1));
        Assert.Null(c.GetValue(2));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = null, ["b"] = "y" }, c.GetValue(3));
        Assert.Equal(4, c.Child("a").Length);
        Assert.Same(c.Children[1], c.Child("b"));
        Assert.Throws<KeyNotFoundException>(() => c.Child("zz"));
        Assert.Throws<InvalidCastException>(() => b.Append(new object?[] { 1 }));
        Assert.Throws<InvalidCastException>(() => b.Append("nope"));
    }

    [Fact]
    public void StructFieldBuildersAndAppendStruct()
    {
        var type = DataType.Struct(new Field("x", DataType.Float64), new Field("y", DataType.Bool));
        var b = new StructColumnBuilder(type);
        ((PrimitiveColumnBuilder<double>)b.FieldBuilders[0]).Append(1.5);
        ((BooleanColumnBuilder)b.FieldBuilders[1]).Append(true);
        b.AppendStruct();
        ((PrimitiveColumnBuilder<double>)b.FieldBuilders[0]).Append(2.5);
        var e = Assert.Throws<InvalidOperationException>(() => b.AppendStruct());
        Assert.Contains("'y'", e.Message);
        b.FieldBuilders[1].AppendNull();
        b.AppendStruct();
        var c = b.Build();
        Assert.Equal(2, c.Length);
        Assert.Equal(0, c.NullCount);
        Assert.True(c.ValidityBuffer.IsEmpty);
        Assert.Equal(new Dictionary<string, object?> { ["x"] = 2.5, ["y"] = null }, c.GetValue(1));
    }

    [Fact]
    public void StructSliceAlignsChildren()
    {
        var type = DataType.Struct(new Field("i", DataType.Int64));
        var b = new StructColumnBuilder(type);
        for (var i = 0; i < 20; i++)
        {
            if (i % 3 == 0)
            {
                b.AppendNull();
            }
            else
            {
                b.Append(new object?[] { (long)i });
            }
        }

        var c = b.Build();
        var s = (StructColumn)c.Slice(4, 12).Slice(1, 6); // rows 5..10
        Assert.Equal(5, s.Offset);
        Assert.Equal(6, s.Children[0].Length);
        Assert.Equal(5L, ((PrimitiveColumn<long>)s.Children[0])[0]);
        Assert.Null(s.GetValue(1)); // row 6
        Assert.Equal(new Dictionary<string, object?> { ["i"] = 10L }, s.GetValue(5));
        Assert.Equal(2, s.NullCount);
        Assert.Equal(1 + s.Children[0].ByteSize, s.ByteSize);
    }

    [Fact]
    public void ListOfStructOfList()
    {
        var inner = DataType.Struct(new Field("name", DataType.String), new Field("tags", DataType.List(DataType.Int16)));
        var type = DataType.List(inner);
        var rows = new object?[]
        {
            new object?[]
            {
                new Dictionary<string, object?> { ["name"] = "a", ["tags"] = new object?[] { (short)1, (short)2 } },
                null,
                new Dictionary<string, object?> { ["name"] = null, ["tags"] = null },
            },
            null,
            Array.Empty<object?>(),
            new object?[] { new Dictionary<string, object?> { ["name"] = "z", ["tags"] = new object?[] { (short)3 } } },
        };
        var col = ColumnFactory.FromValues(type, rows);
        Assert.Equal(4, col.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i], col.GetValue(i));
        }

        var s = col.Slice(3, 1);
        var structs = (StructColumn)((ListColumn)s).GetList(0);
        Assert.Equal(1, structs.Length);
        var tags = (ListColumn)structs.Child("tags");
        Assert.Equal(new object?[] { (short)3 }, tags.GetValue(0));
        var first = (ListColumn)col.Slice(0, 1);
        Assert.Equal(rows[0], first.GetValue(0));
    }

    [Fact]
    public void MapRoundTripAndLayout()
    {
        var type = DataType.Map(DataType.String, DataType.Int64);
        var b = new MapColumnBuilder(type);
        b.Append(new[] { new KeyValuePair<object, object?>("a", 1L), new KeyValuePair<object, object?>("b", null) });
        b.AppendNull();
        b.Append(new Dictionary<string, long> { ["c"] = 3 });
        b.Append(Array.Empty<KeyValuePair<object, object?>>());
        var c = b.Build();
        Assert.Equal(4, c.Length);
        Assert.Equal(1, c.NullCount);
        var m0 = Assert.IsType<KeyValuePair<object, object?>[]>(c.GetValue(0));
        Assert.Equal([new("a", 1L), new("b", null)], m0);
        Assert.Null(c.GetValue(1));
        Assert.Equal([new KeyValuePair<object, object?>("c", 3L)], (KeyValuePair<object, object?>[])c.GetValue(2)!);
        Assert.Empty((KeyValuePair<object, object?>[])c.GetValue(3)!);
        Assert.Equal([0, 2, 2, 3, 3], c.Offsets.ToArray());
        Assert.Equal(type.EntryType, c.Entries.Type);
        Assert.Equal(3, c.Keys.Length);
        Assert.Equal(0, c.Keys.NullCount);
        Assert.Equal(1, c.Items.NullCount);
        var s = (MapColumn)c.Slice(2, 2);
        Assert.Equal(1, s.GetMapLength(0));
        Assert.Equal(c.GetValue(2), s.GetValue(0));
    }

    [Fact]
    public void MapKeysMustNotBeNull()
    {
        var type = DataType.Map(DataType.String, DataType.Int32);
        var b = new MapColumnBuilder(type);
        Assert.Throws<ArgumentNullException>(() => b.Append(new[] { new KeyValuePair<object, object?>(null!, 1) }));
        Assert.Throws<InvalidCastException>(() => b.Append(5));

        var keys = StringColumn.FromArray("a", null);
        var values = PrimitiveColumn<int>.FromArray([1, 2]);
        var entries = new StructColumn(type.EntryType, 2, [keys, values]);
        var e = Assert.Throws<ArgumentException>(() => new MapColumn(type, 1, ArrowBuffer.FromSpan<int>([0, 2]), entries));
        Assert.Contains("map keys must not be null", e.Message);
    }

    [Fact]
    public void MapBuiltWithStartEnd()
    {
        var type = DataType.Map(DataType.Int32, DataType.List(DataType.Bool));
        var b = new MapColumnBuilder(type);
        b.StartMap();
        b.AppendEntry(1, new object?[] { true, null });
        b.KeyBuilder.Append(2);
        Assert.Throws<InvalidOperationException>(() => b.EndMap());
        b.ValueBuilder.AppendNull();
        b.EndMap();
        var c = b.Build();
        var row = (KeyValuePair<object, object?>[])c.GetValue(0)!;
        Assert.Equal(1, row[0].Key);
        Assert.Equal(new object?[] { true, null }, row[0].Value);
        Assert.Equal(2, row[1].Key);
        Assert.Null(row[1].Value);
    }

    [Fact]
    public void NestedConstructorsValidate()
    {
        var values = PrimitiveColumn<int>.FromArray([1, 2, 3]);
        var ok = new ListColumn(IntList, 2, ArrowBuffer.FromSpan<int>([0, 1, 3]), values);
        Assert.Equal(new object?[] { 2, 3 }, ok.GetValue(1));
        var wrongType = Assert.Throws<ArgumentException>(() => new ListColumn(DataType.List(DataType.Int64), 2, ArrowBuffer.FromSpan<int>([0, 1, 3]), values));
        Assert.Contains("child column has type int, expected long", wrongType.Message);
        var beyond = Assert.Throws<ArgumentException>(() => new ListColumn(IntList, 2, ArrowBuffer.FromSpan<int>([0, 1, 4]), values));
        Assert.Contains("beyond the child column of 3 items", beyond.Message);
        Assert.Throws<ArgumentException>(() => new ListColumn(IntList, 3, ArrowBuffer.FromSpan<int>([0, 1, 3]), values));

        var st = DataType.Struct(new Field("a", DataType.Int32), new Field("b", DataType.Int32));
        Assert.Throws<ArgumentException>(() => new StructColumn(st, 3, [values]));
        var shortChild = Assert.Throws<ArgumentException>(() => new StructColumn(st, 3, [values, values.Slice(0, 2)]));
        Assert.Contains("child 'b' has 2 rows", shortChild.Message);
        Assert.Throws<ArgumentException>(() => new StructColumn(st, 2, [values, StringColumn.FromArray("a", "b")]));
        var offsetStruct = new StructColumn(st, 2, [values, values], default, 0, 1);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 3, ["b"] = 3 }, offsetStruct.GetValue(1));

        var mt = DataType.Map(DataType.Int32, DataType.Int32);
        var wrongEntries = new StructColumn(DataType.Struct(new Field("k", DataType.Int32)), 3, [values]);
        Assert.Throws<ArgumentException>(() => new MapColumn(mt, 1, ArrowBuffer.FromSpan<int>([0, 3]), wrongEntries));
        // Entry field names are free (readers may use other names than key/value).
        var named = new StructColumn(DataType.Struct(new Field("k", DataType.Int32), new Field("v", DataType.Int32)), 3, [values, values]);
        var m = new MapColumn(mt, 1, ArrowBuffer.FromSpan<int>([0, 3]), named);
        Assert.Equal(3, ((KeyValuePair<object, object?>[])m.GetValue(0)!).Length);
    }

    [Fact]
    public void NullColumn()
    {
        var b = new NullColumnBuilder();
        b.Append(null);
        b.AppendNulls(3);
        Assert.Throws<InvalidCastException>(() => b.Append(1));
        var c = b.Build();
        Assert.Equal(4, c.Length);
        Assert.Equal(4, c.NullCount);
        Assert.True(c.IsNull(3));
        Assert.Null(c.GetValue(0));
        Assert.Equal(0, c.ByteSize);
        Assert.True(c.ValidityBuffer.IsEmpty);
        Assert.Equal(2, c.Slice(1, 2).NullCount);
        Assert.Equal(0, b.Build().Length);
    }

    [Fact]
    public void NestedBuildersReusable()
    {
        var type = DataType.List(DataType.Struct(new Field("a", DataType.Int32)));
        var b = ColumnBuilder.Create(type);
        b.Append(new object?[] { new object?[] { 1 } });
        var first = b.Build();
        b.Append(new object?[] { new object?[] { 2 }, null });
        b.AppendNull();
        var second = b.Build();
        Assert.Equal(1, first.Length);
        Assert.Equal(2, second.Length);
        Assert.Equal(new object?[] { new Dictionary<string, object?> { ["a"] = 1 } }, first.GetValue(0));
        Assert.Equal(new object?[] { new Dictionary<string, object?> { ["a"] = 2 }, null }, second.GetValue(0));
        Assert.Null(second.GetValue(1));
    }
}

public class FailedAppendTests
{
    [Fact]
    public void FailedListAppendIsUndone()
    {
        var b = new ListColumnBuilder(DataType.List(DataType.Int32));
        b.Append(new object?[] { 1, 2 });
        Assert.Throws<InvalidCastException>(() => b.Append(new object?[] { 3, "x", 4 }));
        Assert.Equal(1, b.Length);
        Assert.Equal(2, b.ValueBuilder.Length);
        b.Append(new object?[] { 5 });
        var c = b.Build();
        Assert.Equal(new object?[] { 1, 2 }, c.GetValue(0));
        Assert.Equal(new object?[] { 5 }, c.GetValue(1));
    }

    [Fact]
    public void FailedStructAndMapAppendsAreUndone()
    {
        var st = DataType.Struct(new Field("a", DataType.String), new Field("b", DataType.Int8), new Field("c", DataType.List(DataType.Bool)));
        var b = new StructColumnBuilder(st);
        b.AppendNull();
        Assert.Throws<OverflowException>(() => b.Append(new object?[] { "s", 1000, null }));
        Assert.Throws<InvalidCastException>(() => b.Append(new object?[] { "s", 1, new object?[] { true, 3 } }));
        Assert.All(b.FieldBuilders, f => Assert.Equal(1, f.Length));
        b.Append(new object?[] { "t", 2, new object?[] { false } });
        var c = b.Build();
        Assert.Equal(2, c.Length);
        Assert.Null(c.GetValue(0));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = "t", ["b"] = (sbyte)2, ["c"] = new object?[] { false } }, c.GetValue(1));

        var mb = new MapColumnBuilder(DataType.Map(DataType.String, DataType.Int32));
        mb.Append(new Dictionary<string, int> { ["x"] = 1 });
        Assert.Throws<InvalidCastException>(() => mb.Append(new[] { new KeyValuePair<object, object?>("y", 2), new KeyValuePair<object, object?>(3, 3) }));
        Assert.Equal(1, mb.KeyBuilder.Length);
        Assert.Equal(1, mb.ValueBuilder.Length);
        mb.Append(new[] { new KeyValuePair<object, object?>("z", 9) });
        var m = mb.Build();
        Assert.Equal([new KeyValuePair<object, object?>("z", 9)], (KeyValuePair<object, object?>[])m.GetValue(1)!);
    }

    [Fact]
    public void FailedRowIsUndone()
    {
        var schema = new Schema(
            new Field("i", DataType.Int32), new Field("b", DataType.Bool), new Field("s", DataType.String),
            new Field("l", DataType.List(DataType.Int64)), new Field("x", DataType.Int64));
        var b = new RecordBatchBuilder(schema);
        for (var r = 0; r < 10; r++)
        {
            b.AppendRow([r, r % 2 == 0 ? null : true, r % 3 == 0 ? null : "v" + r, new object?[] { (long)r }, (long)r]);
        }

        var e = Assert.Throws<InvalidCastException>(() => b.AppendRow([10, false, "bad", new object?[] { 1L }, "not a long"]));
        Assert.Contains("column 'x' (row 10)", e.Message);
        Assert.All(b.Builders, c => Assert.Equal(10, c.Length));
        Assert.Throws<ArgumentException>(() => b.AppendRow([11, null, null, new object?[] { 1L }]));
        b.AppendRow([11, false, null, null, 11L]);
        var batch = b.Build();
        Assert.Equal(11, batch.Length);
        Assert.Equal(new object?[] { 11, false, null, null, 11L }, batch.GetRow(10));
        Assert.Equal(new object?[] { 8, null, "v8", new object?[] { 8L }, 8L }, batch.GetRow(8));
        Assert.Equal(5, batch.Column("b").NullCount);
        Assert.Equal(5, batch.Column("s").NullCount);
        Assert.Equal(10, ((ListColumn)batch.Column("l")).Values.Length);
    }

    [Fact]
    public void TruncationKeepsBitmapsConsistent()
    {
        var b = new BooleanColumnBuilder();
        for (var i = 0; i < 13; i++)
        {
            if (i % 4 == 0)
            {
                b.AppendNull();
            }
            else
            {
                b.Append(true);
            }
        }

        b.Truncate(6);
        Assert.Equal(6, b.Length);
        Assert.Equal(2, b.NullCount);
        b.Append(false);
        b.AppendNull();
        var c = b.Build();
        Assert.Equal(new object?[] { null, true, true, true, null, true, false, null }, Enumerable.Range(0, 8).Select(c.GetValue).ToArray());
        Assert.Equal(3, c.NullCount);
        Assert.Equal(4, c.CountTrue());
    }
}
