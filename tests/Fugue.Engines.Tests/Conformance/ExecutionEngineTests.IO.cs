using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;

namespace Fugue.Engines.Tests.Conformance;

// Cases 31-41 of spec 7.1 (load_df / save_df), plus Hive folders and the save modes through the engine.
public abstract partial class ExecutionEngineTests
{
    private static readonly Dictionary<string, object?> Header = new() { ["header"] = true };

    [Fact]
    public void IO_SaveSingleAndLoadParquet()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b");
        Directory.CreateDirectory(path);
        Engine.SaveDf(Df("c:int,a:long", [6, 1], [2, 7]), path, "parquet", forceSingle: true);
        Assert.True(File.Exists(path));
        DfAssert.Equal(Engine.LoadDf(path, "parquet", ["a", "c"]), "a:long,c:int", [1, 6], [7, 2]);

        Engine.SaveDf(Df("c:int,a:long", [60, 1], [20, 7]), path, "parquet", SaveMode.Overwrite);
        DfAssert.Equal(Engine.LoadDf(path, "parquet", ["a", "c"]), "a:long,c:int", [1, 60], [7, 20]);
    }

    [Fact]
    public void IO_SaveAndLoadParquet()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.parquet");
        Engine.SaveDf(Df("c:int,a:long", [6, 1], [2, 7]), path);
        DfAssert.Equal(Engine.LoadDf(path, columns: ["a", "c"]), "a:long,c:int", [1, 6], [7, 2]);
        DfAssert.Equal(Engine.LoadDf(path), "c:int,a:long", [6, 1], [2, 7]);
    }

    [Fact]
    public void IO_LoadParquetFolder()
    {
        using var tmp = new IOTempDir();
        var folder = tmp.Combine("folder");
        Engine.SaveDf(Df("c:int,a:long", [6, 1]), Path.Combine(folder, "a.parquet"));
        Engine.SaveDf(Df("c:int,a:long", [2, 7], [4, 8]), Path.Combine(folder, "b.parquet"));
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
        DfAssert.Equal(Engine.LoadDf(folder, "parquet", ["a", "c"]), "a:long,c:int", [1, 6], [7, 2], [8, 4]);
    }

    [Fact]
    public void IO_LoadParquetFiles()
    {
        using var tmp = new IOTempDir();
        var f1 = tmp.Combine("a.parquet");
        var f2 = tmp.Combine("b.parquet");
        Engine.SaveDf(Df("c:int,a:long", [6, 1]), f1);
        Engine.SaveDf(Df("c:int,a:long", [2, 7], [4, 8]), f2);
        DfAssert.Equal(Engine.LoadDf([f1, f2], columns: ["a", "c"]), "a:long,c:int", [1, 6], [7, 2], [8, 4]);
    }

    [Fact]
    public void IO_SaveSingleAndLoadCsv()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.csv");
        Directory.CreateDirectory(path);
        Engine.SaveDf(Df("c:double,a:double", [6.1, 1.1], [2.1, 7.1]), path, forceSingle: true, options: Header);
        Assert.True(File.Exists(path));

        DfAssert.Equal(Engine.LoadDf(path, options: new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = false }),
            "c:str,a:str", ["6.1", "1.1"], ["2.1", "7.1"]);
        DfAssert.Equal(Engine.LoadDf(path, options: new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true }),
            "c:double,a:double", [6.1, 1.1], [2.1, 7.1]);
        Assert.Throws<ArgumentException>(() => Engine.LoadDf(path, null, "c:double,a:double",
            new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true }));
        DfAssert.Equal(Engine.LoadDf(path, columns: ["a", "c"], options: Header), "a:str,c:str", ["1.1", "6.1"], ["7.1", "2.1"]);
        DfAssert.Equal(Engine.LoadDf(path, null, "a:double,c:double", Header), "a:double,c:double", [1.1, 6.1], [7.1, 2.1]);

        // Overwrite the single file with a folder of part files, then reload.
        Engine.SaveDf(Df("c:double,a:double", [1.0, 2.0], [3.0, 4.0], [5.0, 6.0]), path, partitionSpec: PartitionSpec.Num(2), options: Header);
        Assert.True(Directory.Exists(path));
        DfAssert.Equal(Engine.LoadDf(path, null, "a:double,c:double", Header), "a:double,c:double", [2.0, 1.0], [4.0, 3.0], [6.0, 5.0]);
    }

    [Fact]
    public void IO_SaveSingleAndLoadCsvNoHeader()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.csv");
        Directory.CreateDirectory(path);
        Engine.SaveDf(Df("c:double,a:str", [6.1, "1.1"], [2.1, "7.1"]), path, forceSingle: true);

        Assert.Throws<ArgumentException>(() => Engine.LoadDf(path, options: new Dictionary<string, object?> { ["header"] = false }));
        DfAssert.Equal(Engine.LoadDf(path, columns: ["c", "a"], options: new Dictionary<string, object?> { ["header"] = false }),
            "c:str,a:str", ["6.1", "1.1"], ["2.1", "7.1"]);
        DfAssert.Equal(Engine.LoadDf(path, columns: ["c", "a"], options: new Dictionary<string, object?> { ["header"] = false, ["infer_schema"] = true }),
            "c:double,a:double", [6.1, 1.1], [2.1, 7.1]);
        Assert.Throws<ArgumentException>(() => Engine.LoadDf(path, null, "c:double,a:double",
            new Dictionary<string, object?> { ["header"] = false, ["infer_schema"] = true }));
        DfAssert.Equal(Engine.LoadDf(path, null, "c:double,a:str", new Dictionary<string, object?> { ["header"] = false }),
            "c:double,a:str", [6.1, "1.1"], [2.1, "7.1"]);
    }

    [Fact]
    public void IO_SaveAndLoadCsv()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.csv");
        Engine.SaveDf(Df("c:double,a:double", [6.1, 1.1], [2.1, 7.1]), path, partitionSpec: PartitionSpec.Num(2), options: Header);
        DfAssert.Equal(Engine.LoadDf(path, columns: ["a", "c"], options: new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true }),
            "a:double,c:double", [1.1, 6.1], [7.1, 2.1]);
    }

    [Fact]
    public void IO_LoadCsvFolder()
    {
        using var tmp = new IOTempDir();
        var folder = tmp.Combine("folder");
        Engine.SaveDf(Df("c:int,a:long", [6, 1]), Path.Combine(folder, "a.csv"), options: Header);
        Engine.SaveDf(Df("c:int,a:long", [2, 7], [4, 8]), Path.Combine(folder, "b.csv"), options: Header);
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
        DfAssert.Equal(Engine.LoadDf(folder, "csv", ["a", "c"], new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true }),
            "a:long,c:long", [1, 6], [7, 2], [8, 4]);
    }

    [Fact]
    public void IO_SaveSingleAndLoadJson()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.json");
        Directory.CreateDirectory(path);
        Engine.SaveDf(Df("c:int,a:long", [6, 1], [2, 7]), path, forceSingle: true);
        Assert.True(File.Exists(path));
        DfAssert.Equal(Engine.LoadDf(path, columns: ["a", "c"]), "a:long,c:long", [1, 6], [7, 2]);

        Engine.SaveDf(Df("c:int,a:long", [60, 1], [20, 7]), path, "json", SaveMode.Overwrite);
        DfAssert.Equal(Engine.LoadDf(path, columns: ["a", "c"]), "a:long,c:long", [1, 60], [7, 20]);
    }

    [Fact]
    public void IO_SaveAndLoadJson()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("a", "b.json");
        var df = Engine.Repartition(Df("c:int,a:long", [6, 1], [2, 7], [3, 4], [4, 8], [6, 7]), PartitionSpec.Num(2));
        Engine.SaveDf(df, path, "json", partitionSpec: PartitionSpec.Num(2));
        DfAssert.Equal(Engine.LoadDf(path, "json", ["a", "c"]), "a:long,c:long", [1, 6], [7, 2], [4, 3], [8, 4], [7, 6]);
    }

    [Fact]
    public void IO_LoadJsonFolder()
    {
        using var tmp = new IOTempDir();
        var folder = tmp.Combine("folder");
        Engine.SaveDf(Df("c:int,a:long", [6, 1], [3, 4]), Path.Combine(folder, "a.json"));
        Engine.SaveDf(Df("c:int,a:long", [2, 7], [4, 8]), Path.Combine(folder, "b.json"));
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
        DfAssert.Equal(Engine.LoadDf(folder, "json", ["a", "c"]), "a:long,c:long", [1, 6], [4, 3], [7, 2], [8, 4]);
    }

    [Fact]
    public void IO_HivePartitionedSaveAndLoad()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("hive");
        Engine.SaveDf(Df("a:long,c:int,s:str", [1, 6, "x"], [2, 7, "y/z"], [3, 6, null]), path, "parquet",
            partitionSpec: PartitionSpec.By("c", "s"));
        Assert.True(Directory.Exists(Path.Combine(path, "c=6", "s=x")));
        Assert.True(Directory.Exists(Path.Combine(path, "c=7", "s=y%2Fz")));
        DfAssert.Equal(Engine.LoadDf(path, "parquet"), "a:long,c:long,s:str", [1, 6, "x"], [2, 7, "y/z"], [3, 6, null]);
        DfAssert.Equal(Engine.LoadDf(path, "parquet", ["c", "a"]), "c:long,a:long", [6, 1], [7, 2], [6, 3]);
        DfAssert.Equal(Engine.LoadDf(path, "parquet", "c:int,a:long"), "c:int,a:long", [6, 1], [7, 2], [6, 3]);
    }

    [Fact]
    public void IO_SaveModes()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("modes.parquet");
        Engine.SaveDf(Df("a:long", [1]), path, mode: SaveMode.Error);
        Assert.Throws<IOException>(() => Engine.SaveDf(Df("a:long", [2]), path, mode: SaveMode.Error));
        Assert.Throws<IOException>(() => Engine.SaveDf(Df("a:long", [2]), path, mode: SaveMode.Append));
        DfAssert.Equal(Engine.LoadDf(path), "a:long", [1]);

        var folder = tmp.Combine("append.parquet");
        Engine.SaveDf(Df("a:long", [1]), folder, mode: SaveMode.Append);
        Engine.SaveDf(Df("a:long", [2], [3]), folder, mode: SaveMode.Append);
        DfAssert.Equal(Engine.LoadDf(folder), "a:long", [1], [2], [3]);
    }

    [Fact]
    public void IO_SavesASinglePassStream()
    {
        using var tmp = new IOTempDir();
        var path = tmp.Combine("stream.parquet");
        var schema = Fugue.Schemas.Schema.Parse("a:long");
        var rows = Enumerable.Range(0, 5000).Select(i => (IReadOnlyList<object?>)new object?[] { (long)i });
        Engine.SaveDf(new IterableDataFrame(rows, schema), path, partitionSpec: PartitionSpec.Num(3));
        var loaded = Engine.LoadDf(path);
        Assert.Equal(5000, loaded.AsArray().Count);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), loaded.AsArray().Select(r => (long)r[0]!).Order());
    }

    [Fact]
    public void IO_UnsupportedFormat()
    {
        using var tmp = new IOTempDir();
        Assert.Throws<NotSupportedException>(() => Engine.SaveDf(Df("a:long", [1]), tmp.Combine("x.txt")));
        Assert.Throws<NotSupportedException>(() => Engine.SaveDf(Df("a:long", [1]), tmp.Combine("x.parquet"), "xlsx"));
    }

    /// <summary>A temporary folder deleted when the test ends.</summary>
    protected sealed class IOTempDir : IDisposable
    {
        /// <summary>Creates a fresh folder.</summary>
        public IOTempDir()
        {
            Root = Path.Combine(Path.GetTempPath(), "fugue-io-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        /// <summary>The folder.</summary>
        public string Root { get; }

        /// <summary>A path under the folder.</summary>
        public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

        /// <summary>Deletes the folder.</summary>
        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
