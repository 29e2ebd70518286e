using System.Text.Json;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.Interop.Tests;

/// <summary>One Parquet file a peer writes: the node job that writes it (and reports the values it wrote).</summary>
public sealed record PeerParquetFile(string Name, JsonObject Job, CompressionCodec Codec, int MinRowGroups = 1, params (string Column, ParquetEncoding Encoding)[] Encodings);

/// <summary>Has DuckDB, Polars and parquet-wasm (arrow-rs) write their files in one node process.</summary>
public sealed class PeerParquetFixture : IDisposable
{
    private const int Rows = 1000;

    /// <summary>DuckDB columns: name and SQL expression over <c>i</c> (every column is null when i % 7 = 3).</summary>
    private static readonly (string Name, string Sql)[] DuckColumns =
    [
        ("i64", "(i * 922337203685477 - 4611686018427387904)::BIGINT"),
        ("b", "i % 3 = 0"),
        ("i8", "(i % 256 - 128)::TINYINT"),
        ("u8", "(i * 7 % 256)::UTINYINT"),
        ("i16", "(i * 3371 % 65536 - 32768)::SMALLINT"),
        ("u16", "(i * 997 % 65536)::USMALLINT"),
        ("i32", "(i * 1000003 % 4294967296 - 2147483648)::INTEGER"),
        ("u32", "(i * 2654435761 % 4294967296)::UINTEGER"),
        ("u64", "(18446744073709551615 - i * 1844674407370955)::UBIGINT"),
        ("f32", "CASE i WHEN 1 THEN '-0.0'::FLOAT WHEN 2 THEN 'inf'::FLOAT WHEN 4 THEN 'nan'::FLOAT ELSE (i * 1.1 - 50.25)::FLOAT END"),
        ("f64", "CASE i WHEN 1 THEN '-0.0'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE ELSE i * pi() - 1e300 / (i + 1) END"),
        ("s", "['', 'a', 'Zürich', '東京', 'emoji 🎉', 'quote''\"'][i % 6 + 1] || CASE WHEN i % 4 = 0 THEN i::VARCHAR ELSE '' END"),
        ("cat", "['red', 'green', 'blue ü'][i % 3 + 1]"),
        ("bin", "encode(repeat(chr((65 + i % 26)::INTEGER), (i % 5)::INTEGER))"),
        ("d", "(DATE '1970-01-01' + (i * 37 - 20000)::INTEGER)"),
        ("ts", "TIMESTAMP '1900-01-01 00:00:00' + to_microseconds(i * 3600000123457)"),
        ("tstz", "(TIMESTAMP '1990-06-01 00:00:00' + to_microseconds(i * 1234567891)) AT TIME ZONE 'UTC'"),
        ("ts_ms", "(TIMESTAMP '2001-01-01 00:00:00' + to_microseconds(i * 86400123000))::TIMESTAMP_MS"),
        ("ts_s", "(TIMESTAMP '1969-01-01 00:00:00' + to_microseconds(i * 86401000000))::TIMESTAMP_S"),
        ("ts_ns", "(TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1000001))::TIMESTAMP_NS"),
        ("dec4", "(((i * 37 % 19999) - 9999) / 10)::DECIMAL(4,1)"),
        ("dec9", "((i * 12345 % 9999999 - 4999999)::VARCHAR || '.' || lpad((i % 100)::VARCHAR, 2, '0'))::DECIMAL(9,2)"),
        ("dec18", "((i * 123456789123 % 99999999999999 - 49999999999999)::VARCHAR || '.' || lpad((i % 10000)::VARCHAR, 4, '0'))::DECIMAL(18,4)"),
        ("dec28", "((i * 123456789123456 - 9999999999999)::VARCHAR || '.' || lpad((i * 7 % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(28,10)"),
    ];

    private static string DuckSelect(int rows) =>
        "SELECT " + string.Join(", ", DuckColumns.Select(c => $"CASE WHEN i % 7 = 3 THEN NULL ELSE {c.Sql} END AS {c.Name}"))
        + $" FROM range({rows}) t(i) ORDER BY i";

