using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Interop.Tests;

/// <summary>
/// Writer fast paths checked by the peers: Snappy pages of boundary lengths (one value a page), and statistics of
/// batches written as pieces, which DuckDB both reports and uses to skip row groups.
/// </summary>
public sealed class ParquetWriterBoundaryInteropTests
{
    private static readonly int[] Lengths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 100, 4091, 65526, 65527, 65528, 65531, 65532, 65533, 65540, 131060, 131072, 200_001];

    private static byte[] Value(int length, int pattern)
    {
        var bytes = new byte[length];
        switch (pattern)
        {
            case 0:
                new Random(length).NextBytes(bytes); // incompressible
                break;
            case 1:
                break; // all equal
            default:
                for (var i = 0; i < length; i++) bytes[i] = (byte)("abcabd"[i % 6] + (i / 5000)); // short matches
                break;
        }

        return bytes;
    }

    [Fact]
    public void SnappyPagesOfBoundaryLengthsAreReadByPeers()
    {
        var schema = Schema.Parse("b:bytes");
        var builder = new RecordBatchBuilder(schema);
        foreach (var length in Lengths)
        {
            for (var pattern = 0; pattern < 3; pattern++)
            {
                builder.AppendRow([Value(length, pattern)]);
            }
        }

        var batch = builder.Build();
        using var temp = new TempDir();
        var jobs = new List<JsonObject>();
        var paths = new List<string>();
        for (var version = 1; version <= 2; version++)
        {
            var path = temp.File($"snappy-v{version}.parquet");
            var options = new ParquetWriterOptions
            {
                Compression = CompressionCodec.Snappy, UseDictionary = false, DataPageRowCount = 1, DataPageVersion = version,
            };
            using (var w = ParquetWriter.Create(path, schema, options))
            {
                w.Write(batch.Slice(0, 10));
                w.Write(batch.Slice(10, batch.Length - 10));
            }

            paths.Add(path);
            jobs.AddRange(FugueParquetFixture.Engines.Select(e => new JsonObject { ["op"] = "readParquet", ["engine"] = e, ["path"] = path }));
        }

        var results = NodePeer.RunRaw([.. jobs]);
        for (var k = 0; k < results.Length; k++)
        {
            var engine = FugueParquetFixture.Engines[k % FugueParquetFixture.Engines.Length];
            var context = $"{engine} reading {Path.GetFileName(paths[k / FugueParquetFixture.Engines.Length])}";
            Assert.True(results[k].GetProperty("ok").GetBoolean(), $"{context}: {(results[k].TryGetProperty("error", out var err) ? err.GetString() : "")}");
            PeerTable.AssertTable(context, [batch], results[k]);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StatisticsOfPiecesAreTheOnesDuckDbReportsAndPrunesWith(bool dictionary)
    {
        // Row groups of 100 rows, written as pieces of 37 rows; unsigned values above the signed range, strings
        // with bytes above 0x7F, doubles with NaN and signed zeros: wrong statistics would make DuckDB skip groups.
        var schema = Schema.Parse("g:int,u:uint,ul:ulong,s:str,d:double,l:long");
        var builder = new RecordBatchBuilder(schema);
        for (var r = 0; r < 1000; r++)
        {
            var g = r / 100;
            builder.AppendRow([
                g,
                g % 2 == 0 ? (uint)(r * 7) : 4_000_000_000U + (uint)r,
                g % 3 == 0 ? (ulong)r : 18_000_000_000_000_000_000UL + (ulong)r,
                g % 2 == 0 ? "a" + r.ToString(CultureInfo.InvariantCulture) : "\u00e9" + r.ToString(CultureInfo.InvariantCulture),
                r % 10 == 0 ? double.NaN : r % 10 == 1 ? -0.0 : g % 2 == 0 ? r * 0.5 : -r * 0.5,
                g % 2 == 0 ? (long)r : long.MinValue + r,
            ]);
        }

        var batch = builder.Build();
        using var temp = new TempDir();
        var path = temp.File("stats.parquet");
        using (var w = ParquetWriter.Create(path, schema, new ParquetWriterOptions { RowGroupRowCount = 100, UseDictionary = dictionary }))
        {
            for (var at = 0; at < batch.Length; at += 37)
            {
                w.Write(batch.Slice(at, Math.Min(37, batch.Length - at)));
            }
        }

        var file = SqlString(path);
        string[] filters =
        [
            "u > 3000000000", "u < 100", "ul > 9223372036854775807", "ul < 50",
            "s > 'z'", "s < 'b'", "d > 100", "d < -100", "d = 0", "l < 0", "l > 990",
        ];
        var jobs = new List<JsonObject>
        {
            new() { ["op"] = "duckdbQuery", ["sql"] = $"SELECT path_in_schema AS p, row_group_id AS g, stats_min_value AS mn, stats_max_value AS mx FROM parquet_metadata({file}) ORDER BY row_group_id, column_id" },
        };
        jobs.AddRange(filters.Select(f => new JsonObject { ["op"] = "duckdbQuery", ["sql"] = $"SELECT count(*)::BIGINT AS n FROM read_parquet({file}) WHERE {f}{(f.StartsWith('d') ? " AND NOT isnan(d)" : "")}" }));
        var results = NodePeer.Run([.. jobs]);

        // The bounds DuckDB reads back are the exact per-group bounds in the logical order.
        var meta = PeerTable.Columns(results[0]);
        var rows = meta[0].Values.Length;
        Assert.Equal(10 * 6, rows); // every chunk of every row group reported
        for (var i = 0; i < rows; i++)
        {
            var column = meta[0].Values[i].GetString()!;
            var g = int.Parse(meta[1].Values[i].ToString(), CultureInfo.InvariantCulture);
            var (min, max) = ExpectedBounds(batch.Slice(g * 100, 100), column);
            var (actualMin, actualMax) = (meta[2].Values[i].GetString()!, meta[3].Values[i].GetString()!);
            if (column == "d")
            {
                // doubles compared as numbers (the text form is DuckDB's)
                Assert.True(double.Parse(min, CultureInfo.InvariantCulture) == double.Parse(actualMin, CultureInfo.InvariantCulture), $"d group {g}: min {actualMin} expected {min}");
                Assert.True(double.Parse(max, CultureInfo.InvariantCulture) == double.Parse(actualMax, CultureInfo.InvariantCulture), $"d group {g}: max {actualMax} expected {max}");
                continue;
            }

            Assert.True(min == actualMin, $"{column} group {g}: min {actualMin} expected {min}");
            Assert.True(max == actualMax, $"{column} group {g}: max {actualMax} expected {max}");
        }

        for (var f = 0; f < filters.Length; f++)
        {
            var expected = CountWhere(batch, filters[f]);
            var actual = long.Parse(PeerTable.Columns(results[f + 1])[0].Values[0].ToString(), CultureInfo.InvariantCulture);
            Assert.True(expected == actual, $"DuckDB counts {actual} rows where {filters[f]}, expected {expected}");
        }
    }

    private static string SqlString(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>DuckDB's text of the min/max of one column of a row group (NaN excluded, zeros as -0/+0 are both 0).</summary>
    private static (string Min, string Max) ExpectedBounds(RecordBatch group, string column)
    {
        var c = group.Column(column);
        var values = Enumerable.Range(0, c.Length).Select(c.GetValue).ToList();
        return column switch
        {
            "g" => (values.Cast<int>().Min().ToString(CultureInfo.InvariantCulture), values.Cast<int>().Max().ToString(CultureInfo.InvariantCulture)),
            "u" => (values.Cast<uint>().Min().ToString(CultureInfo.InvariantCulture), values.Cast<uint>().Max().ToString(CultureInfo.InvariantCulture)),
            "ul" => (values.Cast<ulong>().Min().ToString(CultureInfo.InvariantCulture), values.Cast<ulong>().Max().ToString(CultureInfo.InvariantCulture)),
            "l" => (values.Cast<long>().Min().ToString(CultureInfo.InvariantCulture), values.Cast<long>().Max().ToString(CultureInfo.InvariantCulture)),
            "s" => (values.Cast<string>().Min(StringComparer.Ordinal)!, values.Cast<string>().Max(StringComparer.Ordinal)!),
            _ => (Double(values.Cast<double>().Where(d => !double.IsNaN(d)).Min()), Double(values.Cast<double>().Where(d => !double.IsNaN(d)).Max())),
        };
    }

    private static string Double(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static long CountWhere(RecordBatch batch, string filter)
    {
        var parts = filter.Split(' ');
        var c = batch.Column(parts[0]);
        long n = 0;
        for (var i = 0; i < c.Length; i++)
        {
            var v = c.GetValue(i)!;
            var cmp = v switch
            {
                uint u => u.CompareTo(uint.Parse(parts[2], CultureInfo.InvariantCulture)),
                ulong u => u.CompareTo(ulong.Parse(parts[2], CultureInfo.InvariantCulture)),
                long l => l.CompareTo(long.Parse(parts[2], CultureInfo.InvariantCulture)),
                string s => string.CompareOrdinal(s, parts[2].Trim('\'')),
                double d when double.IsNaN(d) => int.MinValue, // excluded by the query (isnan)
                double d => d.CompareTo(double.Parse(parts[2], CultureInfo.InvariantCulture)),
                _ => throw new InvalidOperationException(),
            };
            if (cmp == int.MinValue)
            {
                continue;
            }

            n += parts[1] switch { ">" => cmp > 0 ? 1 : 0, "<" => cmp < 0 ? 1 : 0, _ => cmp == 0 ? 1 : 0 };
        }

        return n;
    }
}
