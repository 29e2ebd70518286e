using System.Text;
using Fugue.Columnar;
using Fugue.IO.Csv;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Csv;

public class CsvWriterTests
{
    internal static string Write(RecordBatch batch, CsvWriteOptions? options = null)
    {
        var ms = new MemoryStream();
        using (var writer = new CsvWriter(ms, batch.Schema, options, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static RecordBatch Batch(Schema schema, params object?[][] rows) => RecordBatch.FromRows(schema, rows);

    [Fact]
    public void NoHeaderByDefaultAndHeaderOnRequest()
    {
        var b = Batch("a:int,b:str", [1, "x"], [2, "y"]);
        Assert.Equal("1,x\n2,y\n", Write(b));
        Assert.Equal("a,b\n1,x\n2,y\n", Write(b, new CsvWriteOptions { Header = true }));
        Assert.Equal("a;b\r\n1;x\r\n2;y\r\n", Write(b, new CsvWriteOptions { Header = true, Delimiter = ';', NewLine = "\r\n" }));
    }

    [Fact]
    public void HeaderIsWrittenForAnEmptyFile()
    {
        var ms = new MemoryStream();
        using (new CsvWriter(ms, "a:int,`b c`:str", new CsvWriteOptions { Header = true }, leaveOpen: true))
        {
        }

        Assert.Equal("a,b c\n", Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void QuotesOnlyWhenNeeded()
    {
        var b = Batch("s:str", ["plain"], ["a,b"], ["say \"hi\""], ["line\nbreak"], ["cr\r"], [" lead"], ["trail "], [""], [null], ["ünï"]);
        Assert.Equal("plain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"line\nbreak\"\n\"cr\r\"\n\" lead\"\n\"trail \"\n\"\"\n\nünï\n", Write(b));
    }

    [Fact]
    public void CustomQuoteCharacter()
    {
        var b = Batch("s:str,t:str", ["a'b", "x,y"], ["\"", null]);
        var text = Write(b, new CsvWriteOptions { Quote = '\'' });
        Assert.Equal("'a''b','x,y'\n\",\n", text);
        var back = CsvReaderTests.Read(text, new CsvReadOptions { Quote = '\'', Names = ["s", "t"] });
        Assert.Equal([["a'b", "x,y"], ["\"", null]], CsvReaderTests.Rows(back));
        Assert.Throws<ArgumentException>(() => new CsvWriter(new MemoryStream(), "a:int", new CsvWriteOptions { Quote = ',' }));
        Assert.Throws<ArgumentException>(() => new CsvWriter(new MemoryStream(), "a:int", new CsvWriteOptions { NewLine = "\r" }));
    }

    [Fact]
    public void NullTextAndStringsEqualToItAreQuoted()
    {
        var b = Batch("s:str,i:int", ["NA", null], [null, 1]);
        Assert.Equal("\"NA\",NA\nNA,1\n", Write(b, new CsvWriteOptions { NullValue = "NA" }));
    }

    [Fact]
    public void ValueTextForms()
    {
        var schema = Schema.Parse("d:double,f:float,b:bool,dt:date,ts:datetime,tsz:timestamp(ms,UTC),dec:decimal(10,3),bin:bytes,l:[int],st:{a:int,b:str},m:<str,long>,i8:byte,u64:ulong");
        var row = new object?[]
        {
            1.0, 0.1f, true, new DateOnly(2020, 1, 2), new DateTime(2020, 1, 1, 3, 4, 5), new DateTime(2020, 1, 1, 3, 4, 5, 120, DateTimeKind.Utc),
            1.5m, new byte[] { 1, 2, 3 }, new object?[] { 1, null }, new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x,y" },
            new[] { new KeyValuePair<object, object?>("k", 5L) }, (sbyte)-5, ulong.MaxValue,
        };
        var text = Write(Batch(schema, row));
        Assert.Equal("1.0,0.1,true,2020-01-02,2020-01-01 03:04:05,2020-01-01 03:04:05.12Z,1.500,AQID,\"[1,null]\",\"{\"\"a\"\":1,\"\"b\"\":\"\"x,y\"\"}\",\"{\"\"k\"\":5}\",-5,18446744073709551615\n", text);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.0, "-2.0")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(5e-324, "5E-324")]
    public void DoublesUseShortestRoundTripForm(double value, string expected)
    {
        Assert.Equal(expected + "\n", Write(Batch("d:double", [value])));
    }

    [Fact]
    public void LargeAndTinyDoublesRoundTripExactly()
    {
        double[] values = [1e16, 1.7976931348623157e308, 5e-324, -0.0, 0.30000000000000004];
        var text = Write(Batch("d:double", values.Select(v => new object?[] { v }).ToArray()));
        var back = CsvReaderTests.Read(text, new CsvReadOptions { Schema = "d:double" });
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), CsvReaderTests.Rows(back).Select(r => BitConverter.DoubleToInt64Bits((double)r[0]!)));
    }

    [Fact]
    public void TimestampFractionsAreTrimmed()
    {
        var b = Batch("t:datetime", [new DateTime(2020, 1, 1, 0, 0, 0).AddTicks(10)], [new DateTime(2020, 1, 1, 0, 0, 1).AddTicks(5_000_000)]);
        Assert.Equal("2020-01-01 00:00:00.000001\n2020-01-01 00:00:01.5\n", Write(b));
    }

    [Fact]
    public void BatchSchemaMustMatch()
    {
        using var writer = new CsvWriter(new MemoryStream(), "a:int");
        Assert.Throws<ArgumentException>(() => writer.Write(Batch("a:long", [1L])));
    }

    [Fact]
    public void LargeOutputFlushesThroughTheBuffer()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new object?[] { i, new string('v', i % 50) }).ToArray();
        var b = Batch("i:int,s:str", rows);
        var text = Write(b, new CsvWriteOptions { BufferSize = 1024 });
        var back = CsvReaderTests.Read(text, new CsvReadOptions { Schema = "i:int,s:str" });
        Assert.Equal(rows.Select(r => new object?[] { r[0], ((string)r[1]!).Length == 0 ? "" : r[1] }), CsvReaderTests.Rows(back));
    }
}