    private static JsonObject Frame(int rows, bool dictionary = false, bool categorical = false) =>
        new() { ["rows"] = rows, ["dictionary"] = dictionary, ["categorical"] = categorical };

    public static readonly PeerParquetFile[] Files =
    [
        new("duckdb-snappy", new JsonObject { ["op"] = "duckdbCopy", ["select"] = DuckSelect(Rows), ["options"] = "FORMAT parquet, COMPRESSION snappy" }, CompressionCodec.Snappy, 1, ("cat", ParquetEncoding.RleDictionary)),
        new("duckdb-small-row-groups", new JsonObject { ["op"] = "duckdbCopy", ["select"] = DuckSelect(5000), ["options"] = "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1024" }, CompressionCodec.Snappy, 3),
        new("duckdb-zstd", new JsonObject { ["op"] = "duckdbCopy", ["select"] = DuckSelect(Rows), ["options"] = "FORMAT parquet, COMPRESSION zstd" }, CompressionCodec.Zstd, 1),
        new("duckdb-uncompressed-v2", new JsonObject { ["op"] = "duckdbCopy", ["select"] = DuckSelect(Rows), ["options"] = "FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION v2" }, CompressionCodec.Uncompressed, 1),
        new("polars-default", new JsonObject { ["op"] = "polarsWrite", ["sink"] = true, ["frame"] = Frame(Rows) }, CompressionCodec.Zstd, 1),
        new("polars-snappy-row-groups", new JsonObject { ["op"] = "polarsWrite", ["sink"] = true, ["frame"] = Frame(Rows), ["options"] = new JsonObject { ["compression"] = "snappy", ["rowGroupSize"] = 100 } }, CompressionCodec.Snappy, 3),
        new("polars-gzip-categorical", new JsonObject { ["op"] = "polarsWrite", ["frame"] = Frame(Rows, categorical: true), ["options"] = new JsonObject { ["compression"] = "gzip" } }, CompressionCodec.Gzip, 1, ("cat", ParquetEncoding.RleDictionary)),
        new("polars-uncompressed", new JsonObject { ["op"] = "polarsWrite", ["frame"] = Frame(Rows), ["options"] = new JsonObject { ["compression"] = "uncompressed" } }, CompressionCodec.Uncompressed, 1, ("f64", ParquetEncoding.Plain)),
        new("parquet-wasm-default", new JsonObject { ["op"] = "parquetWasmWrite", ["default"] = true, ["frame"] = Frame(Rows, dictionary: true) }, CompressionCodec.Uncompressed, 1, ("cat", ParquetEncoding.RleDictionary)),
        new("parquet-wasm-zstd-plain", new JsonObject { ["op"] = "parquetWasmWrite", ["compression"] = "ZSTD", ["dictionary"] = false, ["frame"] = Frame(Rows, dictionary: true) }, CompressionCodec.Zstd, 1, ("cat", ParquetEncoding.Plain)),
        new("parquet-wasm-snappy-delta-v2", new JsonObject
        {
            ["op"] = "parquetWasmWrite", ["compression"] = "SNAPPY", ["dictionary"] = false, ["writerVersion"] = "V2", ["frame"] = Frame(Rows),
            ["columnEncodings"] = new JsonObject
            {
                ["i32"] = "DELTA_BINARY_PACKED", ["i64"] = "DELTA_BINARY_PACKED", ["u16"] = "DELTA_BINARY_PACKED", ["s"] = "DELTA_BYTE_ARRAY",
                ["bin"] = "DELTA_LENGTH_BYTE_ARRAY", ["f64"] = "BYTE_STREAM_SPLIT", ["f32"] = "BYTE_STREAM_SPLIT", ["b"] = "RLE",
            },
        }, CompressionCodec.Snappy, 1, ("i64", ParquetEncoding.DeltaBinaryPacked), ("s", ParquetEncoding.DeltaByteArray), ("bin", ParquetEncoding.DeltaLengthByteArray), ("f64", ParquetEncoding.ByteStreamSplit)),
        new("parquet-wasm-gzip-row-groups", new JsonObject { ["op"] = "parquetWasmWrite", ["compression"] = "GZIP", ["rowGroupSize"] = 128, ["frame"] = Frame(Rows, dictionary: true) }, CompressionCodec.Gzip, 3),
        new("parquet-wasm-lz4raw", new JsonObject { ["op"] = "parquetWasmWrite", ["compression"] = "LZ4_RAW", ["frame"] = Frame(Rows) }, CompressionCodec.Lz4Raw, 1),
    ];

