using System.Text.Json;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.Interop.Tests;

/// <summary>Writes our nested Parquet files and has the peers read them and write theirs, in one node process.</summary>
public sealed class NestedParquetFixture : IDisposable
{
    public static readonly string[] Engines = ["duckdb", "polars", "arrowrs"];

    public static readonly (string Name, CompressionCodec Compression, int PageVersion, int RowGroupRows)[] OurFiles =
    [
        ("nested-snappy", CompressionCodec.Snappy, 1, 1 << 20),
        ("nested-zstd-v2-groups", CompressionCodec.Zstd, 2, 150),
    ];

    private const string DuckNestedSelect =
        "SELECT i::BIGINT AS id, "
        + "CASE WHEN i % 5 = 4 THEN NULL ELSE list_transform(range(i % 4), k -> CASE WHEN k = 1 AND i % 3 = 0 THEN NULL ELSE i * 1000000007 - k END) END AS lst, "
        + "CASE WHEN i % 6 = 2 THEN NULL ELSE list_transform(range(i % 3), k -> CASE WHEN k = 2 THEN NULL ELSE ['', 'a', 'Zürich', '東京'][(i + k) % 4 + 1] END) END AS strs, "
        + "CASE WHEN i % 7 = 6 THEN NULL ELSE {'x': CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 3 - 700)::INTEGER END, 'y': 'v' || i, 'when': TIMESTAMP '1999-12-31 23:59:59.123456' + to_microseconds(i * 3600000123)} END AS st, "
        + "CASE WHEN i % 8 = 7 THEN NULL ELSE map_from_entries(list_transform(range(i % 3), k -> {'key': 'k' || k, 'value': CASE WHEN k = 1 THEN NULL ELSE i * 10 + k END})) END AS m, "
        + "CASE WHEN i % 9 = 8 THEN NULL ELSE list_transform(range(i % 3), k -> {'a': (i + k)::INTEGER, 'b': list_transform(range(k + 1), q -> CASE WHEN q = 1 THEN NULL ELSE i * 0.5 - q END)}) END AS deep "
        + "FROM range(700) t(i) ORDER BY i";

    public static readonly (string Name, JsonObject Job)[] PeerFiles =
    [
        ("duckdb-nested", new JsonObject { ["op"] = "duckdbCopy", ["select"] = DuckNestedSelect, ["options"] = "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 256" }),
        ("polars-nested", new JsonObject { ["op"] = "polarsWrite", ["sink"] = true, ["frame"] = new JsonObject { ["rows"] = 700, ["nested"] = true } }),
        ("parquet-wasm-nested", new JsonObject { ["op"] = "parquetWasmWrite", ["default"] = true, ["frame"] = new JsonObject { ["rows"] = 700, ["nested"] = true, ["dictionary"] = true } }),
    ];

    private readonly TempDir _temp = new();

    public NestedParquetFixture()
    {
        Batch = SampleData.Nested(700);
        var jobs = new List<JsonObject>();
        foreach (var f in OurFiles)
        {
            var options = new ParquetWriterOptions { Compression = f.Compression, DataPageVersion = f.PageVersion, RowGroupRowCount = f.RowGroupRows, DataPageRowCount = 100 };
            using (var w = ParquetWriter.Create(Path(f.Name), Batch.Schema, options))
            {
                w.Write(Batch.Slice(0, 333));
                w.Write(Batch.Slice(333, 367));
            }

            jobs.AddRange(Engines.Select(e => new JsonObject { ["op"] = "readParquet", ["engine"] = e, ["path"] = Path(f.Name) }));
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
            foreach (var e in Engines)
            {
                Results[(f.Name, e)] = results[k++];
            }
        }

        foreach (var (name, _) in PeerFiles)
        {
            Results[(name, "writer")] = results[k++];
        }
    }

    public RecordBatch Batch { get; }

    public string Path(string name) => _temp.File(name + ".parquet");

    public Dictionary<(string File, string Engine), JsonElement> Results { get; } = [];

    public void Dispose() => _temp.Dispose();
}

/// <summary>Nested Parquet columns (lists, structs, maps, lists of structs of lists) interoperate in both directions.</summary>
public sealed class NestedParquetInteropTests(NestedParquetFixture fixture) : IClassFixture<NestedParquetFixture>
{
    public static TheoryData<string, string> OurFileReads
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var f in NestedParquetFixture.OurFiles)
            {
                foreach (var e in NestedParquetFixture.Engines)
                {
                    data.Add(f.Name, e);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> PeerFileNames => new(NestedParquetFixture.PeerFiles.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(OurFileReads))]
    public void OurNestedParquetIsReadIdenticallyByPeer(string file, string engine)
    {
        var result = fixture.Results[(file, engine)];
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{engine} failed to read {file}: {(result.TryGetProperty("error", out var err) ? err.GetString() : "")}");
        var batch = fixture.Batch;
        if (engine == "polars")
        {
            // Polars has no map type: it reads maps as lists of key/value structs
            var cols = PeerTable.Columns(result);
            Assert.Equal("list<struct<key:str,value:int64>>", cols[batch.Schema.IndexOf("m")].Type);
            batch = batch.SelectColumns(batch.Schema.Names.Where(n => n != "m"));
            result = WithoutColumn(result, "m");
        }

        PeerTable.AssertTable($"{engine} reading {file}", [batch], result);
    }

    [Theory]
    [MemberData(nameof(PeerFileNames))]
    public void PeerNestedParquetIsReadIdenticallyByFugue(string file)
    {
        var result = fixture.Results[(file, "writer")];
        Assert.True(result.GetProperty("ok").GetBoolean(), $"peer failed to write {file}: {(result.TryGetProperty("error", out var err) ? err.GetString() : "")}");
        using var reader = ParquetReader.Open(fixture.Path(file));
        PeerTable.AssertTable($"Fugue reading {file}", reader.ReadRowGroups().ToList(), result);
    }

    private static JsonElement WithoutColumn(JsonElement result, string name)
    {
        var node = JsonNode.Parse(result.GetRawText())!.AsObject();
        var cols = node["columns"]!.AsArray();
        cols.Remove(cols.First(c => (string?)c!["name"] == name));
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
