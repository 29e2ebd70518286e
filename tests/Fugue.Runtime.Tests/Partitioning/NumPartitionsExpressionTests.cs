using Fugue.Partitioning;

namespace Fugue.Runtime.Tests.Partitioning;

public class NumPartitionsExpressionTests
{
    private static Dictionary<string, Func<long>> Vars(params (string Name, long Value)[] values) =>
        values.ToDictionary(v => v.Name, v => (Func<long>)(() => v.Value), StringComparer.Ordinal);

    [Fact]
    public void DefaultIsZero()
    {
        Assert.Equal("0", PartitionSpec.Empty.NumPartitions);
        Assert.Equal(0, PartitionSpec.By("b", "a").GetNumPartitions());
    }

    [Fact]
    public void IntegerLiteral() => Assert.Equal(123, PartitionSpec.By("b", "a").WithNum(123).GetNumPartitions());

    [Fact]
    public void CustomVariables()
    {
        var p = PartitionSpec.FromDictionary([new("partition_by", new[] { "b", "a" }), new("num", "(x + Y) * 2")]);
        Assert.Equal(6, p.GetNumPartitions(Vars(("x", 1), ("Y", 2))));
    }

    [Fact]
    public void MissingVariableIsAClearError()
    {
        var p = PartitionSpec.Num("(x + Y) * 2");
        var e = Assert.Throws<FuguePartitionSpecException>(() => p.GetNumPartitions(Vars(("x", 1))));
        Assert.Contains("'Y'", e.Message);
        Assert.Contains("available: x", e.Message);
        Assert.Throws<FuguePartitionSpecException>(() => p.GetNumPartitions());
    }

    [Fact]
    public void VariablesAreCaseSensitive() =>
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.Num("rowcount").GetNumPartitions(() => 10, () => 1));

    [Fact]
    public void MinOfRowCountAndConcurrency()
    {
        var p = PartitionSpec.Num("min(ROWCOUNT,CONCURRENCY)");
        Assert.Equal(90, p.GetNumPartitions(Vars((PartitionSpec.RowCountKeyword, 100), (PartitionSpec.ConcurrencyKeyword, 90))));
        Assert.Equal(90, p.GetNumPartitions(() => 100, () => 90));
        Assert.Equal(100, PartitionSpec.Num("max(ROWCOUNT, CONCURRENCY)").GetNumPartitions(() => 100, () => 90));
        Assert.Equal(2, PartitionSpec.Num("min(5, 3, 2, 4)").GetNumPartitions());
    }

    [Theory]
    [InlineData("ROWCOUNT/4", 10, 2)]            // true division 2.5 truncated
    [InlineData("ROWCOUNT/4", 12, 3)]
    [InlineData("(ROWCOUNT+4)/3", 10, 4)]       // 14/3 = 4.67
    [InlineData("ROWCOUNT", 7, 7)]
    [InlineData("ROWCOUNT/4 + 3", 10, 5)]       // 2.5 + 3 = 5.5
    [InlineData("ROWCOUNT // 4 * 4", 10, 8)]    // floor division
    [InlineData("ROWCOUNT % 4", 10, 2)]
    [InlineData("-ROWCOUNT // 4", 10, -3)]      // Python floors toward -inf
    [InlineData("-ROWCOUNT / 4", 10, -2)]       // int() truncates toward zero
    [InlineData("-7 % 3", 0, 2)]                // Python modulo takes the divisor's sign
    [InlineData("2 * 3 + 4 * 5", 0, 26)]        // precedence
    [InlineData("2 * (3 + 4) * 5", 0, 70)]
    [InlineData("10 - 3 - 2", 0, 5)]            // left associative
    [InlineData("100 / 10 / 5", 0, 2)]
    [InlineData("+-+3", 0, -3)]
    [InlineData("2.9", 0, 2)]
    [InlineData(" 1.5 * 3 ", 0, 4)]
    [InlineData("max(ROWCOUNT/3, 1)", 2, 1)]
    [InlineData("max(ROWCOUNT/3, 1)", 10, 3)]
    public void Evaluates(string expression, long rowCount, int expected) =>
        Assert.Equal(expected, PartitionSpec.Num(expression).GetNumPartitions(() => rowCount, () => 1));

    [Fact]
    public void ThunksAreLazyAndCalledAtMostOnce()
    {
        var rowCalls = 0;
        var concurrencyCalls = 0;
        var p = PartitionSpec.Num("ROWCOUNT + ROWCOUNT * 2 + min(ROWCOUNT, 4)");
        Assert.Equal(34, p.GetNumPartitions(() => { rowCalls++; return 10; }, () => { concurrencyCalls++; return 1; }));
        Assert.Equal(1, rowCalls);
        Assert.Equal(0, concurrencyCalls);

        rowCalls = 0;
        Assert.Equal(4, PartitionSpec.Num("4").GetNumPartitions(() => { rowCalls++; return 10; }, () => 1));
        Assert.Equal(0, rowCalls);
    }

    [Fact]
    public void ExpressionListsItsVariables()
    {
        var e = NumPartitionsExpression.Parse("(x + Y) * x + min(ROWCOUNT, 2)");
        Assert.Equal(["x", "Y", "ROWCOUNT"], e.Variables);
        Assert.True(e.Uses("ROWCOUNT"));
        Assert.False(e.Uses("CONCURRENCY"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ROWCOUNT/")]
    [InlineData("(ROWCOUNT+4/3")]
    [InlineData("ROWCOUNT+4)/3")]
    [InlineData("4 4")]
    [InlineData("4a")]
    [InlineData("1.2.3")]
    [InlineData("abs(3)")]
    [InlineData("min()")]
    [InlineData("min(1,)")]
    [InlineData("2 ** 3")]
    [InlineData("ROWCOUNT; 1")]
    [InlineData("99999999999999999999999")]
    public void MalformedExpressionsFailAtConstruction(string expression)
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.Num(expression));
        Assert.Contains("num_partitions", e.Message);
        Assert.Contains("position", e.Message);
    }

    [Theory]
    [InlineData("1/0")]
    [InlineData("ROWCOUNT // (CONCURRENCY - 1)")]
    [InlineData("5 % 0")]
    [InlineData("9223372036854775807 + 1")]
    [InlineData("3000000000")]
    [InlineData("ROWCOUNT * 4")]
    public void EvaluationErrorsAreClear(string expression)
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.Num(expression).GetNumPartitions(() => long.MaxValue / 2, () => 1));
        Assert.Contains(expression, e.Message);
    }
}
