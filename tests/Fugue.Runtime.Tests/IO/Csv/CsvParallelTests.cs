using System.Text;
using Fugue.Columnar;
using Fugue.IO.Csv;

namespace Fugue.Runtime.Tests.IO.Csv;

public class CsvParallelTests
{
    private static string Generate(int n, int quoteFrom = -1, bool crlf = false)
    {
        var sb = new StringBuilder("id,key,a,b,ts\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append(i).Append(',').Append(i % 1000).Append(',').Append(i * 0.5).Append(',')
                .Append(i >= quoteFrom && quoteFrom >= 0 ? $"\"q,{i}\nz\"" : (i % 11 == 0 ? "" : "s" + i)).Append(",2020-01-01 00:00:")
                .Append((i % 60).ToString("D2")).Append(crlf ? "\r\n" : "\n");
            if (i % 5000 == 0)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static readonly CsvReadOptions Base = new() { Header = true, Schema = "id:long,key:int,a:double,b:str,ts:datetime", BatchSize = 1000 };

    private static RecordBatch ReadParallel(string text, CsvReadOptions options, out int batches)
    {
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), options);
        var list = reader.ReadBatches().ToList();
        batches = list.Count;
        Assert.All(list, b => Assert.True(b.Length <= options.BatchSize));
        return RecordBatch.Concat(list);
    }

    private static void AssertSame(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected.GetRow(r), actual.GetRow(r));
        }
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void ParallelReadEqualsSequential(int threads, bool crlf)
    {
        var text = Generate(30_000, crlf: crlf);
        var sequential = CsvReaderTests.Read(text, Base);
        var parallel = ReadParallel(text, Base with { Parallelism = threads, ParallelChunkBytes = 50_000 }, out var batches);
        Assert.True(batches > 30);
        AssertSame(sequential, parallel);
    }

    [Fact]
    public void FallsBackToSequentialAtTheFirstQuote()
    {
        var text = Generate(20_000, quoteFrom: 12_345);
        var sequential = CsvReaderTests.Read(text, Base);
        Assert.Equal("q,12345\nz", sequential.GetValue(12_345, 3));
        AssertSame(sequential, ReadParallel(text, Base with { Parallelism = 2, ParallelChunkBytes = 40_000 }, out _));
    }

    [Fact]
    public void ParallelErrorsReportTheSameLineAsSequential()
    {
        var text = Generate(20_000) + "1,2,x,4,2020-01-01\n";
        var seq = Assert.Throws<CsvFormatException>(() => CsvReaderTests.Read(text, Base));
        var par = Assert.Throws<CsvFormatException>(() => ReadParallel(text, Base with { Parallelism = 2, ParallelChunkBytes = 30_000 }, out _));
        Assert.Equal(seq.Message, par.Message);
        Assert.Equal(20_000 + 4 + 2, par.Line);

        var early = Generate(20_000).Replace("\n777,", "\n777,1,");
        var seq2 = Assert.Throws<CsvFormatException>(() => CsvReaderTests.Read(early, Base));
        var par2 = Assert.Throws<CsvFormatException>(() => ReadParallel(early, Base with { Parallelism = 2, ParallelChunkBytes = 30_000 }, out _));
        Assert.Equal(seq2.Line, par2.Line);
    }

    [Fact]
    public void ParallelWithInferenceProjectionBomAndLongLines()
    {
        var text = "\uFEFF" + Generate(10_000);
        var options = new CsvReadOptions { Header = true, InferSchema = true, InferSampleRows = 100, Columns = ["ts", "id"], BatchSize = 512 };
        var sequential = CsvReaderTests.Read(text, options);
        Assert.Equal("ts:datetime,id:long", sequential.Schema.ToString());
        AssertSame(sequential, ReadParallel(text, options with { Parallelism = 2, ParallelChunkBytes = 10_000 }, out _));

        // a line longer than a block falls back to sequential parsing
        var longLine = "a,b\n1," + new string('x', 50_000) + "\n2,y\n";
        var opts = new CsvReadOptions { Header = true };
        AssertSame(CsvReaderTests.Read(longLine, opts), ReadParallel(longLine, opts with { Parallelism = 2, ParallelChunkBytes = 1000 }, out _));
    }

    [Fact]
    public void ParallelReadOfAFileKeepsOrderAcrossManySmallChunks()
    {
        var text = Generate(25_000);
        var path = Path.Combine(Path.GetTempPath(), $"fugue-csv-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, text);
            var options = Base with { Parallelism = 3, ParallelChunkBytes = 3_000, BatchSize = 700 };
            using var reader = CsvReader.Open(path, options);
            var batches = reader.ReadBatches().ToList();
            Assert.True(batches.Count > 300);
            AssertSame(CsvReaderTests.Read(text, Base), RecordBatch.Concat(batches));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StoppingAParallelReadEarlyEndsItsWorkers()
    {
        var text = Generate(30_000);
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), Base with { Parallelism = 2, ParallelChunkBytes = 2_000 });
        var first = reader.ReadBatches().Take(3).ToList(); // disposing the enumerator cancels and joins the workers
        Assert.Equal(3, first.Count);
        Assert.Equal(0L, first[0].Column("id").GetValue(0));
    }
}
