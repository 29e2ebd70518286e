using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Engines.Tests.Sql;

public class SqliteEngineTests
{
    private static readonly SqlTestEngine Engine = new();

    private static DataFrame Select(string sql, params (string Name, DataFrame Df)[] tables) =>
        new SqliteEngine(Engine).Select(new DataFrames(tables.Select(t => KeyValuePair.Create(t.Name, t.Df))), sql);

    private static ArrayDataFrame Df(string schema, params object?[][] rows) => new(rows, Schema.Parse(schema));

    [Fact]
    public void DialectAndFacetShareEngine()
    {
        var sql = new SqliteEngine(Engine);
        Assert.Equal("sqlite", sql.Dialect);
        Assert.Same(Engine, sql.ExecutionEngine);
        Assert.Same(Engine.Conf, sql.Conf);
    }

    [Fact]
    public void SeedExampleJoin()
    {
        var x = Df("a:long,b:long", [0L, 1L], [1L, 2L]);
        var y = Df("a:long,c:long", [1L, 1L], [2L, 2L]);
        var result = Select("SELECT x.*,c FROM x INNER JOIN y ON x.a=y.a", ("x", x), ("y", y));
        Assert.Equal(Schema.Parse("a:long,b:long,c:long"), result.Schema);
        var rows = result.AsArray();
        Assert.Single(rows);
        Assert.Equal(new object?[] { 1L, 2L, 1L }, rows[0]);
    }

    [Fact]
    public void ThroughEngineSelect()
    {
        var x = Df("a:int,b:str", [1, "x"], [2, null]);
        var result = Engine.Select(new DataFrames([KeyValuePair.Create("t", (DataFrame)x)]), "SELECT * FROM t WHERE b IS NULL");
        Assert.Equal(Schema.Parse("a:int,b:str"), result.Schema);
        Assert.Equal(new object?[] { 2, null }, Assert.Single(result.AsArray()));
    }

    [Fact]
    public void EveryFlatTypeRoundTrips()
    {
        var schema = "a:bool,b:byte,c:ubyte,d:short,e:ushort,f:int,g:uint,h:long,i:ulong,j:float16,k:float,l:double,"
            + "m:str,n:bytes,o:date,p:datetime,q:decimal(10,2),r:timestamp(ms),s:timestamp(ns),t:timestamp(s),u:null,"
            + "v:timestamp(us,UTC),w:timestamp(us,America/New_York)";
        var dt = new DateTime(2020, 1, 2, 3, 4, 5, 678, DateTimeKind.Unspecified).AddTicks(9000);
        var utc = new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        object?[] row =
        [
            true, (sbyte)-5, (byte)250, (short)-300, (ushort)60000, -70000, 4000000000u, long.MinValue, 18000000000000000000UL,
            (Half)1.5, 2.25f, Math.PI, "héllo 世界", new byte[] { 0, 1, 255 }, new DateOnly(1999, 12, 31), dt, 12345678.91m,
            new DateTime(2020, 1, 2, 3, 4, 5, 678), new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(1234567), new DateTime(2020, 1, 2, 3, 4, 5),
            null, utc, utc,
        ];
        var nulls = new object?[row.Length];
        var df = Df(schema, row, nulls);
        var result = Select("SELECT * FROM t", ("t", df));
        Assert.Equal(df.Schema, result.Schema);
        var rows = result.AsArray();
        Assert.Equal(2, rows.Count);
        for (var i = 0; i < row.Length; i++)
        {
            if (i == 8)
            {
                // ulong above long.MaxValue goes through REAL: only the magnitude survives.
                Assert.Equal(18000000000000000000.0, (double)(ulong)rows[0][i]!, 1e6);
                continue;
            }

            Assert.Equal(row[i], rows[0][i]);
        }

        Assert.All(rows[1], Assert.Null);
    }

