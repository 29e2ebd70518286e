using Fugue.Expressions;
using Fugue.Schemas;
using Fugue.Sql;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Sql;

public class SqlExpressionGeneratorTests
{
    private static readonly Schema S = Schema.Parse("a:double,b:int");
    private static readonly SqlExpressionGenerator Sqlite = new("sqlite");
    private static readonly SqlExpressionGenerator Spark = new("spark");

    [Fact]
    public void Expressions()
    {
        Assert.Equal("\"a\"", Sqlite.Generate(Col("a")));
        Assert.Equal("((\"a\" + \"b\") = 3)", Sqlite.Generate(Col("a") + Col("b") == 3));
        Assert.Equal("((\"a\" IS NOT NULL) AND (\"b\" < 3))", Sqlite.Generate(Col("a").NotNull() & (Col("b") < 3)));
        Assert.Equal("(NOT (-\"a\"))", Sqlite.Generate(!(-Col("a"))));
        Assert.Equal("(CAST(\"a\" AS REAL) / \"b\")", Sqlite.Generate(Col("a") / Col("b")));
        Assert.Equal("(CAST(\"a\" AS DOUBLE) / \"b\")", Spark.Generate(Col("a") / Col("b")));
        Assert.Equal("CAST(\"b\" AS TEXT)", Sqlite.Generate(Col("b").Cast("str")));
        Assert.Equal("CAST(\"b\" AS STRING)", Spark.Generate(Col("b").Cast("str")));
        Assert.Equal("\"b\"", Sqlite.GenerateBody(Col("b").Cast("str").Alias("x")));
        Assert.Equal("COUNT(*)", Sqlite.Generate(CountAll()));
        Assert.Equal("COUNT(DISTINCT \"b\")", Sqlite.Generate(CountDistinct(Col("b"))));
        Assert.Equal("FUGUE_FIRST(\"b\")", Sqlite.Generate(First(Col("b"))));
        Assert.Equal("LAST(\"b\")", Spark.Generate(Last(Col("b"))));
        Assert.Equal("\"x\"\"y\"", Sqlite.Generate(Col("x\"y")));
    }

    [Fact]
    public void Literals()
    {
        Assert.Equal("NULL", Sqlite.Literal(null));
        Assert.Equal("TRUE", Sqlite.Literal(true));
        Assert.Equal("'it''s'", Sqlite.Literal("it's"));
        Assert.Equal("1.0", Sqlite.Literal(1.0));
        Assert.Equal("0.1", Sqlite.Literal(0.1));
        Assert.Equal("1E+300", Sqlite.Literal(1e300));
        Assert.Equal("9e999", Sqlite.Literal(double.PositiveInfinity));
        Assert.Equal("X'01FF'", Sqlite.Literal(new byte[] { 1, 255 }));
        Assert.Equal("'2020-01-02'", Sqlite.Literal(new DateOnly(2020, 1, 2)));
        Assert.Equal("DATE '2020-01-02'", Spark.Literal(new DateOnly(2020, 1, 2)));
        Assert.Equal("'2020-01-02 03:04:05.5'", Sqlite.Literal(new DateTime(2020, 1, 2, 3, 4, 5, 500)));
        Assert.Equal("12", Sqlite.Literal(12L));
        Assert.Equal("1.50", Sqlite.Literal(1.50m));
    }

    [Fact]
    public void SelectStatements()
    {
        Assert.Equal(
            "SELECT \"a\" AS \"a\", \"b\" AS \"b\" FROM \"t\" WHERE ((\"a\" + \"b\") = 3)",
            Sqlite.Select(new SelectColumns(All()), "t", S, where: Col("a") + Col("b") == 3));
        Assert.Equal(
            "SELECT \"a\" AS \"a\", CAST(SUM(\"b\") AS REAL) AS \"c\" FROM \"t\" GROUP BY \"a\" HAVING ((SUM(\"b\") >= 7) OR (\"a\" = 1))",
            Sqlite.Select(SelectColumns.Of(Col("a"), Sum(Col("b")).Cast("double").Alias("c")), "t", S, having: (Sum(Col("b")) >= 7) | (Col("a") == 1)));
        Assert.Equal(
            "SELECT \"a\" AS \"a\", SUM(\"b\") AS \"c\" FROM \"t\" GROUP BY \"a\"",
            Sqlite.Select(SelectColumns.Of(Col("a"), Sum(Col("b")).Cast("double").Alias("c")), "t", S, outputCasts: false));
        Assert.Equal(
            "SELECT DISTINCT \"b\" AS \"b\" FROM \"my table\"",
            Sqlite.Select(new SelectColumns([Col("b")], distinct: true), "my table", S));
        Assert.Equal(
            "SELECT 1 AS \"o\", COUNT(*) AS \"n\" FROM \"t\"",
            Sqlite.Select(SelectColumns.Of(Lit(1, "o"), CountAll().Alias("n")), "t", S));
        Assert.Throws<FugueExpressionException>(() => Sqlite.Select(new SelectColumns(All()), "t", S, where: Sum(Col("b")) > 1));
    }
}
