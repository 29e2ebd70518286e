using System.Text.Json;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.IO.Ipc;
using Fugue.Schemas;

namespace Fugue.Interop.Tests;

/// <summary>Writes our IPC files, has apache-arrow and Polars read them and write theirs, all in one node process.</summary>
public sealed class ArrowIpcFixture : IDisposable
{
    /// <summary>Our files: name, nested data?, stream (not file) format, compression.</summary>
    public static readonly (string Name, bool Nested, bool Stream, ArrowIpcCompression Compression)[] OurFiles =
    [
        ("flat-stream", false, true, ArrowIpcCompression.None),
        ("flat-file", false, false, ArrowIpcCompression.None),
        ("nested-stream", true, true, ArrowIpcCompression.None),
        ("nested-file", true, false, ArrowIpcCompression.None),
        ("flat-stream-zstd", false, true, ArrowIpcCompression.Zstd),
        ("nested-file-zstd", true, false, ArrowIpcCompression.Zstd),
        ("zoned-stream", false, true, ArrowIpcCompression.None),
    ];

    /// <summary>Peer files: name and the node job writing it.</summary>
    public static readonly (string Name, JsonObject Job)[] PeerFiles =
    [
        ("polars-file-views", new JsonObject { ["op"] = "polarsWriteIpc", ["frame"] = new JsonObject { ["rows"] = 700, ["nested"] = true, ["categorical"] = true } }),
        ("polars-stream-large", new JsonObject { ["op"] = "polarsWriteIpc", ["stream"] = true, ["frame"] = new JsonObject { ["rows"] = 700, ["nested"] = true } }),
        ("arrowjs-stream-dictionary", new JsonObject { ["op"] = "arrowjsWriteIpc", ["stream"] = true, ["frame"] = new JsonObject { ["rows"] = 700, ["dictionary"] = true, ["nested"] = true } }),
        ("arrowjs-file-dictionary", new JsonObject { ["op"] = "arrowjsWriteIpc", ["frame"] = new JsonObject { ["rows"] = 700, ["dictionary"] = true, ["nested"] = true } }),
    ];

    private readonly TempDir _temp = new();

    public ArrowIpcFixture()
    {
        Flat = SampleData.Flat(900);
        Nested = SampleData.Nested(600);
        Zoned = SampleData.Zoned(300);
        var jobs = new List<JsonObject>();
        foreach (var f in OurFiles)
        {
            var batch = Data(f.Name, f.Nested);
            var options = new ArrowIpcWriteOptions { Compression = f.Compression };
            using (var fs = File.Create(Path(f.Name)))
            {
                // several batches (slices of 300 / 1 / 599 rows), so that readers must concatenate them; with ZSTD this
                // also covers tiny decimal buffers, which Polars reads only when they are stored compressed
                var split = true;
                if (f.Stream)
                {
                    using var w = new ArrowStreamWriter(fs, batch.Schema, options);
                    WriteBatches(batch, split, w.WriteBatch);
                }
                else
                {
                    using var w = new ArrowFileWriter(fs, batch.Schema, options);
                    WriteBatches(batch, split, w.WriteBatch);
                }
            }

            // apache-arrow reads no compressed bodies, so compressed files go to Polars only
            if (f.Compression == ArrowIpcCompression.None)
            {
                jobs.Add(new JsonObject { ["op"] = "readIpc", ["engine"] = "arrowjs", ["path"] = Path(f.Name) });
            }

            jobs.Add(new JsonObject { ["op"] = "readIpc", ["engine"] = "polars", ["stream"] = f.Stream, ["path"] = Path(f.Name) });
        }

        foreach (var (name, job) in PeerFiles)
        {
            var j = (JsonObject)job.DeepClone();
            j["path"] = Path(name);
            jobs.Add(j);
        }

        var results = NodePeer.RunRaw([.. jobs]);
        var k = 0;
        foreach (var f in OurFiles)
        {
            if (f.Compression == ArrowIpcCompression.None)
            {
                Results[(f.Name, "arrowjs")] = results[k++];
            }

            Results[(f.Name, "polars")] = results[k++];
        }

        foreach (var (name, _) in PeerFiles)
        {
            Results[(name, "writer")] = results[k++];
        }
    }

