using Fugue.Expressions;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

public class SelectColumnsTests
{
    private static readonly Schema S = Schema.Parse("a:double,b:int");

    [Fact]
    public void PlainList()
    {
        var cols = SelectColumns.Of("a", (Col("b") + 1).Alias("c"));
        Assert.Equal(2, cols.Count);
        Assert.False(cols.HasAggregation);
        Assert.False(cols.HasWildcard);
        Assert.Empty(cols.GroupKeys);
        Assert.Equal(Schema.Parse("a:double,c:long"), cols.InferSchema(S));
    }

    [Fact]
    public void AggregationsMakeGroupKeys()
    {
        var cols = SelectColumns.Of(Col("a"), Lit(1L, "o"), Sum(Col("b")).Alias("s"), (Col("b") > 1).Alias("big"));
        Assert.True(cols.HasAggregation);
        Assert.Equal([Col("a"), (Col("b") > 1).Alias("big")], cols.GroupKeys);
        Assert.Equal([Sum(Col("b")).Alias("s")], cols.Aggregations);
        Assert.Equal([Lit(1L, "o")], cols.Literals);
        Assert.Equal(Schema.Parse("a:double,o:long,s:long,big:bool"), cols.InferSchema(S));
    }

    [Fact]
    public void WildcardExpands()
    {
        var cols = SelectColumns.Of("*", (Col("b") * 2).Alias("c"));
        Assert.True(cols.HasWildcard);
        var expanded = cols.ReplaceWildcard(S);
        Assert.Equal([Col("a"), Col("b"), (Col("b") * 2).Alias("c")], expanded);
        Assert.Equal(Schema.Parse("a:double,b:int,c:long"), cols.InferSchema(S));
        Assert.Same(expanded, expanded.ReplaceWildcard(S));
        Assert.Throws<FugueExpressionException>(() => cols.AssertNoWildcard());
    }

    [Fact]
    public void Rules()
    {
        Assert.Throws<FugueExpressionException>(() => new SelectColumns());
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of("*", "*"));
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of("*", Sum(Col("a")).Alias("s")));
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of(Col("a") + 1));
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of("a", Col("b").Alias("a")));
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of("*", "a").ReplaceWildcard(S));
        Assert.Throws<FugueExpressionException>(() => SelectColumns.Of(Sum(Col("a"))).AssertNoAggregation());
        Assert.Throws<ArgumentException>(() => SelectColumns.Of(1));
        Assert.Same(SelectColumns.Of("a") is var c ? c : null, c.AssertNoAggregation().AssertNoWildcard());
    }

    [Fact]
    public void Distinct()
    {
        var cols = new SelectColumns([Col("a")], distinct: true);
        Assert.True(cols.IsDistinct);
        Assert.Equal("DISTINCT a", cols.ToString());
        Assert.True(new SelectColumns([All()], distinct: true).ReplaceWildcard(S).IsDistinct);
    }
}
