using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.IO.Ipc;
using Fugue.Schemas;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

/// <summary>
/// Files written by apache-arrow (JS) 21.2 and nodejs-polars 0.26 (see Data/make-fixtures.mjs): dictionary-encoded
/// strings, LargeUtf8, Utf8View, LargeList, LZ4_FRAME and ZSTD bodies, all read into our plain layouts.
/// </summary>
public class ArrowInteropFixtureTests
{
    internal static string DataFile(string name, [CallerFilePath] string source = "")
    {
        var near = Path.Combine(Path.GetDirectoryName(source) ?? "", "Data", name);
        if (File.Exists(near))
        {
            return near;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fugue.Runtime.Tests", "IO", "Ipc", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("IPC fixture not found", name);
    }

    private static readonly Schema ArrowJsSchema = new(
        new Field("cat", DataType.String),
        new Field("n", DataType.Int32),
        new Field("big", DataType.Int64),
        new Field("x", DataType.Float64),
        new Field("s", DataType.String),
        new Field("ls", DataType.String),
        new Field("b", DataType.Bool),
        new Field("l", DataType.List(DataType.Int32)),
        new Field("st", DataType.Struct(new Field("p", DataType.Int32), new Field("q", DataType.String))),
        new Field("d", DataType.Date),
        new Field("ts", DataType.Timestamp(TimeUnit.Millisecond)));

    private static RecordBatch ArrowJsExpected() => RecordBatch.FromRows(ArrowJsSchema,
    [
        ["red", 1, 1L, 0.5, "a", "large", true, new object?[] { 1, 2 }, new Dictionary<string, object?> { ["p"] = 1, ["q"] = "a" },
            new DateOnly(2020, 1, 2), new DateTime(2021, 6, 7, 8, 9, 10, 123)],
        ["green", 2, -2L, null, "bb", null, false, new object?[0], new Dictionary<string, object?> { ["p"] = null, ["q"] = "b" },
            null, null],
        ["red", null, 3L, -1.25, null, "x", null, null, null, new DateOnly(1969, 12, 31), new DateTime(1970, 1, 1)],
        [null, 4, null, 3.0, "", "y", true, new object?[] { 3 }, new Dictionary<string, object?> { ["p"] = 4, ["q"] = null },
            new DateOnly(1970, 1, 1), new DateTime(1969, 12, 31, 23, 59, 59)],
        ["blue", 5, 9007199254740993L, 1e300, "ünï", "z", false, new object?[] { 4, null }, new Dictionary<string, object?> { ["p"] = 5, ["q"] = "e" },
            new DateOnly(2024, 2, 29), new DateTime(2000, 1, 1)],
    ]);

    private static readonly Schema PolarsSchema = new(
        new Field("i", DataType.Int64),
        new Field("f", DataType.Float64),
        new Field("s", DataType.String),
        new Field("b", DataType.Bool),
        new Field("d", DataType.Date),
        new Field("dt", DataType.Timestamp(TimeUnit.Millisecond)),
        new Field("l", DataType.List(DataType.Int32)),
        new Field("cat", DataType.String));

    private static RecordBatch PolarsExpected() => RecordBatch.FromRows(PolarsSchema,
    [
        [1L, 1.5, "a", true, new DateOnly(2020, 1, 2), new DateTime(2021, 6, 7, 8, 9, 10, 123), new object?[] { 1, 2 }, "u"],
        [null, 2.5, null, false, null, null, new object?[] { 3 }, "v"],
        [3L, null, "a much longer string than twelve bytes", null, new DateOnly(1969, 12, 31), new DateTime(1970, 1, 1), null, "u"],
    ]);

    private static RecordBatch Single(Schema schema, IReadOnlyList<RecordBatch> batches) =>
        batches.Count == 1 ? batches[0] : RecordBatch.Concat(batches.ToList());

    [Fact]
    public void ReadsApacheArrowJsStream()
    {
        var (schema, batches) = ArrowIpc.Deserialize(File.ReadAllBytes(DataFile("arrowjs.arrows")));
        IpcTestData.AssertEqual(ArrowJsExpected(), Single(schema, batches));
    }

    [Fact]
    public void ReadsApacheArrowJsFile()
    {
        using var r = new ArrowFileReader(File.OpenRead(DataFile("arrowjs.arrow")));
        IpcTestData.AssertEqual(ArrowJsExpected(), Single(r.Schema, r.ReadAll().ToList()));
    }

    [Theory]
    [InlineData("polars.arrow")]
    [InlineData("polars-lz4.arrow")]
    [InlineData("polars-zstd.arrow")]
    public void ReadsPolarsFiles(string name)
    {
        using var r = new ArrowFileReader(File.ReadAllBytes(DataFile(name)));
        IpcTestData.AssertEqual(PolarsExpected(), Single(r.Schema, r.ReadAll().ToList()));
    }

    [Fact]
    public void ReadsPolarsStream()
    {
        using var r = new ArrowStreamReader(File.OpenRead(DataFile("polars.arrows")));
        IpcTestData.AssertEqual(PolarsExpected(), Single(r.Schema, r.ReadBatches().ToList()));
    }

    [Fact]
    public void ReadsDateMillisecondsLargeBinaryZonedTimestampsAndMaps()
    {
        var schema = new Schema(
            new Field("dms", DataType.Date),
            new Field("lb", DataType.Binary),
            new Field("tz", DataType.Timestamp(TimeUnit.Microsecond, "UTC")),
            new Field("m", DataType.Map(DataType.String, DataType.Int32)));
        var expected = RecordBatch.FromRows(schema,
        [
            [new DateOnly(2020, 1, 2), new byte[] { 1, 2, 3 }, new DateTime(2021, 1, 1, 12, 0, 0, DateTimeKind.Utc),
                new KeyValuePair<object, object?>[] { new("a", 1), new("b", null) }],
            [null, null, null, null],
            [new DateOnly(1969, 12, 31), Array.Empty<byte>(), new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), Array.Empty<KeyValuePair<object, object?>>()],
        ]);
        var (read, batches) = ArrowIpc.Deserialize(File.ReadAllBytes(DataFile("arrowjs-more.arrows")));
        IpcTestData.AssertEqual(expected, Single(read, batches));
    }

    [Fact]
    public void ReadsASecondDictionaryForLaterBatches()
    {
        var (schema, batches) = ArrowIpc.Deserialize(File.ReadAllBytes(DataFile("arrowjs-dict2.arrows")));
        Assert.Equal(Schema.Parse("c:str"), schema);
        Assert.Equal(2, batches.Count);
        Assert.Equal(new object?[] { "x", "y", "x" }, Enumerable.Range(0, 3).Select(i => batches[0].GetValue(i, 0)));
        Assert.Equal(new object?[] { "z", null, "x", "w" }, Enumerable.Range(0, 4).Select(i => batches[1].GetValue(i, 0)));
    }
}
