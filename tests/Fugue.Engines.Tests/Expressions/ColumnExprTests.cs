using Fugue.Expressions;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

public class ColumnExprTests
{
    private static readonly Schema S = Schema.Parse("a:double,b:int,c:str,d:date,t:datetime,l:long,f:float,m:decimal(10,2),x:bool,u:ubyte");

    [Fact]
    public void OutputNames()
    {
        Assert.Equal("a", Col("a").Name);
        Assert.Equal("z", Col("a", "z").Name);
        Assert.Equal("a", (-Col("a")).Name);
        Assert.Equal("a", Col("a").Cast("int").Name);
        Assert.Equal("a", Col("a").IsNull().Name);
        Assert.Equal("b", Sum(Col("b")).Name);
        Assert.Equal("", (Col("a") + Col("b")).Name);
        Assert.Equal("", Lit(1).Name);
        Assert.Equal("o", Lit(1, "o").Name);
        Assert.Equal("", CountAll().Name);
        Assert.Equal("n", CountAll().Alias("n").Name);
        Assert.Equal("y", (Col("a") + 1).Alias("x").Alias("y").Name);
    }

    [Fact]
    public void ImmutableAliasAndCast()
    {
        var a = Col("a");
        var aliased = a.Alias("z");
        var cast = aliased.Cast(DataType.String);
        Assert.Null(a.AsName);
        Assert.Null(aliased.AsType);
        Assert.Equal("z", cast.AsName);
        Assert.Equal(DataType.String, cast.AsType);
        Assert.Equal(a, cast.Bare());
        Assert.Same(a, a.Bare());
    }

    [Fact]
    public void StructuralEquality()
    {
        Assert.True(Col("a").Equals(Col("a")));
        Assert.False(Col("a").Equals(Col("b")));
        Assert.True((Col("a") + 1).Equals(Col("a") + 1));
        Assert.False((Col("a") + 1).Equals(Col("a") + 1L));
        Assert.False(Col("a").Equals(Col("a").Alias("x")));
        Assert.False(Col("a").Equals(Col("a").Cast("int")));
        Assert.Equal(Sum(Col("b")).GetHashCode(), Sum(Col("b")).GetHashCode());
        Assert.Single(new HashSet<ColumnExpr> { Col("a"), Col("a"), });
        Assert.True(Lit(new byte[] { 1, 2 }).Equals(Lit(new byte[] { 1, 2 })));
    }

    [Fact]
    public void OperatorsBuildExpressions()
    {
        var eq = Col("a") == 1;
        var be = Assert.IsType<BinaryExpr>(eq);
        Assert.Equal(BinaryOperator.Eq, be.Operator);
        Assert.Equal(Lit(1), be.Right);
        Assert.IsType<BinaryExpr>(Col("a") != Col("b"));
        Assert.Equal(BinaryOperator.Ne, ((BinaryExpr)(Col("a") != Col("b"))).Operator);
        Assert.Equal(BinaryOperator.Lt, ((BinaryExpr)(Col("a") < 2)).Operator);
        Assert.Equal(BinaryOperator.Le, ((BinaryExpr)(Col("a") <= 2)).Operator);
        Assert.Equal(BinaryOperator.Gt, ((BinaryExpr)(Col("a") > 2)).Operator);
        Assert.Equal(BinaryOperator.Ge, ((BinaryExpr)(Col("a") >= 2)).Operator);
        Assert.Equal(BinaryOperator.And, ((BinaryExpr)(Col("x") & true)).Operator);
        Assert.Equal(BinaryOperator.Or, ((BinaryExpr)(Col("x") | false)).Operator);
        Assert.Equal(UnaryOperator.Not, ((UnaryExpr)!Col("x")).Operator);
        Assert.Equal(UnaryOperator.Negate, ((UnaryExpr)(-Col("a"))).Operator);
        Assert.Equal(BinaryOperator.Divide, ((BinaryExpr)(Col("a") / 2)).Operator);
        Assert.Equal(Col("a").Eq(1), Col("a") == 1);
        Assert.Equal(Col("a").Add(1).Multiply(2), (Col("a") + 1) * 2);
        Assert.Equal(Null, ((BinaryExpr)(Col("a") == (ColumnExpr?)null)).Right);
        Assert.Equal(Lit("x"), ((BinaryExpr)(Col("c") == "x")).Right);
    }

    [Fact]
    public void ToStringIsReadable()
    {
        Assert.Equal("CAST((b + 1) AS str) AS c", (Col("b") + 1).Alias("c").Cast("str").ToString());
        Assert.Equal("SUM(b)", Sum(Col("b")).ToString());
        Assert.Equal("COUNT(*)", CountAll().ToString());
        Assert.Equal("COUNT(DISTINCT b)", CountDistinct(Col("b")).ToString());
        Assert.Equal("`a b` IS NOT NULL", Col("a b").NotNull().ToString());
        Assert.Equal("'it''s'", Lit("it's").ToString());
    }

    [Theory]
    [InlineData(1, "int")]
    [InlineData(1L, "long")]
    [InlineData(1.5, "double")]
    [InlineData(1.5f, "float")]
    [InlineData(true, "bool")]
    [InlineData("s", "str")]
    [InlineData(null, "null")]
    [InlineData((short)1, "short")]
    [InlineData((byte)1, "ubyte")]
    public void LiteralTypes(object? value, string type) => Assert.Equal(DataType.Parse(type), Lit(value).InferType(S));