    private readonly TempDir _temp = new();

    public PeerParquetFixture()
    {
        var jobs = Files.Select(f =>
        {
            var job = (JsonObject)f.Job.DeepClone();
            job["path"] = Path(f.Name);
            return job;
        }).ToArray();
        var results = NodePeer.RunRaw(jobs);
        for (var i = 0; i < Files.Length; i++)
        {
            Results[Files[i].Name] = results[i];
        }
    }

    public string Path(string name) => _temp.File(name + ".parquet");

    public Dictionary<string, JsonElement> Results { get; } = [];

    public void Dispose() => _temp.Dispose();
}

/// <summary>Parquet files written by DuckDB, Polars and arrow-rs (parquet-wasm) are read by Fugue with identical values.</summary>
public sealed class ParquetWrittenByPeersTests(PeerParquetFixture fixture) : IClassFixture<PeerParquetFixture>
{
    public static TheoryData<string> FileNames => new(PeerParquetFixture.Files.Select(f => f.Name));

    /// <summary>Where the peer's in-memory type is spelled differently from what the file (and so our reader) holds.</summary>
    private static string? PeerType(string file, string column) => (file.Split('-')[0], column) switch
    {
        // DuckDB writes TIMESTAMP_S as milliseconds (Parquet has no seconds unit)
        ("duckdb", "ts_s") => "timestamp[s]",
        _ => null,
    };

    [Theory]
    [MemberData(nameof(FileNames))]
    public void PeerFileIsReadIdenticallyByFugue(string name)
    {
        var file = PeerParquetFixture.Files.Single(f => f.Name == name);
        var peer = fixture.Results[name];
        Assert.True(peer.GetProperty("ok").GetBoolean(), $"peer failed to write {name}: {(peer.TryGetProperty("error", out var err) ? err.GetString() : "")}");
        using var reader = ParquetReader.Open(fixture.Path(name));
        var batches = reader.ReadRowGroups().ToList();
        Assert.True(reader.RowGroupCount >= file.MinRowGroups, $"{name}: expected at least {file.MinRowGroups} row groups, the file has {reader.RowGroupCount}");

        // the file really has the layout the case is about
        var chunks = reader.Metadata.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!).ToList();
        Assert.All(chunks, c => Assert.Equal(file.Codec, c.Codec));
        foreach (var (column, encoding) in file.Encodings)
        {
            var chunk = chunks.First(c => c.PathInSchema[0] == column);
            // format v1 writers mark dictionary pages PLAIN_DICTIONARY, v2 writers RLE_DICTIONARY
            bool IsDictionary(ParquetEncoding e) => e is ParquetEncoding.RleDictionary or ParquetEncoding.PlainDictionary;
            var found = encoding == ParquetEncoding.RleDictionary ? chunk.Encodings.Any(IsDictionary) : chunk.Encodings.Contains(encoding);
            Assert.True(found, $"{name}: column {column} has encodings {string.Join(",", chunk.Encodings)}, expected {encoding}");
            if (encoding != ParquetEncoding.RleDictionary)
            {
                Assert.DoesNotContain(chunk.Encodings, IsDictionary);
            }
        }
        PeerTable.AssertTable($"Fugue reading {name}", batches, peer, c => PeerType(name, c));
    }
}
