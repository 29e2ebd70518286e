using System.Buffers.Binary;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;
using Xunit.Abstractions;

namespace Fugue.Runtime.Tests.IO;

/// <summary>
/// Seeded mutation fuzzing of the Parquet reader. The contract: a corrupt file raises only
/// <see cref="ParquetFormatException"/> (corrupt data) or <see cref="NotSupportedException"/> (a mutation turned on a
/// feature the reader does not implement, e.g. an unknown codec or encoding), never a runtime exception from the
/// decoder (IndexOutOfRange, NullReference, Overflow, InvalidCast, OutOfMemory, Argument...), and allocations stay
/// bounded (a page claiming gigabytes fails before allocating). The default run is 6 base files x 1800 seeded
/// mutations; FUGUE_PARQUET_FUZZ_SEED / FUGUE_PARQUET_FUZZ_ITERATIONS (per base file) allow longer local campaigns.
/// </summary>
public class ParquetFuzzTests(ITestOutputHelper output)
{
    private const long AllocationBound = 96L << 20;

    private static byte[] Write(Schema schema, RecordBatch batch, ParquetWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, schema, options, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return ms.ToArray();
    }

    private static List<(string Name, byte[] File)> BaseFiles()
    {
        var flat = Schema.Parse("a:int,s:str,d:double,b:bool,t:datetime,m:decimal(20,3)");
        var nested = Schema.Parse("id:long,l:[int],s:{x:str,y:[double]},m:<str,[long]>");
        var fb = FlatBatch(flat, 120);
        var nb = ParquetNestedTests.RandomBatch(nested, 80, 3);
        return
        [
            ("flat-dict-v1-snappy", Write(flat, fb, new ParquetWriterOptions { Compression = CompressionCodec.Snappy, DataPageRowCount = 50, RowGroupRowCount = 60 })),
            ("flat-plain-v2-zstd", Write(flat, fb, new ParquetWriterOptions { Compression = CompressionCodec.Zstd, UseDictionary = false, DataPageVersion = 2, DataPageRowCount = 40 })),
            ("flat-delta-v2-gzip", Write(flat, fb, new ParquetWriterOptions { Compression = CompressionCodec.Gzip, UseDictionary = false, DataPageVersion = 2, ValueEncoding = ParquetEncoding.DeltaBinaryPacked })),
            ("nested-dict-v2-gzip", Write(nested, nb, new ParquetWriterOptions { Compression = CompressionCodec.Gzip, DataPageVersion = 2, DataPageRowCount = 30, RowGroupRowCount = 50 })),
            ("nested-plain-v1-none", Write(nested, nb, new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, UseDictionary = false, DataPageRowCount = 25 })),
            ("nested-dict-v1-zstd", Write(nested, nb, new ParquetWriterOptions { Compression = CompressionCodec.Zstd, DataPageRowCount = 40 })),
        ];
    }

    private static RecordBatch FlatBatch(Schema schema, int rows)
    {
        var rng = new Random(5);
        var b = new RecordBatchBuilder(schema);
        for (var r = 0; r < rows; r++)
        {
            b.AppendRow([
                rng.Next(8) == 0 ? null : rng.Next(-100, 100),
                rng.Next(8) == 0 ? null : "v" + rng.Next(30).ToString(System.Globalization.CultureInfo.InvariantCulture),
                rng.Next(8) == 0 ? null : rng.NextDouble(),
                rng.Next(8) == 0 ? null : rng.Next(2) == 0,
                rng.Next(8) == 0 ? null : new DateTime(2020, 1, 1).AddSeconds(rng.Next()),
                rng.Next(8) == 0 ? null : rng.Next() / 1000m,
            ]);
        }

        return b.Build();
    }

    private static byte[] Mutate(byte[] file, Random rng)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footerStart = file.Length - 8 - footerLength;
        var bad = (byte[])file.Clone();
        switch (rng.Next(7))
        {
            case 0: // bit flips
                for (var k = rng.Next(1, 4); k > 0; k--)
                {
                    var at = rng.Next(bad.Length);
                    bad[at] ^= (byte)(1 << rng.Next(8));
                }

                return bad;
            case 1: // byte sets
                for (var k = rng.Next(1, 4); k > 0; k--)
                {
                    bad[rng.Next(bad.Length)] = (byte)(rng.Next(3) == 0 ? 0xFF : rng.Next(256));
                }

                return bad;
            case 2: // truncation (keeping or restoring the tail so the footer is still found)
            {
                var cut = rng.Next(bad.Length);
                return rng.Next(2) == 0 ? bad[..cut] : [.. bad[..cut], .. bad[^8..]];
            }
            case 3: // insertion
            {
                var at = rng.Next(bad.Length);
                var extra = new byte[rng.Next(1, 9)];
                rng.NextBytes(extra);
                return [.. bad[..at], .. extra, .. bad[at..]];
            }
            case 4: // footer length edit
            {
                var delta = rng.Next(4) switch { 0 => rng.Next(-8, 9), 1 => int.MaxValue, 2 => -footerLength - 1, _ => rng.Next() };
                BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(bad.Length - 8), unchecked(footerLength + delta));
                return bad;
            }
            case 5: // Thrift edits in the footer: huge or negative varints, field-type nibbles
            {
                var at = footerStart + rng.Next(footerLength);
                switch (rng.Next(3))
                {
                    case 0:
                        byte[] varint = rng.Next(2) == 0 ? [0xFE, 0xFF, 0xFF, 0xFF, 0x0F] : [0x80, 0x80, 0x80, 0x80, 0x10];
                        varint.AsSpan(0, Math.Min(varint.Length, file.Length - 8 - at)).CopyTo(bad.AsSpan(at));
                        break;
                    case 1:
                        bad[at] = (byte)((bad[at] & 0xF0) | rng.Next(16));
                        break;
                    default:
                        bad[at] = (byte)((bad[at] & 0x0F) | (rng.Next(16) << 4));
                        break;
                }

                return bad;
            }
            default: // page header edits: huge sizes/counts near a page start
            {
                var at = rng.Next(4, Math.Max(5, footerStart - 6));
                byte[] varint = rng.Next(3) switch
                {
                    0 => [0xFE, 0xFF, 0xFF, 0xFF, 0x0F], // 2^31-1 zigzag
                    1 => [0x80, 0x80, 0x80, 0x80, 0x08], // 2 GB
                    _ => [(byte)rng.Next(256)],
                };
                varint.AsSpan(0, Math.Min(varint.Length, footerStart - at)).CopyTo(bad.AsSpan(at));
                return bad;
            }
        }
    }

    private static Exception? ReadAll(byte[] file)
    {
        return Record.Exception(() =>
        {
            using var reader = new ParquetReader(new MemoryStream(file), "fuzz.parquet");
            foreach (var batch in reader.ReadRowGroups())
            {
                // Values may be legal Parquet yet outside .NET ranges (e.g. timestamps past year 9999), so touch
                // structure rather than converting values.
                foreach (var column in batch.Columns)
                {
                    Touch(column);
                }
            }
        });
    }

    private static Exception? ReadAllBulk(byte[] file)
    {
        return Record.Exception(() =>
        {
            using var reader = new ParquetReader(new MemoryStream(file), "fuzz.parquet");
            foreach (var batch in reader.ReadAll(parallelism: 1))
            {
                foreach (var column in batch.Columns)
                {
                    Touch(column);
                }
            }
        });
    }

    private static void Touch(Column column)
    {
        _ = column.NullCount;
        _ = column.ByteSize;
        switch (column)
        {
            case ListColumn l:
                Assert.True(l.Offsets[^1] <= l.Values.Length);
                Touch(l.Values);
                break;
            case MapColumn m:
                Assert.True(m.Offsets[^1] <= m.Entries.Length);
                Touch(m.Keys);
                Touch(m.Items);
                break;
            case StructColumn s:
                foreach (var child in s.Children)
                {
                    Assert.Equal(s.Length, child.Length);
                    Touch(child);
                }

                break;
            case StringColumn str:
                for (var i = 0; i < str.Length; i += 5)
                {
                    _ = str.GetBytes(i);
                }

                break;
        }
    }

    /// <summary>A one-column, one-page file whose data page header claims <paramref name="claim"/> uncompressed bytes.</summary>
    private static byte[] WithClaimedPageSize(CompressionCodec codec, int pageVersion, int? claim)
    {
        var schema = Schema.Parse("x:long");
        var b = new RecordBatchBuilder(schema);
        for (var i = 0; i < 100; i++)
        {
            b.AppendRow([(long)i]);
        }

        var file = Write(schema, b.Build(), new ParquetWriterOptions { Compression = codec, UseDictionary = false, DataPageVersion = pageVersion });
        var metadata = ParquetFooter.Read(new MemoryStream(file));
        var md = metadata.RowGroups[0].Columns[0].MetaData!;
        var start = (int)md.DataPageOffset;
        var reader = new Fugue.IO.Thrift.ThriftCompactReader(file.AsSpan(start));
        var header = PageHeader.Read(ref reader);
        var body = file.AsSpan(start + reader.Position, header.CompressedPageSize).ToArray();
        header.UncompressedPageSize = claim ?? header.UncompressedPageSize;
        var w = new Fugue.IO.Thrift.ThriftCompactWriter(64);
        header.Write(w);
        md.TotalCompressedSize = w.Length + body.Length;
        md.DataPageOffset = 4;
        md.DictionaryPageOffset = null;
        using var ms = new MemoryStream();
        ms.Write(ParquetFooter.Magic);
        ms.Write(w.WrittenSpan);
        ms.Write(body);
        ParquetFooter.Write(ms, metadata);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy, 1)]
    [InlineData(CompressionCodec.Zstd, 1)]
    [InlineData(CompressionCodec.Gzip, 2)]
    [InlineData(CompressionCodec.Lz4Raw, 2)]
    public void HugePageClaimsFailBeforeAllocating(CompressionCodec codec, int pageVersion)
    {
        Assert.Null(ReadAll(WithClaimedPageSize(codec, pageVersion, null))); // the rewrite itself is faithful
        foreach (var claim in new[] { int.MaxValue, 1 << 30, (1 << 30) - 1, 200 << 20 })
        {
            var file = WithClaimedPageSize(codec, pageVersion, claim);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var ex = ReadAll(file);
            Assert.IsType<ParquetFormatException>(ex);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, ex.Message);
        }
    }

    [Fact]
    public void MutatedFilesOnlyRaiseFormatOrNotSupportedExceptions()
    {
        var rng = new Random(int.Parse(Environment.GetEnvironmentVariable("FUGUE_PARQUET_FUZZ_SEED") ?? "20261121", System.Globalization.CultureInfo.InvariantCulture));
        var stats = new Dictionary<string, int>();
        var total = 0;
        foreach (var (name, file) in BaseFiles())
        {
            Assert.Null(ReadAll(file));
            for (var i = 0; i < int.Parse(Environment.GetEnvironmentVariable("FUGUE_PARQUET_FUZZ_ITERATIONS") ?? "1800", System.Globalization.CultureInfo.InvariantCulture); i++)
            {
                var bad = Mutate(file, rng);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var ex = ReadAll(bad);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                total++;
                var key = ex?.GetType().Name ?? "ok";
                stats[key] = stats.GetValueOrDefault(key) + 1;
                Assert.True(ex is null or ParquetFormatException or NotSupportedException,
                    $"{name} mutation {i}: {ex}\nfile: {Convert.ToBase64String(bad)}");
                Assert.True(allocated < AllocationBound, $"{name} mutation {i} allocated {allocated} bytes");

                // The bulk read (one thread, so the allocations are counted) fails the same way.
                before = GC.GetAllocatedBytesForCurrentThread();
                var bulk = ReadAllBulk(bad);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(bulk?.GetType() == ex?.GetType(), $"{name} mutation {i}: streaming {ex?.GetType().Name}, bulk {bulk}\nfile: {Convert.ToBase64String(bad)}");
                Assert.True(allocated < AllocationBound, $"{name} mutation {i} allocated {allocated} bytes in the bulk read");
            }
        }

        output.WriteLine($"{total} mutations: " + string.Join(", ", stats.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.True(total >= 10_000);
    }
}