    [Fact]
    public void DateAndDatetimeWorkWithSqliteFunctions()
    {
        var df = Df("d:date,t:datetime", [new DateOnly(2020, 2, 28), new DateTime(2020, 2, 28, 23, 0, 0)]);
        var result = Select("SELECT date(d, '+1 day') AS d1, t > '2020-02-28 12:00:00' AS late, strftime('%H', t) AS h FROM t", ("t", df));
        Assert.Equal(Schema.Parse("d1:str,late:long,h:str"), result.Schema);
        Assert.Equal(new object?[] { "2020-02-29", 1L, "23" }, result.AsArray()[0]);
    }

    [Fact]
    public void ExpressionColumnsInferTypesFromValues()
    {
        var df = Df("a:int,b:double,s:str", [1, 1.5, "x"], [2, null, null]);
        var result = Select(
            "SELECT a+1 AS i, a*b AS r, a+0.5 AS mixed, s || '!' AS t, NULL AS n, CASE WHEN a=1 THEN 1 ELSE 'two' END AS m, x'0102' AS blob FROM t",
            ("t", df));
        Assert.Equal(Schema.Parse("i:long,r:double,mixed:double,t:str,n:null,m:str,blob:bytes"), result.Schema);
        var rows = result.AsArray();
        Assert.Equal(new object?[] { 2L, 1.5, 1.5, "x!", null, "1", new byte[] { 1, 2 } }, rows[0]);
        Assert.Equal(new object?[] { 3L, null, 2.5, null, null, "two", new byte[] { 1, 2 } }, rows[1]);
    }

    [Fact]
    public void IntegerAndRealMixInOneColumnGivesDouble()
    {
        var df = Df("a:long", [1L], [2L]);
        var result = Select("SELECT CASE WHEN a=1 THEN 1 ELSE 2.5 END AS v FROM t", ("t", df));
        Assert.Equal(Schema.Parse("v:double"), result.Schema);
        Assert.Equal([1.0, 2.5], result.AsArray().Select(r => r[0]));
    }

    [Fact]
    public void DeclaredTypeIsDroppedWhenValuesDoNotFit()
    {
        // a UNION takes the declared type of its first SELECT, but the second brings text
        var df = Df("a:int", [1]);
        var result = Select("SELECT a FROM t UNION ALL SELECT 'x'", ("t", df));
        Assert.Equal(Schema.Parse("a:str"), result.Schema);
        Assert.Equal(["1", "x"], result.AsArray().Select(r => r[0]).Order());
    }

    [Fact]
    public void OddNamesAreQuoted()
    {
        var names = new[] { "a b", "c\"d", "e`f", "ünï", "select", "x'y" };
        var schema = new Schema(names.Select(n => new Field(n, DataType.Int32)));
        var df = new ArrayDataFrame([[1, 2, 3, 4, 5, 6]], schema);
        var result = Select("SELECT * FROM \"my \"\"table\"\"\"", ("my \"table\"", df));
        Assert.Equal(schema, result.Schema);
        Assert.Equal(new object?[] { 1, 2, 3, 4, 5, 6 }, result.AsArray()[0]);
        var picked = Select("SELECT \"c\"\"d\" + \"ünï\" AS \"sum\" FROM \"my \"\"table\"\"\"", ("my \"table\"", df));
        Assert.Equal(6L, picked.AsArray()[0][0]);
    }

    [Fact]
    public void SqlErrorCarriesMessageAndQuery()
    {
        var df = Df("a:int", [1]);
        const string sql = "SELECT nope FROM t";
        var e = Assert.Throws<FugueSqlException>(() => Select(sql, ("t", df)));
        Assert.Contains("no such column: nope", e.Message, StringComparison.Ordinal);
        Assert.Contains(sql, e.Message, StringComparison.Ordinal);
        Assert.Equal(sql, e.Query);
    }

