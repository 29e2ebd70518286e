using System.Text;
using Fugue.Columnar;
using Fugue.IO.Csv;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Csv;

public class CsvRoundTripTests
{
    private static readonly Schema AllTypes = Schema.Parse(
        "b:bool,i8:byte,u8:ubyte,i16:short,u16:ushort,i32:int,u32:uint,i64:long,u64:ulong,f16:float16,f32:float,f64:double," +
        "s:str,bin:bytes,d:date,ts:datetime,tsz:timestamp(ms,UTC),tsn:timestamp(ns),dec:decimal(18,4)," +
        "l:[str],st:{x:int,y:[double]},m:<str,int>,mi:<int,str>");

    private static object?[] Row(int i) =>
    [
        i % 2 == 0, (sbyte)(i - 64), (byte)(i * 3), (short)(i * -1000), (ushort)(i * 1000), i * -100000, (uint)i * 100000u, (long)i * -10_000_000_000L,
        (ulong)i * 10_000_000_000UL, (Half)(i * 0.5), i * 0.1f, i * 1.0 / 3.0,
        i % 3 == 0 ? "" : $"s,\"{i}\"\n", new byte[] { (byte)i, 0, 255 }, new DateOnly(2000, 1, 1).AddDays(i * 37),
        new DateTime(2020, 1, 1).AddTicks(i * 123_456_780L), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 1001),
        new DateTime(1999, 12, 31).AddTicks(i * 1_234_567L), i * 1.2345m,
        new object?[] { "a", null, $"q\"{i}" }, new Dictionary<string, object?> { ["x"] = i, ["y"] = new object?[] { 0.5, i * 1.0 } },
        new[] { new KeyValuePair<object, object?>("k", i) }, new[] { new KeyValuePair<object, object?>(i, "v") },
    ];

    private static RecordBatch Sample()
    {
        var rows = Enumerable.Range(0, 40).Select(Row).ToList();
        rows.Add(new object?[AllTypes.Count]);
        return RecordBatch.FromRows(AllTypes, rows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTypeRoundTrips(bool header)
    {
        var batch = Sample();
        var text = CsvWriterTests.Write(batch, new CsvWriteOptions { Header = header });
        var back = CsvReaderTests.Read(text, new CsvReadOptions { Header = header, Schema = AllTypes, BufferSize = 128 });
        Assert.Equal(AllTypes, back.Schema);
        for (var r = 0; r < batch.Length; r++)
        {
            Assert.Equal(batch.GetRow(r), back.GetRow(r));
        }
    }

    [Fact]
    public void GzipFilesRoundTrip()
    {
        var dir = Directory.CreateTempSubdirectory("fugue-csv-");
        try
        {
            var path = Path.Combine(dir.FullName, "x.csv.gz");
            var batch = Sample();
            CsvWriter.WriteFile(path, AllTypes, [batch.Slice(0, 10), batch.Slice(10, batch.Length - 10)], new CsvWriteOptions { Header = true });
            using (var raw = File.OpenRead(path))
            {
                Assert.Equal(0x1f, raw.ReadByte());
            }

            var back = CsvReader.ReadFile(path, new CsvReadOptions { Header = true, Schema = AllTypes, BatchSize = 7 });
            Assert.Equal(batch.Length, back.Length);
            for (var r = 0; r < batch.Length; r++)
            {
                Assert.Equal(batch.GetRow(r), back.GetRow(r));
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void SpecSaveAndLoadCsvCases()
    {
        // fugue_test execution suite: test_save_single_and_load_csv(_no_header)
        var batch = RecordBatch.FromRows("c:double,a:double", [[6.1, 1.1], [2.1, 7.1]]);
        var withHeader = CsvWriterTests.Write(batch, new CsvWriteOptions { Header = true });
        Assert.Equal("c:str,a:str", CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true }).Schema.ToString());
        var inferred = CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true, InferSchema = true });
        Assert.Equal([[6.1, 1.1], [2.1, 7.1]], CsvReaderTests.Rows(inferred));
        Assert.Throws<ArgumentException>(() => CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true, InferSchema = true, Schema = "a:double,c:double" }));
        Assert.Equal([["1.1", "6.1"], ["7.1", "2.1"]], CsvReaderTests.Rows(CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true, Columns = ["a", "c"] })));
        Assert.Equal([[1.1, 6.1], [7.1, 2.1]], CsvReaderTests.Rows(CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true, Schema = "a:double,c:double" })));
        Assert.Equal([[1.1, 6.1], [7.1, 2.1]], CsvReaderTests.Rows(CsvReaderTests.Read(withHeader, new CsvReadOptions { Header = true, InferSchema = true, Columns = ["a", "c"] })));

        var noHeader = CsvWriterTests.Write(batch);
        Assert.Equal("6.1,1.1\n2.1,7.1\n", noHeader);
        Assert.Throws<ArgumentException>(() => CsvReaderTests.Read(noHeader, new CsvReadOptions()));
        Assert.Equal([["6.1", "1.1"], ["2.1", "7.1"]], CsvReaderTests.Rows(CsvReaderTests.Read(noHeader, new CsvReadOptions { Names = ["c", "a"] })));
        Assert.Equal([[6.1, 1.1], [2.1, 7.1]], CsvReaderTests.Rows(CsvReaderTests.Read(noHeader, new CsvReadOptions { Names = ["c", "a"], InferSchema = true })));
        Assert.Equal([[6.1, "1.1"], [2.1, "7.1"]], CsvReaderTests.Rows(CsvReaderTests.Read(noHeader, new CsvReadOptions { Schema = "c:double,a:str" })));
    }

    [Fact]
    public void RandomizedTextSurvivesAnyBufferSize()
    {
        var rnd = new Random(42);
        const string alphabet = "ab,\"\r\n xé;";
        var rows = new List<object?[]>();
        for (var i = 0; i < 500; i++)
        {
            var len = rnd.Next(0, 30);
            var s = rnd.Next(10) == 0 ? null : new string(Enumerable.Range(0, len).Select(_ => alphabet[rnd.Next(alphabet.Length)]).ToArray());
            rows.Add([i, s, rnd.Next(5) == 0 ? null : rnd.NextDouble()]);
        }

        var batch = RecordBatch.FromRows("i:int,s:str,d:double", rows);
        var bytes = Encoding.UTF8.GetBytes(CsvWriterTests.Write(batch, new CsvWriteOptions { Header = true, NewLine = "\r\n" }));
        foreach (var size in new[] { 64, 73, 1000 })
        {
            var back = CsvReaderTests.Read(bytes, new CsvReadOptions { Header = true, Schema = batch.Schema, BufferSize = size, BatchSize = 33 });
            Assert.Equal(rows, CsvReaderTests.Rows(back));
        }
    }
}
