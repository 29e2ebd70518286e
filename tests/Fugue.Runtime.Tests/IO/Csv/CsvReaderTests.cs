using System.Text;
using Fugue.Columnar;
using Fugue.IO.Csv;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Csv;

public class CsvReaderTests
{
    internal static RecordBatch Read(string text, CsvReadOptions options, string? file = null) =>
        Read(Encoding.UTF8.GetBytes(text), options, file);

    internal static RecordBatch Read(byte[] bytes, CsvReadOptions options, string? file = null)
    {
        using var reader = new CsvReader(new MemoryStream(bytes), options, file);
        return reader.ReadAll();
    }

    internal static List<object?[]> Rows(RecordBatch batch) => Enumerable.Range(0, batch.Length).Select(batch.GetRow).ToList();

    private static readonly CsvReadOptions WithHeader = new() { Header = true };

    [Fact]
    public void HeaderMakesStringColumns()
    {
        var b = Read("a,b\n1,x\n2,y\n", WithHeader);
        Assert.Equal("a:str,b:str", b.Schema.ToString());
        Assert.Equal([["1", "x"], ["2", "y"]], Rows(b));
    }

    [Fact]
    public void Rfc4180QuotedFields()
    {
        var b = Read("a,b\r\n\"x,y\",\"he said \"\"hi\"\"\"\r\n\"line1\nline2\",\"\"\r\n", WithHeader);
        Assert.Equal([["x,y", "he said \"hi\""], ["line1\nline2", ""]], Rows(b));
    }

    [Fact]
    public void CrLfLfAndLoneCrLineEndsAndNoFinalNewline()
    {
        var b = Read("a,b\r\n1,2\n3,4\r5,6", WithHeader);
        Assert.Equal([["1", "2"], ["3", "4"], ["5", "6"]], Rows(b));
    }

