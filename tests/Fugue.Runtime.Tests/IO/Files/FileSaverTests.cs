using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.IO.Parquet;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.IO.Files.FilesTestSupport;

namespace Fugue.Runtime.Tests.IO.Files;

public class FileSaverTests
{
    [Theory]
    [InlineData("out.parquet")]
    [InlineData("out.csv")]
    [InlineData("out.csv.gz")]
    [InlineData("out.json")]
    [InlineData("out.json.gz")]
    [InlineData("out.arrow")]
    [InlineData("out.feather")]
    public void SingleFile_RoundTripsEveryFormat(string name)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("sub", name);
        var options = name.Contains(".csv", StringComparison.Ordinal) ? new Dictionary<string, object?> { ["header"] = true } : null;
        FileSaver.Save(TestSchema, Batches(3, 10), path, options: options);
        Assert.True(File.Exists(path));
        Assert.Equal(["sub", Path.Combine("sub", name)], Snapshot(tmp.Root).Keys);
        var df = FileLoader.Load([path], null, TestSchema, options);
        Assert.Equal(TestSchema, df.Schema);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), Column(df, "a"));
        Assert.Equal("v29", df.AsArray().Last()[1]);
    }

    [Fact]
    public void Parts_WritesAFolderOfPartFiles_InParallel()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("out.parquet");
        FileSaver.Save(TestSchema, Batches(7, 100), path, partitions: 3, maxParallelism: 2);
        var files = Directory.GetFiles(path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"], files);
        Assert.All(Directory.GetFiles(path), f => Assert.True(ParquetReader.Open(f) is { RowCount: > 0 } r && Dispose(r)));
        Assert.Equal(Enumerable.Range(0, 700).Select(i => (long)i), Column(FileLoader.Load(path), "a"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Hive_RoundTripsKeysAsTypedColumns(int parallelism)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("hive");
        var schema = Schema.Parse("a:long,k:int,d:double,s:str");
        var df = new ArrayDataFrame(
            [[1L, 1, 0.5, "x"], [2L, 2, 0.5, "a/b=c"], [3L, 1, 1.5, null], [4L, 2, 0.5, "a/b=c"]], schema);
        FileSaver.Save(df, path, "parquet", partitionKeys: ["k", "d", "s"], maxParallelism: parallelism);
        Assert.True(File.Exists(Path.Combine(path, "k=2", "d=0.5", "s=a%2Fb%3Dc", "part-00000.parquet")));
        Assert.True(Directory.Exists(Path.Combine(path, "k=1", "d=1.5", "s=" + HivePartitioning.NullValue)));

        var loaded = FileLoader.Load(path, "parquet");
        Assert.Equal(Schema.Parse("a:long,k:long,d:double,s:str"), loaded.Schema);
        var rows = loaded.AsArray().OrderBy(r => (long)r[0]!).ToList();
        Assert.Equal([1L, 1L, 0.5, "x"], rows[0]);
        Assert.Equal([2L, 2L, 0.5, "a/b=c"], rows[1]);
        Assert.Equal([3L, 1L, 1.5, null], rows[2]);

        // A requested schema types the keys, and names can interleave keys and file columns.
        var typed = FileLoader.Load([path], "parquet", Schema.Parse("s:str,k:int,a:long"));
        Assert.Equal(Schema.Parse("s:str,k:int,a:long"), typed.Schema);
        Assert.Equal(4, typed.Count());
    }

    [Fact]
    public void ModeError_FailsWhenThePathExists_AndLeavesItAlone()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.json");
        FileSaver.Save(TestSchema, Batches(1, 3), path, mode: FileSaveMode.Error);
        var before = Snapshot(tmp.Root);
        var ex = Assert.Throws<IOException>(() => FileSaver.Save(TestSchema, Batches(1, 5), path, mode: FileSaveMode.Error));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(tmp.Root));
    }

    [Fact]
    public void ModeAppend_AddsPartFiles_AndRefusesASingleFile()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.csv");
        FileSaver.Save(TestSchema, Batches(1, 3), path, mode: FileSaveMode.Append);
        FileSaver.Save(TestSchema, Batches(2, 3), path, mode: FileSaveMode.Append, partitions: 2);
        Assert.True(Directory.Exists(path));
        Assert.Equal(3, Directory.GetFiles(path).Length);
        var df = FileLoader.Load([path], null, TestSchema);
        Assert.Equal(new long[] { 0, 0, 1, 1, 2, 2, 3, 4, 5 }, Column(df, "a"));

        var hive = tmp.Combine("hive");
        var schema = Schema.Parse("a:long,k:long");
        FileSaver.Save(new ArrayDataFrame([[1L, 1L]], schema), hive, "parquet", FileSaveMode.Append, ["k"]);
        FileSaver.Save(new ArrayDataFrame([[2L, 1L], [3L, 2L]], schema), hive, "parquet", FileSaveMode.Append, ["k"]);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(hive, "k=1")).Length);
        Assert.Equal(3, FileLoader.Load(hive, "parquet").Count());

        var single = tmp.Combine("single.parquet");
        FileSaver.Save(TestSchema, Batches(1, 3), single);
        var ex = Assert.Throws<IOException>(() => FileSaver.Save(TestSchema, Batches(1, 3), single, mode: FileSaveMode.Append));
        Assert.Contains("single file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overwrite_ReplacesAFolderWithAFile_AndAFileWithAFolder()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.parquet");
        FileSaver.Save(TestSchema, Batches(4, 5), path, partitions: 2);
        Assert.True(Directory.Exists(path));
        FileSaver.Save(TestSchema, Batches(1, 2), path, partitions: 2, forceSingle: true);
        Assert.True(File.Exists(path));
        Assert.Equal(new long[] { 0, 1 }, Column(FileLoader.Load(path), "a"));
        FileSaver.Save(TestSchema, Batches(2, 2), path, partitions: 3);
        Assert.True(Directory.Exists(path));
        Assert.Equal(new long[] { 0, 1, 2, 3 }, Column(FileLoader.Load(path), "a"));
        Assert.Equal(["x.parquet", "x.parquet/part-00000.parquet", "x.parquet/part-00001.parquet", "x.parquet/part-00002.parquet"],
            Snapshot(tmp.Root).Keys.Select(k => k.Replace('\\', '/')));
    }

    [Fact]
    public void CsvOptions_AreApplied_AndUnknownOptionsRejected()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.csv");
        FileSaver.Save(TestSchema, Batches(1, 2), path, options: new Dictionary<string, object?> { ["header"] = "true", ["delimiter"] = "|" });
        Assert.Equal("a|s\n0|v0\n1|v1\n", File.ReadAllText(path));
        var df = FileLoader.Load([path], null, ["s"], new Dictionary<string, object?> { ["header"] = true, ["delimiter"] = '|' });
        Assert.Equal([["v0"], ["v1"]], df.AsArray());
        Assert.Throws<ArgumentException>(() => FileSaver.Save(TestSchema, Batches(1, 2), path, options: new Dictionary<string, object?> { ["hedaer"] = true }));
        Assert.Throws<ArgumentException>(() => FileSaver.Save(TestSchema, Batches(1, 2), tmp.Combine("k"), "parquet", partitionKeys: ["nope"]));
    }

    private static bool Dispose(IDisposable d)
    {
        d.Dispose();
        return true;
    }
}

public class FileSaverStreamingTests
{
    [Fact]
    public void Save_WritesBatchesAsTheyCome()
    {
        // While the source is still producing, earlier batches are already in the (hidden) staging file: the save
        // holds one batch at a time, not the data set.
        using var tmp = new TempDir();
        var path = tmp.Combine("big.csv");
        var sizes = new List<long>();
        FileSaver.Save(TestSchema, Batches(5, 20000, onBatch: b =>
        {
            var staged = Directory.GetFiles(tmp.Root, ".big.csv.tmp-*");
            sizes.Add(staged.Length == 1 ? new FileInfo(staged[0]).Length : -1);
        }), path);
        Assert.True(sizes[4] > sizes[1] && sizes[1] > 0, string.Join(",", sizes));
        Assert.DoesNotContain(-1L, sizes);
        Assert.Equal(100000, FileLoader.Load([path], null, TestSchema).Count());
    }
}
