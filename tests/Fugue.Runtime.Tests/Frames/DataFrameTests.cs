using Fugue.Frames;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

/// <summary>
/// Port of Fugue's <c>fugue_test/dataframe_suite.py</c> (spec 7.2, tests 1-24). Each frame type binds it with a
/// one-line subclass implementing <see cref="Create"/>. Python-specific cases map to their C# equivalents:
/// pandas/arrow conversions become <c>AsArray</c>/<c>AsBatches</c>, the native frame is <see cref="DataFrame.Native"/>.
/// </summary>
public abstract class DataFrameTests
{
    /// <summary>Builds the frame type under test from rows and a schema expression.</summary>
    protected abstract DataFrame Create(IEnumerable<object?[]> rows, string schema);

    private DataFrame Df(string schema, params object?[][] rows) => Create(rows, schema);

    private static readonly object?[][] NoRows = [];

    // 1. test_native
    [Fact]
    public void Native()
    {
        var df = Df("a:str,b:int", R("a", 1));
        var native = df.Native;
        Assert.NotNull(native);
        Assert.IsNotAssignableFrom<DataFrame>(native);
        Assert.Same(native, df.Native);
    }

    // 2. test_peek
    [Fact]
    public void Peek()
    {
        var empty = Df("x:str,y:double");
        Assert.True(empty.IsEmpty);
        Assert.Throws<FugueDatasetEmptyException>(() => empty.PeekArray());
        Assert.Throws<FugueDatasetEmptyException>(() => empty.PeekDict());

        var df = Df("x:str,y:double", R("a", 1.0), R("b", 2.0));
        Assert.True(!df.IsBounded || df.Count() == 2);
        Assert.False(df.IsEmpty);
        Rows.Equal(R("a", 1.0), df.PeekArray());
        Rows.Equal(new Dictionary<string, object?> { ["x"] = "a", ["y"] = 1.0 }, df.PeekDict());
        // Peeking does not consume anything.
        Rows.Equal([R("a", 1.0), R("b", 2.0)], df.AsArray());
    }

    // 3. test_as_pandas: the C# equivalent is a full local read.
    [Fact]
    public void AsArrayFullRead()
    {
        var df = Df("a:str,b:int", R("a", 1), R("b", null));
        Rows.Equal([R("a", 1), R("b", null)], df.AsArray());
        Assert.True(df.AsLocal().IsLocal);
        Assert.Empty(Df("a:str,b:int").AsArray());
    }

