using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.IO.Files.FilesTestSupport;

namespace Fugue.Runtime.Tests.IO.Files;

public class FileLoaderTests
{
    [Fact]
    public void Load_IsALazyReplayableBatchStream()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.parquet");
        FileSaver.Save(TestSchema, Batches(3, 10), path, options: new Dictionary<string, object?> { ["row_group_size"] = 10 });
        var df = FileLoader.Load(path);
        Assert.True(df.IsBatchStream);
        Assert.True(df.IsReplayable);
        Assert.Equal(3, df.AsBatches().Count());
        Assert.Equal(30, df.Count());
        Assert.Equal(30, df.AsArray().Count);
    }

    [Fact]
    public void Load_FolderFormatComesFromItsFiles()
    {
        using var tmp = new TempDir();
        var folder = tmp.Combine("data");
        FileSaver.Save(TestSchema, Batches(2, 3), Path.Combine(folder, "p.json"));
        Assert.Equal(FileFormat.Json, FileLoader.DetectLoadFormat([folder], null));
        Assert.Equal(6, FileLoader.Load(folder).Count());
    }

    [Fact]
    public void Load_ColumnsProjectAndSchemasCast()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.arrow");
        FileSaver.Save(TestSchema, Batches(1, 3), path);
        var projected = FileLoader.Load(path, columns: ["s", "a"]);
        Assert.Equal(Schema.Parse("s:str,a:long"), projected.Schema);
        Assert.Equal(["v2", 2L], projected.AsArray()[2]);
        var cast = FileLoader.Load([path], null, Schema.Parse("a:str"));
        Assert.Equal([["0"], ["1"], ["2"]], cast.AsArray());
        Assert.Throws<InvalidDataException>(() => FileLoader.Load(path, columns: ["nope"]));
    }

    [Fact]
    public void Load_CsvErrorCasesOfTheSpec()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        Assert.Throws<ArgumentException>(() => FileLoader.Load(path));
        Assert.Throws<ArgumentException>(() => FileLoader.Load([path], null, Schema.Parse("a:int,b:int"),
            new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true }));
        var inferred = FileLoader.Load(path, null, null, new Dictionary<string, object?> { ["header"] = "True", ["infer_schema"] = true });
        Assert.Equal(Schema.Parse("a:long,b:long"), inferred.Schema);

        // header=0 is pandas' "the header is row 0", which Fugue accepts; other values are rejected.
        Assert.Equal(Schema.Parse("a:str,b:str"), FileLoader.Load(path, null, null, new Dictionary<string, object?> { ["header"] = 0 }).Schema);
        Assert.Equal(Schema.Parse("a:str,b:str"), FileLoader.Load(path, null, null, new Dictionary<string, object?> { ["header"] = "0" }).Schema);
        Assert.Throws<ArgumentException>(() => FileLoader.Load(path, null, null, new Dictionary<string, object?> { ["header"] = 2 }));
    }

    [Fact]
    public void Load_LaterFilesUseTheFirstFilesSchema()
    {
        using var tmp = new TempDir();
        var folder = tmp.Combine("f");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "1.csv"), "a,b\n1,x\n");
        File.WriteAllText(Path.Combine(folder, "2.csv"), "a,b\n2.5,y\n");
        var df = FileLoader.Load(folder, null, null, new Dictionary<string, object?> { ["header"] = true, ["infer_schema"] = true });
        Assert.Equal(Schema.Parse("a:long,b:str"), df.Schema);
        Assert.ThrowsAny<Exception>(() => df.AsArray());
    }

    [Fact]
    public void Load_Cancellation()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.parquet");
        FileSaver.Save(TestSchema, Batches(2, 3), path);
        using var cts = new CancellationTokenSource();
        var df = FileLoader.Load(path, cancellationToken: cts.Token);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => df.AsArray());
    }

    [Fact]
    public void Load_HiveKeyTypesInferred()
    {
        using var tmp = new TempDir();
        var schema = Schema.Parse("a:long,i:long,d:double,s:str");
        var df = new ArrayDataFrame([[1L, -3L, 2.5, "01"], [2L, 4L, 3.0, "x"]], schema);
        FileSaver.Save(df, tmp.Combine("h"), "json", partitionKeys: ["i", "d", "s"]);
        var loaded = FileLoader.Load(tmp.Combine("h"), "json");
        Assert.Equal(Schema.Parse("a:long,i:long,d:double,s:str"), loaded.Schema);
        Assert.Equal([[1L, -3L, 2.5, "01"], [2L, 4L, 3.0, "x"]], loaded.AsArray().OrderBy(r => (long)r[0]!).ToList());
    }
}
