using System.Text;
using Fugue.Columnar;
using Fugue.IO.Json;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Json;

public class JsonLinesTests
{
    private static RecordBatch Read(string text, JsonReadOptions? options = null, string? file = null)
    {
        using var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), options, file);
        return reader.ReadAll();
    }

    private static string Write(RecordBatch batch)
    {
        var ms = new MemoryStream();
        using (var writer = new JsonLinesWriter(ms, batch.Schema, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static List<object?[]> Rows(RecordBatch batch) => Enumerable.Range(0, batch.Length).Select(batch.GetRow).ToList();

    [Fact]
    public void InfersFlatTypesAndKeyOrderMissingKeysAreNull()
    {
        var b = Read("{\"a\":1,\"b\":1.5,\"c\":true,\"d\":\"x\"}\n{\"b\":2,\"a\":null,\"e\":\"2020-01-01\"}\n");
        Assert.Equal("a:long,b:double,c:bool,d:str,e:str", b.Schema.ToString());
        Assert.Equal([[1L, 1.5, true, "x", null], [null, 2.0, null, null, "2020-01-01"]], Rows(b));
    }

    [Fact]
    public void InfersNestedTypesRecursively()
    {
        var b = Read("{\"l\":[1,2],\"s\":{\"x\":1,\"y\":[\"a\"]},\"n\":null,\"e\":[]}\n{\"l\":[3.5],\"s\":{\"z\":true},\"e\":[]}\n");
        Assert.Equal("l:[double],s:{x:long,y:[str],z:bool},n:str,e:[str]", b.Schema.ToString());
        Assert.Equal(new object?[] { 1.0, 2.0 }, (object?[])b.GetValue(0, 0)!);
        var s1 = (Dictionary<string, object?>)b.GetValue(1, 1)!;
        Assert.Null(s1["x"]);
        Assert.Equal(true, s1["z"]);
    }

    [Fact]
    public void ConflictingKindsInferStrAndKeepJsonText()
    {
        var b = Read("{\"a\":1}\n{\"a\":\"x\"}\n{\"a\":[1, 2]}\n{\"a\":true}\n");
        Assert.Equal("a:str", b.Schema.ToString());
        Assert.Equal([["1"], ["x"], ["[1, 2]"], ["true"]], Rows(b));
    }

    [Fact]
    public void ExplicitSchemaParsesStringsForTypedColumns()
    {
        var schema = Schema.Parse("i:int,ts:datetime,tsT:datetime,d:date,bin:bytes,dec:decimal(20,10),f:double,m:<str,int>,mp:<int,str>,u:ulong");
        var line = "{\"i\":\"7\",\"ts\":\"2020-01-01 03:04:05\",\"tsT\":\"2020-01-01T03:04:05.25\",\"d\":\"2021-02-03\",\"bin\":\"AQID\"," +
                   "\"dec\":1234567890.0123456789,\"f\":\"NaN\",\"m\":{\"a\":1,\"b\":null},\"mp\":[[1,\"x\"],[2,null]],\"u\":18446744073709551615,\"extra\":{\"ignored\":[1]}}\n";
        var b = Read(line, new JsonReadOptions { Schema = schema });
        var row = b.GetRow(0);
        Assert.Equal(7, row[0]);
        Assert.Equal(new DateTime(2020, 1, 1, 3, 4, 5), row[1]);
        Assert.Equal(new DateTime(2020, 1, 1, 3, 4, 5, 250), row[2]);
        Assert.Equal(new DateOnly(2021, 2, 3), row[3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, row[4]);
        Assert.Equal(1234567890.0123456789m, row[5]);
        Assert.True(double.IsNaN((double)row[6]!));
        Assert.Equal([new KeyValuePair<object, object?>("a", 1), new KeyValuePair<object, object?>("b", null)], (KeyValuePair<object, object?>[])row[7]!);
        Assert.Equal([new KeyValuePair<object, object?>(1, "x"), new KeyValuePair<object, object?>(2, null)], (KeyValuePair<object, object?>[])row[8]!);
        Assert.Equal(ulong.MaxValue, row[9]);
    }

    [Fact]
    public void ProjectionSelectsAndReorders()
    {
        var text = "{\"c\":1,\"a\":6}\n{\"c\":2,\"a\":7}\n";
        var b = Read(text, new JsonReadOptions { Columns = ["a", "c"] });
        Assert.Equal("a:long,c:long", b.Schema.ToString());
        Assert.Equal([[6L, 1L], [7L, 2L]], Rows(b));
        var typed = Read(text, new JsonReadOptions { Schema = "c:int,a:long", Columns = ["a"] });
        Assert.Equal([[6L], [7L]], Rows(typed));
        Assert.Throws<ArgumentException>(() => Read(text, new JsonReadOptions { Schema = "c:int", Columns = ["z"] }));
        var unseen = Read(text, new JsonReadOptions { Columns = ["z"] });
        Assert.Equal([[null], [null]], Rows(unseen));
    }

    [Fact]
    public void SyntaxErrorsNameFileAndLine()
    {
        var ex = Assert.Throws<JsonFormatException>(() => Read("{\"a\":1}\n\n{\"a\":2,}\n", new JsonReadOptions { Schema = "a:long" }, "f.json"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("invalid JSON", ex.Message);
        Assert.Contains("line 3 of 'f.json'", ex.Message);

        var inferEx = Assert.Throws<JsonFormatException>(() => Read("{\"a\":1}\n{\"a\":\n"));
        Assert.Equal(2, inferEx.Line);
    }

    [Fact]
    public void LinesMustBeSingleObjects()
    {
        Assert.Contains("must be a JSON object", Assert.Throws<JsonFormatException>(() => Read("[1,2]\n", new JsonReadOptions { Schema = "a:long" })).Message);
        Assert.Contains("must be a JSON object", Assert.Throws<JsonFormatException>(() => Read("3\n")).Message);
        Assert.Equal(1, Assert.Throws<JsonFormatException>(() => Read("{\"a\":1} {\"a\":2}\n", new JsonReadOptions { Schema = "a:long" })).Line);
    }

    [Fact]
    public void TypeMismatchNamesColumnAndExpectedType()
    {
        var ex = Assert.Throws<JsonFormatException>(() => Read("{\"a\":1,\"b\":[1]}\n{\"a\":2,\"b\":[\"x\"]}\n", new JsonReadOptions { Schema = "a:long,b:[int]" }, "t.json"));
        Assert.Equal(2, ex.Line);
        Assert.Equal("b", ex.ColumnName);
        Assert.Equal("[int]", ex.ExpectedType);
        Assert.Contains("\"x\" does not fit int", ex.Message);

        var ex2 = Assert.Throws<JsonFormatException>(() => Read("{\"a\":{\"x\":1}}\n", new JsonReadOptions { Schema = "a:long" }));
        Assert.Contains("object does not fit long", ex2.Message);
        var ex3 = Assert.Throws<JsonFormatException>(() => Read("{\"a\":1.5}\n", new JsonReadOptions { Schema = "a:long" }));
        Assert.Equal("long", ex3.ExpectedType);
        var dup = Assert.Throws<JsonFormatException>(() => Read("{\"a\":1,\"a\":2}\n", new JsonReadOptions { Schema = "a:long" }));
        Assert.Contains("duplicate key", dup.Message);
    }

    [Fact]
    public void BomCrLfBlankLinesAndEscapes()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":\"x\\ny\\u00e9\"}\r\n\r\n  \n{\"\\u0061\":\"\\\"q\\\"\"}")).ToArray();
        using var reader = new JsonLinesReader(new MemoryStream(bytes));
        var b = reader.ReadAll();
        Assert.Equal([["x\nyé"], ["\"q\""]], Rows(b));
    }

    [Fact]
    public void WriterTextForms()
    {
        var schema = Schema.Parse("a:long,s:str,n:double,nan:double,b:bool,d:date,ts:datetime,tz:timestamp(us,UTC),bin:bytes,dec:decimal(10,2),l:[int],st:{x:int},m:<str,int>,mi:<int,str>");
        var batch = RecordBatch.FromRows(schema, [[
            1L, "é\"", null, double.PositiveInfinity, false, new DateOnly(2020, 1, 2), new DateTime(2020, 1, 1, 3, 4, 5).AddTicks(1230),
            new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new byte[] { 1, 2, 3 }, 1.50m, new object?[] { 1, null },
            new Dictionary<string, object?> { ["x"] = 2 }, new[] { new KeyValuePair<object, object?>("k", 1) }, new[] { new KeyValuePair<object, object?>(3, "v") },
        ]]);
        Assert.Equal(
            "{\"a\":1,\"s\":\"é\\\"\",\"n\":null,\"nan\":\"Infinity\",\"b\":false,\"d\":\"2020-01-02\",\"ts\":\"2020-01-01T03:04:05.000123\"," +
            "\"tz\":\"2020-01-01T00:00:00Z\",\"bin\":\"AQID\",\"dec\":1.50,\"l\":[1,null],\"st\":{\"x\":2},\"m\":{\"k\":1},\"mi\":[[3,\"v\"]]}\n",
            Write(batch));
    }

    private static readonly Schema AllTypes = Schema.Parse(
        "b:bool,i8:byte,u8:ubyte,i16:short,u16:ushort,i32:int,u32:uint,i64:long,u64:ulong,f16:float16,f32:float,f64:double," +
        "s:str,bin:bytes,d:date,ts:datetime,tsz:timestamp(ms,UTC),tsn:timestamp(ns),dec:decimal(28,10)," +
        "l:[str],ll:[[long]],st:{x:int,y:[double],z:{q:str}},m:<str,int>,mi:<int,[str]>,ls:[{a:int}]");

    private static object?[] Row(int i) =>
    [
        i % 2 == 0, (sbyte)(i - 64), (byte)(i * 3), (short)(i * -1000), (ushort)(i * 1000), i * -100000, (uint)i * 100000u, (long)i * -10_000_000_000L,
        ulong.MaxValue - (ulong)i, (Half)(i * 0.5), i * 0.1f, i % 7 == 0 ? double.NaN : i * 1.0 / 3.0,
        i % 3 == 0 ? "" : $"s,\"{i}\"\n\u2603", new byte[] { (byte)i, 0, 255 }, new DateOnly(2000, 1, 1).AddDays(i * 37),
        new DateTime(2020, 1, 1).AddTicks(i * 123_456_780L), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 1001),
        new DateTime(1999, 12, 31).AddTicks(i * 1_234_567L), 123456789012345678m + (i * 0.0000000001m),
        new object?[] { "a", null, $"q\"{i}" }, new object?[] { new object?[] { 1L, (long)i }, null, Array.Empty<object?>() },
        new Dictionary<string, object?> { ["x"] = i, ["y"] = new object?[] { 0.5, i * 1.0 }, ["z"] = new Dictionary<string, object?> { ["q"] = "w" } },
        new[] { new KeyValuePair<object, object?>("k", i), new KeyValuePair<object, object?>("k2", null) },
        new[] { new KeyValuePair<object, object?>(i, new object?[] { "v" }) },
        new object?[] { new Dictionary<string, object?> { ["a"] = i }, null },
    ];

    private static RecordBatch Sample()
    {
        var rows = Enumerable.Range(0, 40).Select(Row).ToList();
        rows.Add(new object?[AllTypes.Count]);
        return RecordBatch.FromRows(AllTypes, rows);
    }

    [Fact]
    public void EveryTypeRoundTripsWithASchema()
    {
        var batch = Sample();
        var back = Read(Write(batch), new JsonReadOptions { Schema = AllTypes, BatchSize = 9, BufferSize = 100 });
        Assert.Equal(AllTypes, back.Schema);
        for (var r = 0; r < batch.Length; r++)
        {
            Assert.Equal(batch.GetRow(r), back.GetRow(r));
        }
    }

    [Fact]
    public void GzipFilesRoundTrip()
    {
        var dir = Directory.CreateTempSubdirectory("fugue-json-");
        try
        {
            var path = Path.Combine(dir.FullName, "x.json.gz");
            var batch = Sample();
            JsonLinesWriter.WriteFile(path, AllTypes, [batch.Slice(0, 5), batch.Slice(5, batch.Length - 5)]);
            using (var raw = File.OpenRead(path))
            {
                Assert.Equal(0x1f, raw.ReadByte());
            }

            var back = JsonLinesReader.ReadFile(path, new JsonReadOptions { Schema = AllTypes });
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
    public void SpecSaveAndLoadJsonCases()
    {
        // test_save_single_and_load_json: c:int,a:long saved, loaded with columns [a,c] -> a:long,c:long
        var saved = RecordBatch.FromRows("c:int,a:long", [[1, 6L], [7, 2L]]);
        var loaded = Read(Write(saved), new JsonReadOptions { Columns = ["a", "c"] });
        Assert.Equal("a:long,c:long", loaded.Schema.ToString());
        Assert.Equal([[6L, 1L], [2L, 7L]], Rows(loaded));

        // test_save_and_load_json: two parts concatenated read back in order
        var part1 = Write(RecordBatch.FromRows("a:long,c:long", [[1L, 6L], [7L, 2L]]));
        var part2 = Write(RecordBatch.FromRows("a:long,c:long", [[4L, 3L], [8L, 4L], [7L, 6L]]));
        Assert.Equal([[1L, 6L], [7L, 2L], [4L, 3L], [8L, 4L], [7L, 6L]], Rows(Read(part1 + part2)));
    }

    [Fact]
    public void StreamsManyRowsInBatches()
    {
        const int n = 50_000;
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append("{\"id\":").Append(i).Append(",\"s\":\"v").Append(i).Append("\",\"l\":[").Append(i % 3).Append("]}\n");
        }

        using var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())),
            new JsonReadOptions { BatchSize = 4096, BufferSize = 4096, InferSampleRows = 10 });
        Assert.Equal("id:long,s:str,l:[long]", reader.Schema.ToString());
        var total = 0;
        foreach (var batch in reader.ReadBatches())
        {
            Assert.True(batch.Length == 4096 || total + batch.Length == n);
            var ids = ((PrimitiveColumn<long>)batch.Column(0)).Values;
            var s = (StringColumn)batch.Column(1);
            for (var r = 0; r < batch.Length; r++)
            {
                Assert.Equal(total + r, ids[r]);
                Assert.Equal("v" + (total + r), s.GetString(r));
            }

            total += batch.Length;
        }

        Assert.Equal(n, total);
    }

    [Fact]
    public void ValuesAfterTheInferenceSampleMustFitTheInferredType()
    {
        var text = "{\"a\":1}\n{\"a\":2}\n{\"a\":2.5}\n";
        using var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), new JsonReadOptions { InferSampleRows = 2 }, "s.json");
        Assert.Equal("a:long", reader.Schema.ToString());
        var ex = Assert.Throws<JsonFormatException>(() => reader.ReadAll());
        Assert.Equal(3, ex.Line);
        Assert.Equal("a", ex.ColumnName);
        Assert.Equal("long", ex.ExpectedType);
        Assert.Equal("a:double", Read(text, new JsonReadOptions { InferSampleRows = 3 }).Schema.ToString());
    }

    [Fact]
    public void EmptyInputGivesAnEmptySchemaOrTheGivenOne()
    {
        Assert.Empty(Read("").Schema.Fields);
        var typed = Read("\n", new JsonReadOptions { Schema = "a:int" });
        Assert.Equal(0, typed.Length);
        Assert.Equal("a:int", typed.Schema.ToString());
    }
}