    private static void WriteBatches(RecordBatch batch, bool split, Action<RecordBatch> write)
    {
        if (!split)
        {
            write(batch);
            return;
        }

        var third = batch.Length / 3;
        write(batch.Slice(0, third));
        write(batch.Slice(third, 1));
        write(batch.Slice(third + 1, batch.Length - third - 1));
    }

    public RecordBatch Flat { get; }

    public RecordBatch Nested { get; }

    public RecordBatch Zoned { get; }

    public RecordBatch Data(string name, bool nested) => name.StartsWith("zoned", StringComparison.Ordinal) ? Zoned : nested ? Nested : Flat;

    public string Path(string name) => _temp.File(name + ".arrow");

    public Dictionary<(string File, string Engine), JsonElement> Results { get; } = [];

    public void Dispose() => _temp.Dispose();
}

/// <summary>Arrow IPC streams and files interoperate with apache-arrow (JS) and Polars in both directions.</summary>
public sealed class ArrowIpcInteropTests(ArrowIpcFixture fixture) : IClassFixture<ArrowIpcFixture>
{
    public static TheoryData<string, string> OurFileReads
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var f in ArrowIpcFixture.OurFiles)
            {
                if (f.Compression == ArrowIpcCompression.None)
                {
                    data.Add(f.Name, "arrowjs");
                }

                data.Add(f.Name, "polars");
            }

            return data;
        }
    }

    public static TheoryData<string> PeerFileNames => new(ArrowIpcFixture.PeerFiles.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(OurFileReads))]
    public void OurIpcIsReadIdenticallyByPeer(string file, string engine)
    {
        var f = ArrowIpcFixture.OurFiles.Single(x => x.Name == file);
        var batch = fixture.Data(f.Name, f.Nested);
        var result = fixture.Results[(file, engine)];
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{engine} failed to read {file}: {(result.TryGetProperty("error", out var err) ? err.GetString() : "")}");
        if (engine == "polars" && f.Nested)
        {
            // Polars has no map type: it reads Arrow maps as lists of key/value structs
            var cols = PeerTable.Columns(result);
            var m = batch.Schema.IndexOf("m");
            Assert.Equal("list<struct<key:str,value:int64>>", cols[m].Type);
            PeerTable.AssertTable($"{engine} reading {file}", [batch.SelectColumns(batch.Schema.Names.Where(n => n != "m"))],
                WithoutColumn(result, "m"));
            return;
        }

        // Polars has no seconds unit: it holds such timestamps in milliseconds (the instants must still match)
        PeerTable.AssertTable($"{engine} reading {file}", [batch], result,
            c => engine == "polars" && c == "kolkata_s" ? "timestamp[ms,Asia/Kolkata]" : null);
    }

    [Theory]
    [MemberData(nameof(PeerFileNames))]
    public void PeerIpcIsReadIdenticallyByFugue(string file)
    {
        var result = fixture.Results[(file, "writer")];
        Assert.True(result.GetProperty("ok").GetBoolean(), $"peer failed to write {file}: {(result.TryGetProperty("error", out var err) ? err.GetString() : "")}");
        var bytes = File.ReadAllBytes(fixture.Path(file));
        List<RecordBatch> batches;
        if (file.Contains("stream", StringComparison.Ordinal))
        {
            batches = ArrowIpc.Deserialize(bytes).Batches;
            using var sr = new ArrowStreamReader(new MemoryStream(bytes));
            Assert.Equal(batches.Sum(b => b.Length), sr.ReadBatches().Sum(b => b.Length));
        }
        else
        {
            using var fr = new ArrowFileReader(bytes);
            batches = fr.ReadAll().ToList();
        }

        PeerTable.AssertTable($"Fugue reading {file}", batches, result);
        if (file.StartsWith("polars-file", StringComparison.Ordinal))
        {
            // the file really uses the view layouts Polars prefers
            Assert.Contains("Utf8View", result.GetProperty("fileTypes").EnumerateArray().Select(t => t.GetString()));
        }
    }

    private static JsonElement WithoutColumn(JsonElement result, string name)
    {
        var node = JsonNode.Parse(result.GetRawText())!.AsObject();
        var cols = node["columns"]!.AsArray();
        cols.Remove(cols.First(c => (string?)c!["name"] == name));
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