    // 3/18. test_as_pandas / test_as_arrow: the columnar stream carries the same values under the frame's schema.
    [Fact]
    public void AsBatches()
    {
        Assert.Equal(0, Df("a:str,b:int").AsBatches().Sum(b => b.Length));

        var ts = new DateTime(2020, 1, 1, 3, 4, 5);
        var df = Df("a:datetime,b:[float],c:{b:bool},d:[{b:[long]}]",
            R(ts, new object?[] { float.NaN, 2.0f }, new Dictionary<string, object?> { ["b"] = true }, new object?[] { new Dictionary<string, object?> { ["b"] = new object?[] { 1L } } }),
            R(null, null, null, null));
        var batches = df.AsBatches().ToList();
        Assert.All(batches, b => Assert.True(b.Schema == df.Schema));
        var rows = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => b.Columns.Select(c => c.GetValue(i)).ToArray())).ToList();
        Rows.Equal(
            [
                R(ts, new object?[] { float.NaN, 2.0f }, new Dictionary<string, object?> { ["b"] = true }, new object?[] { new Dictionary<string, object?> { ["b"] = new object?[] { 1L } } }),
                R(null, null, null, null),
            ],
            rows);

        var columnar = df.ToColumnar();
        Assert.True(columnar.IsLocal && columnar.IsBounded);
        Assert.Equal(2, columnar.Count());
        Rows.Equal(df.AsArray(), columnar.AsArray());
        Rows.Equal(df.AsArray(), df.ToArrayDataFrame().AsArray());
    }

    // 4. test_as_local
    [Fact]
    public void AsLocal()
    {
        var df = Df("a:str,b:int");
        Assert.True(df.AsLocal().IsLocal);
        var bounded = df.AsLocalBounded();
        Assert.True(bounded.IsLocal);
        Assert.True(bounded.IsBounded);

        df = Df("a:str,b:int", R("x", 1));
        df.Metadata = new Dictionary<string, object?> { ["a"] = 1 };
        Assert.Equal(1, df.AsLocal().Metadata["a"]);
        Assert.Equal(1, df.AsLocalBounded().Metadata["a"]);
        Rows.Equal([R("x", 1)], df.AsLocalBounded().AsArray());
    }

    // 5. test_drop_columns
    [Fact]
    public void DropColumns()
    {
        var df = Df("a:str,b:int");
        var dropped = df.DropColumns("a");
        Assert.True(dropped.Schema == "b:int");
        Assert.Throws<FugueDataFrameOperationException>(() => df.DropColumns("a", "b"));
        Assert.Throws<FugueDataFrameOperationException>(() => df.DropColumns("c"));

        df = Df("a:str,b:int", R("a", 1));
        dropped = df.DropColumns("a");
        Assert.True(dropped.Schema == "b:int");
        Rows.Equal([R(1)], dropped.AsArray());
        Assert.Throws<FugueDataFrameOperationException>(() => df.DropColumns("b", "a"));
        Assert.Throws<FugueDataFrameOperationException>(() => df.DropColumns("a", "c"));
        Assert.True(df.Schema == "a:str,b:int");
    }

    // 6. test_select
    [Fact]
    public void SelectColumns()
    {
        var df = Df("a:str,b:int");
        Assert.True(df.SelectColumns("b").Schema == "b:int");
        Assert.Throws<FugueDataFrameOperationException>(() => df.SelectColumns(Array.Empty<string>()));
        Assert.Throws<FugueDataFrameOperationException>(() => df.SelectColumns("c"));

        df = Df("a:str,b:int,c:double", R("a", 1, 2.5));
        var selected = df.SelectColumns("c", "a");
        Assert.True(selected.Schema == "c:double,a:str");
        Rows.Equal([R(2.5, "a")], selected.AsArray());
        Assert.Throws<FugueDataFrameOperationException>(() => df.SelectColumns("a", "x"));
    }

    // 7. test_rename
    [Fact]
    public void Rename()
    {
        var df = Df("a:str,b:int");
        var renamed = df.Rename(new Dictionary<string, string> { ["a"] = "aa" });
        Assert.True(renamed.Schema == "aa:str,b:int");
        Assert.True(df.Schema == "a:str,b:int");

        df = Df("a:str,b:int", R("a", 1));
        renamed = df.Rename(new Dictionary<string, string> { ["a"] = "aa" });
        Assert.True(renamed.Schema == "aa:str,b:int");
        Rows.Equal([R("a", 1)], renamed.AsArray());
        Assert.True(df.Schema == "a:str,b:int");
        Assert.Same(df, df.Rename(new Dictionary<string, string>()));
        Rows.Equal([R("a", 1)], df.AsArray());
    }

    // 8. test_rename_invalid
    [Fact]
    public void RenameInvalid()
    {
        var df = Df("a:str,b:int");
        Assert.Throws<FugueDataFrameOperationException>(() => df.Rename(new Dictionary<string, string> { ["aa"] = "ab" }));
        Assert.Throws<FugueDataFrameOperationException>(() => df.Rename(new Dictionary<string, string> { ["a"] = "b" }));
    }

    // 9. test_as_array
    [Fact]
    public void AsArray()
    {
        var df = Df("a:str,b:int");
        Assert.Empty(df.AsArray());
        Assert.Empty(df.AsArray(typeSafe: true));
        Assert.Empty(df.AsArrayIterable());
        Assert.Empty(df.AsArrayIterable(typeSafe: true));

        df = Df("a:str,b:int", R("a", 1));
        Rows.Equal([R("a", 1)], df.AsArray());
        Rows.Equal([R("a", 1)], df.AsArray(["a", "b"]));
        Rows.Equal([R(1, "a")], df.AsArray(["b", "a"]));
        Rows.Equal([R(1, "a")], df.AsArrayIterable(["b", "a"], typeSafe: true));
        Assert.Throws<FugueDataFrameOperationException>(() => df.AsArray(["c"]));

        // Values become the canonical type of the column (a long given for an int column is an int).
        df = Df("a:double,b:int", R(1.0f, 2L));
        var row = Assert.Single(df.AsArray(typeSafe: true));
        Assert.IsType<double>(row[0]);
        Assert.IsType<int>(row[1]);
        Rows.Equal([R(1.0, 2)], df.AsArrayIterable(typeSafe: true));
    }

    // 10. test_as_array_special_values: timestamps stay DateTime, nulls stay null; NaN stays NaN (not pandas-backed).
    [Fact]
    public void AsArraySpecialValues()
    {
        var ts = new DateTime(2020, 1, 1, 3, 4, 5);
        var df = Df("a:datetime,b:int", R(ts, 1), R(null, null));
        Rows.Equal([R(ts, 1), R(null, null)], df.AsArray(typeSafe: true));
        Rows.Equal([R(ts, 1), R(null, null)], df.AsArrayIterable(typeSafe: true));

        df = Df("a:double,b:int", R(double.NaN, 1), R(double.PositiveInfinity, 2), R(null, 3));
        Rows.Equal([R(double.NaN, 1), R(double.PositiveInfinity, 2), R(null, 3)], df.AsArray(typeSafe: true));
    }

    // 11. test_as_dict_iterable
    [Fact]
    public void AsDictIterable()
    {
        var ts = new DateTime(2020, 1, 1);
        var df = Df("a:datetime,b:int", R(null, 1), R(ts, 2));
        var dicts = df.AsDictIterable().ToList();
        Rows.Equal(new Dictionary<string, object?> { ["a"] = null, ["b"] = 1 }, dicts[0]);
        Rows.Equal(new Dictionary<string, object?> { ["a"] = ts, ["b"] = 2 }, dicts[1]);
        Rows.Equal(new Dictionary<string, object?> { ["b"] = 2 }, df.AsDictIterable(["b"]).Last());
        Assert.Empty(Df("a:int").AsDictIterable());
    }

    // 12. test_as_dicts
    [Fact]
    public void AsDicts()
    {
        var ts = new DateTime(2020, 1, 1);
        var df = Df("a:datetime,b:int", R(null, 1), R(ts, 2));
        var dicts = df.AsDicts();
        Assert.Equal(2, dicts.Count);
        Rows.Equal(new Dictionary<string, object?> { ["a"] = null, ["b"] = 1 }, dicts[0]);
        Rows.Equal(new Dictionary<string, object?> { ["a"] = ts, ["b"] = 2 }, dicts[1]);
        var subset = df.AsDicts(["b", "a"]);
        Assert.Equal(["b", "a"], subset[1].Keys);
        Assert.Empty(Df("a:int").AsDicts());
    }

    // 13. test_list_type
    [Fact]
    public void ListType()
    {
        var df = Df("a:[int]", One(new object?[] { 1, 2 }), R((object?)null), R(new List<int> { 3 }), One(Array.Empty<object?>()));
        Rows.Equal([One(new object?[] { 1, 2 }), R((object?)null), One(new object?[] { 3 }), One(Array.Empty<object?>())], df.AsArray(typeSafe: true));
        Assert.True(df.Schema == "a:[int]");
    }

    // 14. test_struct_type
    [Fact]
    public void StructType()
    {
        var df = Df("x:{a:int}", R(new Dictionary<string, object?> { ["a"] = 1 }), R((object?)null));
        Rows.Equal([R(new Dictionary<string, object?> { ["a"] = 1 }), R((object?)null)], df.AsArray(typeSafe: true));
    }

    // 15. test_map_type: values are lists of (key, value) pairs.
    [Fact]
    public void MapType()
    {
        var df = Df("x:<str,int>", R(new[] { ("a", 1), ("b", 2) }), R(new Dictionary<string, int> { ["c"] = 3 }), R((object?)null));
        var expected = new[]
        {
            R(new[] { new KeyValuePair<object, object?>("a", 1), new KeyValuePair<object, object?>("b", 2) }),
            R(new[] { new KeyValuePair<object, object?>("c", 3) }),
            R((object?)null),
        };
        Rows.Equal(expected, df.AsArray(typeSafe: true));
    }

    // 16. test_deep_nested_types: a missing struct field becomes null, an extra field is dropped.
    [Fact]
    public void DeepNestedTypes()
    {
        var df = Df("a:{a:str,b:[int]}",
            R(new Dictionary<string, object?> { ["a"] = "x", ["b"] = new[] { 1, 2 } }),
            R(new Dictionary<string, object?> { ["b"] = new[] { 3 }, ["c"] = 9 }));
        Rows.Equal(
            [
                R(new Dictionary<string, object?> { ["a"] = "x", ["b"] = new object?[] { 1, 2 } }),
                R(new Dictionary<string, object?> { ["a"] = null, ["b"] = new object?[] { 3 } }),
            ],
            df.AsArray(typeSafe: true));

        df = Df("a:[{a:str,b:[int]}]",
            One(new object?[] { new Dictionary<string, object?> { ["a"] = "x", ["b"] = new object?[] { 1, null } }, null }));
        Rows.Equal(
            [One(new object?[] { new Dictionary<string, object?> { ["a"] = "x", ["b"] = new object?[] { 1, null } }, null })],
            df.AsArray(typeSafe: true));
    }

    // 17. test_binary_type
    [Fact]
    public void BinaryType()
    {
        var df = Df("a:int,b:bytes", R(1, new byte[] { 1, 5 }), R(2, null));
        Rows.Equal([R(1, new byte[] { 1, 5 }), R(2, null)], df.AsArray(typeSafe: true));
    }

    // 18. test_as_arrow: the C# equivalent is the nested/temporal round trip through the local bounded form.
    [Fact]
    public void NestedAndTemporalRoundTrip()
    {
        var ts = new DateTime(2020, 1, 1, 3, 4, 5, 123);
        var df = Df("a:datetime,b:[double],c:{b:bool},d:[{b:[long]}]",
            R(ts, new object?[] { double.NaN, 2.0 }, new Dictionary<string, object?> { ["b"] = true }, new object?[] { new Dictionary<string, object?> { ["b"] = new object?[] { 1L } } }),
            R(null, null, null, null));
        var expected = new[]
        {
            R(ts, new object?[] { double.NaN, 2.0 }, new Dictionary<string, object?> { ["b"] = true }, new object?[] { new Dictionary<string, object?> { ["b"] = new object?[] { 1L } } }),
            R(null, null, null, null),
        };
        var local = df.AsLocalBounded();
        Assert.True(local.IsLocal);
        Rows.Equal(expected, local.AsArray());
        Assert.Empty(Df("a:int").AsLocalBounded().AsArray());
    }

    // 19. test_head
    [Fact]
    public void Head()
    {
        var df = Df("a:str,b:int");
        Assert.Empty(df.Head(1).AsArray());
        df = Df("a:str,b:int", R("a", 1));
        Rows.Equal([R("a", 1)], df.Head(1).AsArray());
        Rows.Equal([R(1, "a")], df.Head(1, ["b", "a"]).AsArray());
        Assert.True(df.Head(1, ["b", "a"]).Schema == "b:int,a:str");
        Assert.Empty(df.Head(0).AsArray());
        Assert.True(df.Head(0).Schema == "a:str,b:int");

        df = Df("a:int", R(0), R(1), R(2), R(3));
        Rows.Equal([R(0), R(1)], df.Head(2).AsArray());
        Assert.Equal(4, df.Head(10).Count());
        var head = df.Head(2);
        Assert.True(head.IsLocal);
        Assert.True(head.IsBounded);
        Assert.Throws<ArgumentOutOfRangeException>(() => df.Head(-1));
        // Taking a head does not consume the frame.
        Assert.Equal(4, df.AsArray().Count);
    }

    // 20. test_show
    [Fact]
    public void Show()
    {
        var df = Df("a:str,b:int", R("x", 1), R(null, 22));
        var writer = new StringWriter();
        df.Show(writer, 10, withCount: true, title: "my title");
        var text = writer.ToString();
        Assert.StartsWith("my title\n" + df.GetType().Name + "\n", text, StringComparison.Ordinal);
        Assert.Contains("a:str|b:int\n-----+-----\nx    |1\nNULL |22\nTotal count: 2\n", text, StringComparison.Ordinal);
        Assert.Equal(text, df.ToTableString(10, withCount: true, title: "my title"));
        // Showing does not consume the frame.
        Assert.Equal(2, df.AsArray().Count);
        Df("a:str,b:int").Show(TextWriter.Null);
    }

    // 21. test_alter_columns
    [Fact]
    public void AlterColumns()
    {
        var df = Df("a:str,b:int");
        var altered = df.AlterColumns("b:str");
        Assert.True(altered.Schema == "a:str,b:str");
        Assert.Empty(altered.AsArray());

        df = Df("a:str,b:int", R("a", 1), R("c", null));
        altered = df.AlterColumns("b:int");
        Assert.True(altered.Schema == "a:str,b:int");
        Rows.Equal([R("a", 1), R("c", null)], altered.AsArray(typeSafe: true));
        altered = df.AlterColumns("b:str,a:str");
        Assert.True(altered.Schema == "a:str,b:str");
        Rows.Equal([R("a", "1"), R("c", null)], altered.AsArray(typeSafe: true));

        // bool -> str is lower case ("true"/"false").
        df = Df("a:bool,b:int", R(true, 1), R(false, 2), R(null, 3));
        Rows.Equal([R("true", 1), R("false", 2), R(null, 3)], df.AlterColumns("a:str").AsArray(typeSafe: true));

        // int -> str, int -> double
        df = Df("a:int,b:int", R(1, 1), R(null, 2));
        Rows.Equal([R("1", 1), R(null, 2)], df.AlterColumns("a:str").AsArray(typeSafe: true));
        Rows.Equal([R(1.0, 1), R(null, 2)], df.AlterColumns("a:double").AsArray(typeSafe: true));

        // double -> str, double -> int (truncation toward zero)
        df = Df("a:double,b:int", R(1.1, 1), R(null, 2), R(-2.9, 3));
        Rows.Equal([R("1.1", 1), R(null, 2), R("-2.9", 3)], df.AlterColumns("a:str").AsArray(typeSafe: true));
        Rows.Equal([R(1, 1), R(null, 2), R(-2, 3)], df.AlterColumns("a:int").AsArray(typeSafe: true));

        // date -> str, datetime -> str
        df = Df("a:date,b:datetime", R(new DateOnly(2020, 1, 1), new DateTime(2020, 1, 1, 3, 4, 5)), R(null, null));
        Rows.Equal([R("2020-01-01", "2020-01-01 03:04:05"), R(null, null)], df.AlterColumns("a:str,b:str").AsArray(typeSafe: true));

        // str -> bool, int, double, date, datetime
        df = Df("a:str,b:str,c:str,d:str,e:str",
            R("trUe", "123", "1.5", "2020-01-02", "2020-01-01 03:04:05"),
            R("false", "-4", "-2", "2020-01-03", "2020-01-02T03:04:05.5"),
            R(null, null, null, null, null));
        altered = df.AlterColumns("a:bool,b:int,c:double,d:date,e:datetime");
        Assert.True(altered.Schema == "a:bool,b:int,c:double,d:date,e:datetime");
        Rows.Equal(
            [
                R(true, 123, 1.5, new DateOnly(2020, 1, 2), new DateTime(2020, 1, 1, 3, 4, 5)),
                R(false, -4, -2.0, new DateOnly(2020, 1, 3), new DateTime(2020, 1, 2, 3, 4, 5, 500)),
                R(null, null, null, null, null),
            ],
            altered.AsArray(typeSafe: true));

        Assert.Throws<FugueDataFrameOperationException>(() => df.AlterColumns("x:int"));
    }

    // 22. test_alter_columns_invalid: may raise lazily (on read) for streams.
    [Fact]
    public void AlterColumnsInvalid()
    {
        var df = Df("a:str,b:int", R("1", 1), R("x", 2));
        var ex = Assert.Throws<FugueValueConversionException>(() =>
        {
            var altered = df.AlterColumns("a:int");
            altered.Show(TextWriter.Null);
            altered.AsArray();
        });
        Assert.Equal(1, ex.RowIndex);
        Assert.Equal("a", ex.ColumnName);
        Assert.Contains("\"x\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("to int", ex.Message, StringComparison.Ordinal);
    }

    // 23. test_get_column_names (NativeTests): names that look like numbers are kept.
    [Fact]
    public void ColumnNamesKept()
    {
        var df = Df("`0`:int,`1`:str,`2`:double", R(1, "a", 2.0));
        Assert.Equal(["0", "1", "2"], df.Schema.Names);
        Assert.Equal(["0", "1", "2"], df.PeekDict().Keys);
    }

    // 24. test_rename_any_names (NativeTests)
    [Fact]
    public void RenameAnyNames()
    {
        var df = Df("`0`:int,`1`:str,`2`:double", R(1, "a", 2.0));
        var renamed = df.Rename(new Dictionary<string, string> { ["0"] = "_0", ["1"] = "_1", ["2"] = "_2" });
        Assert.Equal(["_0", "_1", "_2"], renamed.Schema.Names);
        Rows.Equal([R(1, "a", 2.0)], renamed.AsArray());
        Assert.Same(df, df.Rename(new Dictionary<string, string>()));
    }
}