    [Fact]
    public void SyntaxErrorAndMissingTable()
    {
        var df = Df("a:int", [1]);
        Assert.Contains("syntax error", Assert.Throws<FugueSqlException>(() => Select("SELEC a FROM t", ("t", df))).Message, StringComparison.Ordinal);
        Assert.Contains("no such table: u", Assert.Throws<FugueSqlException>(() => Select("SELECT a FROM u", ("t", df))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonQueryStatementIsRejected()
    {
        var df = Df("a:int", [1]);
        var e = Assert.Throws<FugueSqlException>(() => Select("DELETE FROM t", ("t", df)));
        Assert.Contains("no columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateResultNamesAreAClearError()
    {
        var x = Df("a:int", [1]);
        var e = Assert.Throws<FugueSqlException>(() => Select("SELECT x.a, y.a FROM x, x AS y", ("x", x)));
        Assert.Contains("valid schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedColumnsAreRejected()
    {
        var df = Df("a:int,b:[int]", [1, new object?[] { 1, 2 }]);
        // only a column the query reads is loaded (SqlColumnPruning): this one names b
        var e = Assert.Throws<FugueSqlException>(() => Select("SELECT a, b FROM t", ("t", df)));
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
        Assert.Contains("nested", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFramesKeepDeclaredTypes()
    {
        var df = Df("a:int,b:str,c:date");
        var result = Select("SELECT * FROM t", ("t", df));
        Assert.Equal(df.Schema, result.Schema);
        Assert.True(result.IsEmpty);
        var expr = Select("SELECT a, count(*) AS n FROM t GROUP BY a", ("t", df));
        Assert.Equal(Schema.Parse("a:int,n:null"), expr.Schema);
        Assert.Equal(0, expr.Count());
    }

    [Fact]
    public void AggregateOverEmptyTableGivesOneRow()
    {
        var result = Select("SELECT count(*) AS n, max(a) AS m FROM t", ("t", Df("a:int")));
        Assert.Equal(Schema.Parse("n:long,m:null"), result.Schema);
        Assert.Equal(new object?[] { 0L, null }, result.AsArray()[0]);
    }

    [Fact]
    public void LargeInsertIsCorrect()
    {
        const int n = 100_000;
        var ints = new PrimitiveColumnBuilder<int>(DataType.Int32, n);
        var strings = new StringColumnBuilder(n);
        var doubles = new PrimitiveColumnBuilder<double>(DataType.Float64, n);
        for (var i = 0; i < n; i++)
        {
            ints.Append(i);
            if (i % 10 == 0)
            {
                strings.AppendNull();
            }
            else
            {
                strings.Append("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            doubles.Append(i * 0.5);
        }

        var schema = Schema.Parse("i:int,s:str,d:double");
        var df = new ColumnarDataFrame(new RecordBatch(schema, [ints.Build(), strings.Build(), doubles.Build()], n));
        var all = Select("SELECT * FROM t", ("t", df));
        Assert.Equal(n, all.Count());
        var rows = all.AsArray();
        for (var i = 0; i < n; i += 997)
        {
            Assert.Equal(i, rows[i][0]);
            Assert.Equal(i % 10 == 0 ? null : "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i][1]);
            Assert.Equal(i * 0.5, rows[i][2]);
        }

        var stats = Select("SELECT count(*) AS n, count(s) AS ns, sum(i) AS si, sum(d) AS sd FROM t", ("t", df)).AsArray()[0];
        Assert.Equal(new object?[] { (long)n, (long)(n - n / 10), (long)n * (n - 1) / 2, 0.5 * n * (n - 1) / 2 }, stats);
    }

    [Fact]
    public void PositionalFramesUseTheirDefaultNames()
    {
        var dfs = new DataFrames(Df("a:int", [1]));
        var key = dfs.Keys[0];
        var result = new SqliteEngine(Engine).Select(dfs, $"SELECT a FROM {SqlIdentifiers.Quote(key)}");
        Assert.Equal(1, result.AsArray()[0][0]);
    }

    [Fact]
    public void CancellationStopsTheQuery()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var dfs = new DataFrames([KeyValuePair.Create("t", (DataFrame)Df("a:int", [1]))]);
        Assert.ThrowsAny<OperationCanceledException>(() => new SqliteEngine(Engine).Select(dfs, "SELECT * FROM t", cts.Token));
    }

    [Fact]
    public void QuoteIdentifier()
    {
        Assert.Equal("\"a\"", SqlIdentifiers.Quote("a"));
        Assert.Equal("\"a\"\"b\"", SqlIdentifiers.Quote("a\"b"));
        Assert.Throws<ArgumentException>(() => SqlIdentifiers.Quote(""));
    }

    [Theory]
    [InlineData("BIGINT", "long")]
    [InlineData("integer", "long")]
    [InlineData("VARCHAR(20)", "str")]
    [InlineData("DECIMAL_10_2", "decimal(10,2)")]
    [InlineData("TIMESTAMP", "datetime")]
    [InlineData("NUMERIC", null)]
    [InlineData(null, null)]
    public void DeclaredTypeNames(string? declared, string? expected)
    {
        Assert.Equal(expected is null ? null : DataType.Parse(expected), SqliteTypes.FromDeclaredType(declared));
    }
}

public class NativeSqlDefaultTests
{
    [Fact]
    public void NativeEngineRunsSqlOnSqliteByDefault()
    {
        using var engine = new Fugue.Native.NativeExecutionEngine();
        Assert.IsType<SqliteEngine>(engine.SqlEngine);
        var x = new ArrayDataFrame([[0L, 1L], [1L, 2L]], Schema.Parse("a:long,b:long"));
        var y = new ArrayDataFrame([[1L, 1L], [2L, 2L]], Schema.Parse("a:long,c:long"));
        var dfs = new DataFrames([KeyValuePair.Create("x", (DataFrame)x), KeyValuePair.Create("y", (DataFrame)y)]);
        var result = engine.Select(dfs, "SELECT x.*,c FROM x INNER JOIN y ON x.a=y.a");
        Assert.Equal(Schema.Parse("a:long,b:long,c:long"), result.Schema);
        Assert.Equal(new object?[] { 1L, 2L, 1L }, Assert.Single(result.AsArray()));
    }
}

public class SqliteEngineEdgeTests
{
    private static readonly SqlTestEngine Engine = new();

    private static DataFrame Select(string sql, params (string Name, DataFrame Df)[] tables) =>
        new SqliteEngine(Engine).Select(new DataFrames(tables.Select(t => KeyValuePair.Create(t.Name, t.Df))), sql);

    [Fact]
    public void OnlyOneStatement()
    {
        var df = new ArrayDataFrame([[1]], Schema.Parse("a:int"));
        Assert.Equal(1, Select("SELECT a FROM t; -- done\n /* c */ ;", ("t", df)).AsArray()[0][0]);
        var e = Assert.Throws<FugueSqlException>(() => Select("SELECT a FROM t; SELECT 2", ("t", df)));
        Assert.Contains("one SQL statement", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableNamesDifferingOnlyInCaseAreRejectedBySqlite()
    {
        var df = new ArrayDataFrame([[1]], Schema.Parse("a:int"));
        var e = Assert.Throws<FugueSqlException>(() => Select("SELECT * FROM x", ("x", df), ("X", df)));
        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTextAndBlobsRoundTrip()
    {
        var text = string.Concat(Enumerable.Repeat("日本語 text ", 20_000));
        var blob = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var df = new ArrayDataFrame([[text, blob], ["", Array.Empty<byte>()]], Schema.Parse("s:str,b:bytes"));
        var rows = Select("SELECT * FROM t", ("t", df)).AsArray();
        Assert.Equal(text, rows[0][0]);
        Assert.Equal(blob, rows[0][1]);
        Assert.Equal("", rows[1][0]);
        Assert.Equal(Array.Empty<byte>(), rows[1][1]);
    }

    [Fact]
    public void WorksOnStreamedFrames()
    {
        var schema = Schema.Parse("a:int");
        var stream = DataFrame.FromStream(Enumerable.Range(0, 1000).Select(i => (IReadOnlyList<object?>)[i]), schema);
        Assert.Equal(499500L, Select("SELECT sum(a) AS s FROM t", ("t", stream)).AsArray()[0][0]);
    }
}