    [Fact]
    public void Utf8BomIsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("name,v\nä,1\n")).ToArray();
        var b = Read(bytes, WithHeader);
        Assert.Equal(["name", "v"], b.Schema.Names);
        Assert.Equal("ä", b.GetValue(0, 0));
    }

    [Fact]
    public void EmbeddedNewlinesCountTowardsLaterLineNumbers()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,\"x\ny\nz\"\n2,3\n4\n", WithHeader, "f.csv"));
        Assert.Equal(6, ex.Line);
        Assert.Equal("f.csv", ex.FilePath);
        Assert.Contains("expected 2 fields but found 1", ex.Message);
        Assert.Contains("line 6 of 'f.csv'", ex.Message);
    }

    [Fact]
    public void WrongFieldCountTooMany()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,2,3\n", WithHeader));
        Assert.Equal(2, ex.Line);
        Assert.Contains("expected 2 fields but found 3", ex.Message);
    }

    [Fact]
    public void UnterminatedQuoteIsAnError()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,2\n3,\"abc\n", WithHeader, "u.csv"));
        Assert.Contains("unterminated quoted field", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Contains("u.csv", ex.Message);
    }

    [Fact]
    public void TextAfterClosingQuoteIsAnError()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("a,b\n\"x\"y,2\n", WithHeader));
        Assert.Contains("after a closing quote", ex.Message);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void UnparseableValueNamesColumnTextTypeAndLine()
    {
        var options = new CsvReadOptions { Header = true, Schema = "a:long,b:double" };
        var ex = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,2.5\n\"x\ny\",3\n4,abc\n", options, "data.csv"));
        Assert.Equal(3, ex.Line);
        Assert.Equal("a", ex.ColumnName);
        Assert.Equal("x\ny", ex.Text);
        Assert.Equal("long", ex.ExpectedType);
        Assert.Contains("column 'a'", ex.Message);
        Assert.Contains("expected long", ex.Message);

        var ex2 = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,2.5\n4,abc\n", options));
        Assert.Equal(3, ex2.Line);
        Assert.Equal("b", ex2.ColumnName);
        Assert.Equal("abc", ex2.Text);
        Assert.Equal("double", ex2.ExpectedType);
    }

    [Fact]
    public void LongOffendingTextIsTruncatedInTheMessage()
    {
        var text = new string('z', 500);
        var ex = Assert.Throws<CsvFormatException>(() => Read($"a\n{text}\n", new CsvReadOptions { Header = true, Schema = "a:int" }));
        Assert.Contains("zzz...", ex.Message);
        Assert.True(ex.Message.Length < 300);
    }

    [Fact]
    public void EmptyUnquotedIsNullQuotedEmptyIsEmptyStringForStr()
    {
        var b = Read("a,b\n,\"\"\n\"\",\n", new CsvReadOptions { Header = true, Schema = "a:str,b:long" });
        Assert.Equal([[null, null], ["", null]], Rows(b));
    }

    [Fact]
    public void CustomNullValue()
    {
        var b = Read("a,b\nNA,NA\n\"NA\",\"NA\"\n,\n", new CsvReadOptions { Header = true, Schema = "a:str,b:int", NullValue = "NA" });
        Assert.Equal([[null, null], ["NA", null], ["", null]], Rows(b));
    }

    [Fact]
    public void EscapeCharacterInsideQuotes()
    {
        var b = Read("a,b\n\"x\\\"y\",\"c\\\\d\"\n", new CsvReadOptions { Header = true, Escape = '\\' });
        Assert.Equal([["x\"y", "c\\d"]], Rows(b));
    }

    [Fact]
    public void CustomDelimiterAndQuote()
    {
        var b = Read("a;b\n'x;y';2\n", new CsvReadOptions { Header = true, Delimiter = ';', Quote = '\'' });
        Assert.Equal([["x;y", "2"]], Rows(b));
        var t = Read("a\tb\n1\t2\n", new CsvReadOptions { Header = true, Delimiter = '\t' });
        Assert.Equal([["1", "2"]], Rows(t));
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Read("a\n", new CsvReadOptions { Header = true, Delimiter = '"' }));
        Assert.Throws<ArgumentException>(() => Read("a\n", new CsvReadOptions { Header = true, Delimiter = '\n' }));
        Assert.Throws<ArgumentException>(() => Read("a\n", new CsvReadOptions { Header = true, Delimiter = 'é' }));
        Assert.Throws<ArgumentException>(() => Read("a\n", new CsvReadOptions { Header = true, BatchSize = 0 }));
        Assert.Throws<ArgumentException>(() => Read("a\n", new CsvReadOptions { Schema = "a:int", Names = ["a"] }));
    }

    [Fact]
    public void SchemaWithHeaderSelectsReordersAndCasts()
    {
        var b = Read("c,a\n6.1,1.1\n2.1,7.1\n", new CsvReadOptions { Header = true, Schema = "a:double,c:double" });
        Assert.Equal("a:double,c:double", b.Schema.ToString());
        Assert.Equal([[1.1, 6.1], [7.1, 2.1]], Rows(b));
    }

    [Fact]
    public void SchemaNameMissingFromHeaderIsNamed()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("c,a\n1,2\n", new CsvReadOptions { Header = true, Schema = "a:int,x:int" }));
        Assert.Contains("schema column 'x' is not in the CSV columns [c, a]", ex.Message);
    }

    [Fact]
    public void NamesMustMatchTheHeader()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("c,a\n1,2\n", new CsvReadOptions { Header = true, Names = ["c", "b"] }));
        Assert.Contains("[c, b] do not match the header [c, a]", ex.Message);
        var ok = Read("c,a\n1,2\n", new CsvReadOptions { Header = true, Names = ["c", "a"] });
        Assert.Equal(["c", "a"], ok.Schema.Names);
    }

    [Fact]
    public void NoHeaderNeedsNamesOrSchema()
    {
        var ex = Assert.Throws<ArgumentException>(() => Read("1,2\n", new CsvReadOptions()));
        Assert.Contains("needs column names or a schema", ex.Message);

        var named = Read("6.1,1.1\n2.1,7.1\n", new CsvReadOptions { Names = ["c", "a"] });
        Assert.Equal("c:str,a:str", named.Schema.ToString());
        Assert.Equal([["6.1", "1.1"], ["2.1", "7.1"]], Rows(named));

        var inferred = Read("6.1,1.1\n2.1,7.1\n", new CsvReadOptions { Names = ["c", "a"], InferSchema = true });
        Assert.Equal("c:double,a:double", inferred.Schema.ToString());

        var typed = Read("6.1,1.1\n2.1,7.1\n", new CsvReadOptions { Schema = "c:double,a:str" });
        Assert.Equal([[6.1, "1.1"], [2.1, "7.1"]], Rows(typed));
    }

    [Fact]
    public void InferSchemaWithExplicitSchemaIsAnError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Read("a\n1\n", new CsvReadOptions { Header = true, InferSchema = true, Schema = "a:int" }));
        Assert.Contains("InferSchema cannot be combined", ex.Message);
        Assert.Throws<ArgumentException>(() => Read("1\n", new CsvReadOptions { InferSchema = true, Schema = "a:int" }));
    }

    [Fact]
    public void InferSchemaTypes()
    {
        var csv = "l,d,mix,b,dt,ts,tsT,s,nul\n" +
                  "1,1.5,1,true,2020-01-01,2020-01-01 03:04:05,2020-01-01T03:04:05.123,x,\n" +
                  "-2,NaN,2.5,FALSE,2021-12-31,2021-02-03 00:00:00.5,2021-02-03T00:00:00,1,\n" +
                  ",,,,,,,,\n";
        var b = Read(csv, new CsvReadOptions { Header = true, InferSchema = true });
        Assert.Equal("l:long,d:double,mix:double,b:bool,dt:date,ts:datetime,tsT:datetime,s:str,nul:str", b.Schema.ToString());
        Assert.Equal(new object?[] { 1L, 1.5, 1.0, true, new DateOnly(2020, 1, 1), new DateTime(2020, 1, 1, 3, 4, 5), new DateTime(2020, 1, 1, 3, 4, 5, 123), "x", null }, b.GetRow(0));
        Assert.Equal(new object?[] { -2L, double.NaN, 2.5, false, new DateOnly(2021, 12, 31), new DateTime(2021, 2, 3, 0, 0, 0, 500), new DateTime(2021, 2, 3), "1", null }, b.GetRow(1));
        Assert.All(b.GetRow(2), Assert.Null);
    }

    [Fact]
    public void InferenceUsesABoundedSampleThenFailsClearlyOnLaterRows()
    {
        var sb = new StringBuilder("a\n");
        for (var i = 0; i < 20; i++)
        {
            sb.Append(i).Append('\n');
        }

        sb.Append("oops\n");
        var options = new CsvReadOptions { Header = true, InferSchema = true, InferSampleRows = 10, BatchSize = 4 };
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())), options);
        Assert.Equal("a:long", reader.Schema.ToString());
        var ex = Assert.Throws<CsvFormatException>(() => reader.ReadAll());
        Assert.Equal(22, ex.Line);
        Assert.Equal("oops", ex.Text);

        var wide = Read(sb.ToString(), options with { InferSampleRows = 100 });
        Assert.Equal("a:str", wide.Schema.ToString());
        Assert.Equal(21, wide.Length);
    }

    [Fact]
    public void ColumnProjectionByNames()
    {
        var csv = "a,b,c\n1,2,3\n4,5,6\n";
        var b = Read(csv, new CsvReadOptions { Header = true, Columns = ["c", "a"] });
        Assert.Equal("c:str,a:str", b.Schema.ToString());
        Assert.Equal([["3", "1"], ["6", "4"]], Rows(b));

        var inferred = Read(csv, new CsvReadOptions { Header = true, Columns = ["b"], InferSchema = true });
        Assert.Equal([[2L], [5L]], Rows(inferred));

        var typed = Read("1,2,3\n", new CsvReadOptions { Schema = "a:int,b:str,c:long", Columns = ["c", "b"] });
        Assert.Equal([[3L, "2"]], Rows(typed));

        var ex = Assert.Throws<CsvFormatException>(() => Read(csv, new CsvReadOptions { Header = true, Columns = ["z"] }));
        Assert.Contains("selected column 'z'", ex.Message);
    }

    [Fact]
    public void AllFlatTypesParse()
    {
        var schema = Schema.Parse("i8:byte,u8:ubyte,i16:short,u16:ushort,i32:int,u32:uint,i64:long,u64:ulong,f16:float16,f32:float,f64:double,b:bool,d:date,ts:datetime,tsz:timestamp(ms,UTC),dec:decimal(10,2),bin:bytes,s:str");
        var csv = "-8,200,-300,60000,-70000,4000000000,-9000000000,18000000000000000000,1.5,2.25,-1e300,1,2020-02-29,2020-01-01T03:04:05.1234567,2020-01-01 03:04:05.678Z,12.34,AQID,\" pad \"\n";
        var b = Read(csv, new CsvReadOptions { Schema = schema });
        Assert.Equal(new object?[]
        {
            (sbyte)-8, (byte)200, (short)-300, (ushort)60000, -70000, 4000000000u, -9000000000L, 18000000000000000000UL, (Half)1.5, 2.25f, -1e300,
            true, new DateOnly(2020, 2, 29), new DateTime(2020, 1, 1, 3, 4, 5).AddTicks(1234560),
            new DateTime(2020, 1, 1, 3, 4, 5, 678, DateTimeKind.Utc), 12.34m, new byte[] { 1, 2, 3 }, " pad ",
        }, b.GetRow(0));
    }

    [Theory]
    [InlineData("i:byte", "300")]
    [InlineData("i:int", "1.5")]
    [InlineData("i:uint", "-1")]
    [InlineData("d:date", "2020-02-30")]
    [InlineData("t:datetime", "2020-01-01 25:00:00")]
    [InlineData("b:bool", "yes")]
    [InlineData("x:bytes", "###")]
    [InlineData("x:decimal(3,1)", "1234.5")]
    public void OutOfRangeOrMalformedValuesFail(string schema, string text)
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read(text + "\n", new CsvReadOptions { Schema = schema }));
        Assert.Equal(text, ex.Text);
        Assert.Equal(Schema.Parse(schema)[0].Type.ToString(), ex.ExpectedType);
    }

    [Fact]
    public void NumbersToleratePaddingAndEmptyNumbersAreNull()
    {
        var b = Read(" 1 , 2.5 \n  ,\"\"\n", new CsvReadOptions { Schema = "a:long,b:double" });
        Assert.Equal([[1L, 2.5], [null, null]], Rows(b));
    }

    [Fact]
    public void BlankLinesAreSkippedForMultiColumnFiles()
    {
        var b = Read("a,b\n\n1,2\r\n\r\n3,4\n\n", WithHeader);
        Assert.Equal([["1", "2"], ["3", "4"]], Rows(b));
        var single = Read("a\n1\n\n2\n", new CsvReadOptions { Header = true, Schema = "a:int" });
        Assert.Equal([[1], [null], [2]], Rows(single));
    }

    [Fact]
    public void EmptyInputs()
    {
        var headerOnly = Read("a,b\n", WithHeader);
        Assert.Equal(0, headerOnly.Length);
        Assert.Equal("a:str,b:str", headerOnly.Schema.ToString());

        var empty = Read("", new CsvReadOptions { Header = true, Schema = "a:int" });
        Assert.Equal(0, empty.Length);
        Assert.Equal("a:int", empty.Schema.ToString());

        var emptyInferred = Read("", new CsvReadOptions { Names = ["x"], InferSchema = true });
        Assert.Equal("x:str", emptyInferred.Schema.ToString());
    }

    [Fact]
    public void NestedColumnsReadJsonText()
    {
        var b = Read("\"[1,2,null]\",\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\",\"{\"\"k\"\":2}\"\n,,\n",
            new CsvReadOptions { Schema = "l:[long],s:{a:int,b:str},m:<str,int>" });
        Assert.Equal(new object?[] { 1L, 2L, null }, (object?[])b.GetValue(0, 0)!);
        var s = (Dictionary<string, object?>)b.GetValue(0, 1)!;
        Assert.Equal(1, s["a"]);
        Assert.Equal("x", s["b"]);
        Assert.Equal([new KeyValuePair<object, object?>("k", 2)], (KeyValuePair<object, object?>[])b.GetValue(0, 2)!);
        Assert.All(b.GetRow(1), Assert.Null);

        var ex = Assert.Throws<CsvFormatException>(() => Read("\"[1,\"\"x\"\"]\"\n", new CsvReadOptions { Schema = "l:[long]" }));
        Assert.Equal("[long]", ex.ExpectedType);
    }

    [Fact]
    public void QuotedFieldsSpanningTheReadBufferBoundary()
    {
        var sb = new StringBuilder("id,text\n");
        var expected = new List<object?[]>();
        for (var i = 0; i < 300; i++)
        {
            var text = new string('x', i % 97) + "\"q\",\r\n" + new string('y', i % 13);
            expected.Add([i, text]);
            sb.Append(i).Append(",\"").Append(text.Replace("\"", "\"\"")).Append("\"\r\n");
        }

        foreach (var bufferSize in new[] { 64, 100, 257, 4096 })
        {
            var b = Read(sb.ToString(), new CsvReadOptions { Header = true, Schema = "id:int,text:str", BufferSize = bufferSize, BatchSize = 17 });
            Assert.Equal(expected, Rows(b));
        }

        // line numbers stay right across buffer refills: each record spans two lines
        var bad = sb.ToString() + "x,\"a\"\n";
        var ex = Assert.Throws<CsvFormatException>(() => Read(bad, new CsvReadOptions { Header = true, Schema = "id:int,text:str", BufferSize = 64 }));
        Assert.Equal(2 + (300 * 2), ex.Line);
    }

    [Fact]
    public void RecordLongerThanTheBufferGrowsIt()
    {
        var big = new string('a', 10_000);
        var b = Read($"a,b\n{big},\"{big}\"\n1,2\n", new CsvReadOptions { Header = true, BufferSize = 64 });
        Assert.Equal([[big, big], ["1", "2"]], Rows(b));
    }

    [Fact]
    public void LargeFileStreamsInBatchesWithExactValues()
    {
        const int n = 200_000;
        var sb = new StringBuilder("id,key,a,b,ts\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append(i).Append(',').Append(i % 1000).Append(',').Append((i * 0.25).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .Append(",s").Append(i).Append(',').Append(new DateTime(2020, 1, 1).AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var options = new CsvReadOptions { Header = true, Schema = "id:long,key:int,a:double,b:str,ts:datetime", BatchSize = 7000, BufferSize = 1 << 14 };
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())), options);
        var total = 0;
        foreach (var batch in reader.ReadBatches())
        {
            Assert.True(batch.Length == 7000 || total + batch.Length == n);
            var ids = ((PrimitiveColumn<long>)batch.Column(0)).Values;
            var keys = ((PrimitiveColumn<int>)batch.Column(1)).Values;
            var a = ((PrimitiveColumn<double>)batch.Column(2)).Values;
            var s = (StringColumn)batch.Column(3);
            var ts = ((PrimitiveColumn<long>)batch.Column(4)).Values;
            for (var r = 0; r < batch.Length; r++)
            {
                var i = total + r;
                Assert.Equal(i, ids[r]);
                Assert.Equal(i % 1000, keys[r]);
                Assert.Equal(i * 0.25, a[r]);
                Assert.Equal("s" + i, s.GetString(r));
                Assert.Equal(TemporalConversions.ToTimestamp(new DateTime(2020, 1, 1).AddSeconds(i), TimeUnit.Microsecond), ts[r]);
            }

            total += batch.Length;
        }

        Assert.Equal(n, total);
    }

    [Fact]
    public void BatchesCanBeEnumeratedOnlyOnce()
    {
        using var reader = new CsvReader(new MemoryStream("a\n1\n"u8.ToArray()), WithHeader);
        _ = reader.ReadBatches().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.ReadBatches());
    }

    [Fact]
    public void InvalidUtf8InStringColumnIsAnError()
    {
        var bytes = "a\n"u8.ToArray().Concat(new byte[] { 0xFF, 0xFE, (byte)'\n' }).ToArray();
        var ex = Assert.Throws<CsvFormatException>(() => Read(bytes, WithHeader));
        Assert.Equal("str", ex.ExpectedType);
    }
}
