using System.Text.Json;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.Interop.Tests;

/// <summary>One Parquet layout variant that Fugue writes.</summary>
public sealed record FugueParquetVariant(string Name, CompressionCodec Compression, bool Dictionary, ParquetEncoding Encoding, int PageVersion, int RowGroupRows);

/// <summary>Writes every variant once and has the peers read them all in one node process.</summary>
public sealed class FugueParquetFixture : IDisposable
{
    public static readonly string[] Engines = ["duckdb", "polars", "arrowrs"];

    public static readonly FugueParquetVariant[] Variants =
    [
        new("snappy-dict", CompressionCodec.Snappy, true, ParquetEncoding.Plain, 1, 1 << 20),
        new("gzip-dict-groups", CompressionCodec.Gzip, true, ParquetEncoding.Plain, 1, 300),
        new("zstd-plain", CompressionCodec.Zstd, false, ParquetEncoding.Plain, 1, 1 << 20),
        new("none-plain-v2-groups", CompressionCodec.Uncompressed, false, ParquetEncoding.Plain, 2, 250),
        new("snappy-dict-v2-groups", CompressionCodec.Snappy, true, ParquetEncoding.Plain, 2, 400),
        new("zstd-delta-binary-packed", CompressionCodec.Zstd, false, ParquetEncoding.DeltaBinaryPacked, 1, 1 << 20),
        new("snappy-delta-length-byte-array-v2", CompressionCodec.Snappy, false, ParquetEncoding.DeltaLengthByteArray, 2, 1 << 20),
        new("snappy-delta-byte-array", CompressionCodec.Snappy, false, ParquetEncoding.DeltaByteArray, 1, 1 << 20),
        new("snappy-byte-stream-split", CompressionCodec.Snappy, false, ParquetEncoding.ByteStreamSplit, 1, 1 << 20),
    ];

    private readonly TempDir _temp = new();

    public FugueParquetFixture()
    {
        Batch = SampleData.Flat(1000);
        var jobs = new List<JsonObject>();
        foreach (var v in Variants)
        {
            var path = _temp.File(v.Name + ".parquet");
            var options = new ParquetWriterOptions
            {
                Compression = v.Compression,
                UseDictionary = v.Dictionary,
                ValueEncoding = v.Encoding,
                DataPageVersion = v.PageVersion,
                RowGroupRowCount = v.RowGroupRows,
                DataPageRowCount = 128,
            };
            using (var w = ParquetWriter.Create(path, Batch.Schema, options))
            {
                w.Write(Batch.Slice(0, 600));
                w.Write(Batch.Slice(600, 400));
            }

            jobs.AddRange(Engines.Select(e => new JsonObject { ["op"] = "readParquet", ["engine"] = e, ["path"] = path }));
            jobs.Add(new JsonObject { ["op"] = "parquetMetadata", ["path"] = path });
        }

        var results = NodePeer.RunRaw([.. jobs]);
        var k = 0;
        foreach (var v in Variants)
        {
            Results[v.Name] = results[k..(k + Engines.Length + 1)];
            k += Engines.Length + 1;
        }
    }

    public RecordBatch Batch { get; }

    /// <summary>Per variant: the engines' read results, then the DuckDB metadata result.</summary>
    public Dictionary<string, JsonElement[]> Results { get; } = [];

    public void Dispose() => _temp.Dispose();
}

/// <summary>Parquet files written by Fugue are read by DuckDB, Polars and arrow-rs (parquet-wasm) with identical values.</summary>
public sealed class ParquetWrittenByFugueTests(FugueParquetFixture fixture) : IClassFixture<FugueParquetFixture>
{
    /// <summary>Peer type spellings that differ from ours only in what the peer can represent.</summary>
    private static string? PeerType(string engine, string column) => (engine, column) switch
    {
        // DuckDB holds millisecond timestamps as TIMESTAMP (microseconds); the instants must still match
        ("duckdb", "ts_ms") => "timestamp[us]",
        _ => null,
    };

    public static TheoryData<string> VariantNames => new(FugueParquetFixture.Variants.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void FlatFileIsReadIdenticallyByPeers(string variant)
    {
        var v = FugueParquetFixture.Variants.Single(x => x.Name == variant);
        var results = fixture.Results[variant];
        for (var e = 0; e < FugueParquetFixture.Engines.Length; e++)
        {
            var engine = FugueParquetFixture.Engines[e];
            Assert.True(results[e].GetProperty("ok").GetBoolean(), $"{engine} failed to read {variant}: {(results[e].TryGetProperty("error", out var err) ? err.GetString() : "")}");
            PeerTable.AssertTable($"{engine} reading {variant}", [fixture.Batch], results[e], c => PeerType(engine, c));
        }

        // the file really has the layout the variant asks for
        var meta = results[^1];
        Assert.True(meta.GetProperty("ok").GetBoolean(), meta.ToString());
        var chunks = meta.GetProperty("chunks").EnumerateArray().ToArray();
        var groups = chunks.Select(c => c.GetProperty("row_group_id").GetString()).Distinct().Count();
        // the writer gathers the written batches into row groups of RowGroupRowCount rows
        Assert.Equal((1000 + v.RowGroupRows - 1) / v.RowGroupRows, groups);
        var codec = v.Compression == CompressionCodec.Uncompressed ? "UNCOMPRESSED" : v.Compression.ToString().ToUpperInvariant();
        Assert.All(chunks, c => Assert.Equal(codec, c.GetProperty("compression").GetString()));
        var catEncodings = chunks.First(c => c.GetProperty("path_in_schema").GetString() == "cat").GetProperty("encodings").GetString()!;
        Assert.Equal(v.Dictionary, catEncodings.Contains("DICTIONARY", StringComparison.Ordinal));
        if (v.Encoding != ParquetEncoding.Plain)
        {
            var expected = v.Encoding switch
            {
                ParquetEncoding.DeltaBinaryPacked => ("i64", "DELTA_BINARY_PACKED"),
                ParquetEncoding.DeltaLengthByteArray => ("s", "DELTA_LENGTH_BYTE_ARRAY"),
                ParquetEncoding.DeltaByteArray => ("s", "DELTA_BYTE_ARRAY"),
                _ => ("f64", "BYTE_STREAM_SPLIT"),
            };
            var enc = chunks.First(c => c.GetProperty("path_in_schema").GetString() == expected.Item1).GetProperty("encodings").GetString()!;
            Assert.Contains(expected.Item2, enc.Split(", "));
        }
    }
}