/// <summary>The suite over <see cref="ArrayDataFrame"/>.</summary>
public sealed class ArrayDataFrameSuiteTests : DataFrameTests
{
    /// <inheritdoc />
    protected override DataFrame Create(IEnumerable<object?[]> rows, string schema) => new ArrayDataFrame(rows, schema);
}

/// <summary>The suite over a replayable <see cref="IterableDataFrame"/> (each read re-enumerates the rows lazily).</summary>
public sealed class IterableDataFrameSuiteTests : DataFrameTests
{
    /// <inheritdoc />
    protected override DataFrame Create(IEnumerable<object?[]> rows, string schema)
    {
        var list = rows.ToList();
        return IterableDataFrame.Replayable(() => list, schema);
    }
}

/// <summary>The suite over <see cref="ColumnarDataFrame"/> (rows converted, then built into batches of 2 rows so multi-batch paths run).</summary>
public sealed class ColumnarDataFrameSuiteTests : DataFrameTests
{
    /// <inheritdoc />
    protected override DataFrame Create(IEnumerable<object?[]> rows, string schema) =>
        DataFrameTestFactories.Columnar(rows, schema, batchRows: 2);
}

/// <summary>The suite over a replayable batch-stream <see cref="IterableDataFrame"/>.</summary>
public sealed class IterableBatchDataFrameSuiteTests : DataFrameTests
{
    /// <inheritdoc />
    protected override DataFrame Create(IEnumerable<object?[]> rows, string schema)
    {
        var batches = DataFrameTestFactories.Columnar(rows, schema, batchRows: 3).Batches;
        return IterableDataFrame.Replayable(() => batches, schema);
    }
}