    [Fact]
    public void OtherLiteralTypes()
    {
        Assert.Equal(DataType.Decimal(3, 2), Lit(1.25m).InferType(S));
        Assert.Equal(DataType.Date, Lit(new DateOnly(2020, 1, 1)).InferType(S));
        Assert.Equal(DataType.DateTime, Lit(new DateTime(2020, 1, 1)).InferType(S));
        Assert.Equal(DataType.Binary, Lit(new byte[] { 1 }).InferType(S));
        Assert.Throws<FugueExpressionException>(() => Lit(new object()));
    }

    [Theory]
    [InlineData("b + b", "long")]
    [InlineData("b + l", "long")]
    [InlineData("b + a", "double")]
    [InlineData("f + f", "float")]
    [InlineData("f + b", "double")]
    [InlineData("f + a", "double")]
    [InlineData("m + b", "double")]
    [InlineData("b / b", "double")]
    [InlineData("u * u", "long")]
    public void ArithmeticTypes(string expr, string type)
    {
        var parts = expr.Split(' ');
        ColumnExpr l = Col(parts[0]), r = Col(parts[2]);
        var e = parts[1] switch { "+" => l + r, "*" => l * r, "/" => l / r, _ => l - r };
        Assert.Equal(DataType.Parse(type), e.InferType(S));
    }

    [Fact]
    public void OtherTypes()
    {
        Assert.Equal(DataType.Int32, (-Col("b")).InferType(S));
        Assert.Equal(DataType.Float32, (-Col("f")).InferType(S));
        Assert.Equal(DataType.Bool, (Col("c") == "x").InferType(S));
        Assert.Equal(DataType.Bool, (Col("d") < new DateOnly(2020, 1, 1)).InferType(S));
        Assert.Equal(DataType.Bool, (Col("b") < Col("a")).InferType(S));
        Assert.Equal(DataType.Bool, ((Col("b") < 1) & Col("x")).InferType(S));
        Assert.Equal(DataType.Bool, Col("c").IsNull().InferType(S));
        Assert.Equal(DataType.String, Col("b").Cast("str").InferType(S));
        Assert.Equal(DataType.Int64, Sum(Col("b")).InferType(S));
        Assert.Equal(DataType.Int64, Sum(Col("x")).InferType(S));
        Assert.Equal(DataType.Float64, Sum(Col("f")).InferType(S));
        Assert.Equal(DataType.Float64, Avg(Col("b")).InferType(S));
        Assert.Equal(DataType.Int64, Count(Col("c")).InferType(S));
        Assert.Equal(DataType.Int64, CountAll().InferType(S));
        Assert.Equal(DataType.Int64, CountDistinct(Col("c")).InferType(S));
        Assert.Equal(DataType.Date, Min(Col("d")).InferType(S));
        Assert.Equal(DataType.String, Max(Col("c")).InferType(S));
        Assert.Equal(DataType.DateTime, First(Col("t")).InferType(S));
        Assert.Equal(DataType.Parse("decimal(10,2)"), Last(Col("m")).InferType(S));
        Assert.Equal(DataType.Int64, (Max(Col("b")) * 2).InferType(S));
        Assert.Equal(DataType.Null, (Null + Null).InferType(S));
        Assert.Equal(DataType.Int64, (Col("b") + Null).InferType(S));
    }

    [Fact]
    public void TypeErrors()
    {
        Assert.Throws<FugueExpressionException>(() => (Col("c") + 1).InferType(S));
        Assert.Throws<FugueExpressionException>(() => (Col("c") == 1).InferType(S));
        Assert.Throws<FugueExpressionException>(() => (Col("d") < Col("t")).InferType(S));
        Assert.Throws<FugueExpressionException>(() => (Col("b") & Col("x")).InferType(S));
        Assert.Throws<FugueExpressionException>(() => (!Col("b")).InferType(S));
        Assert.Throws<FugueExpressionException>(() => (-Col("c")).InferType(S));
        Assert.Throws<FugueExpressionException>(() => Sum(Col("c")).InferType(S));
        Assert.Throws<FugueExpressionException>(() => Col("nope").InferType(S));
        Assert.Throws<FugueExpressionException>(() => All().InferType(S));
    }

    [Fact]
    public void StructuralRules()
    {
        Assert.True(Col("*").IsWildcard);
        Assert.True(IsAgg(Sum(Col("a")) + 1));
        Assert.False(IsAgg(Col("a") + 1));
        Assert.Throws<FugueExpressionException>(() => Sum(Max(Col("a"))));
        Assert.Throws<FugueExpressionException>(() => Sum(All()));
        Assert.Throws<FugueExpressionException>(() => All().Alias("x"));
        Assert.Throws<FugueExpressionException>(() => All().Cast("int"));
        Assert.Throws<FugueExpressionException>(() => All() + 1);
        Assert.Throws<ArgumentException>(() => Col(""));
        Assert.Throws<ArgumentException>(() => Col("a").Alias(""));
    }
}
