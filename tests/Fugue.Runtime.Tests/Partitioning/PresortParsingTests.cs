using Fugue.Partitioning;

namespace Fugue.Runtime.Tests.Partitioning;

public class PresortParsingTests
{
    private static PresortKey[] Keys(params (string Name, bool Asc)[] items) => items.Select(i => new PresortKey(i.Name, i.Asc)).ToArray();

    private static PresortKey[] Parse(string? expression) => new PartitionSpec(presort: expression).Presort.ToArray();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankIsEmpty(string? expression) => Assert.Empty(Parse(expression));

    [Fact]
    public void SingleNameDefaultsToAscending()
    {
        Assert.Equal(Keys(("c", true)), Parse("c"));
        Assert.Equal(Keys(("c", true)), Parse("         c"));
    }

    [Fact]
    public void DirectionKeywordsAreCaseInsensitive()
    {
        Assert.Equal(Keys(("c", false)), Parse("c           desc"));
        Assert.Equal(Keys(("b", false), ("c", true)), Parse("b desc, c asc"));
        Assert.Equal(Keys(("B", false), ("C", true)), Parse("B DESC, C ASC"));
        Assert.Equal(Keys(("b", false), ("c", true)), Parse("b dEsC,c aSc"));
    }

    [Fact]
    public void KeywordsCanBeNames()
    {
        Assert.Equal(Keys(("DESC", false), ("ASC", true)), Parse("DESC DESC, ASC ASC"));
        Assert.Equal(Keys(("desc", true)), Parse("desc"));
    }

    [Fact]
    public void BacktickQuotedNames()
    {
        Assert.Equal(
            Keys(("", false), ("a b", true), ("`", true), ("中国", true)),
            Parse("`` desc, `a b` asc, ````, `中国`"));
        Assert.Equal(Keys(("a,b", false), ("x`y", true)), Parse("`a,b` DESC,`x``y`"));
    }

    [Fact]
    public void UnquotedUnicodeName() => Assert.Equal(Keys(("中国", false)), Parse("中国 desc"));

    [Theory]
    [InlineData("b dsc, c asc")]        // misspelled desc
    [InlineData("b dsc")]
    [InlineData("c true")]              // the string form needs asc/desc
    [InlineData("c true, c true")]
    [InlineData("a b dsc, c asc")]      // a name with a space must be quoted
    [InlineData("a b dsc")]
    [InlineData("a xsc,e desc")]
    [InlineData("a asc,a desc")]        // duplicate key
    [InlineData("a, a")]
    [InlineData("a b asc,a desc")]
    [InlineData("a,")]                  // empty item
    [InlineData(",a")]
    [InlineData("a,,b")]
    [InlineData("`a")]                  // unterminated quote
    [InlineData("`a`desc")]             // no space after the quote
    [InlineData("a`b`")]                // backtick inside an unquoted name
    [InlineData("a `desc`")]            // a quoted direction is a name, so two names
    public void InvalidExpressionsThrow(string expression)
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec(presort: expression));
        Assert.Contains(expression, e.Message);
    }

    [Fact]
    public void ErrorMessageSaysWhatIsWrong()
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec(presort: "b dsc"));
        Assert.Contains("'dsc'", e.Message);
        Assert.Contains("asc or desc", e.Message);
        e = Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec(presort: "a, b, a desc"));
        Assert.Contains("duplicated key 'a'", e.Message);
    }

    [Fact]
    public void PresortFromPairs()
    {
        var spec = new PartitionSpec([("b", false), ("c", true)]);
        Assert.Equal(Keys(("b", false), ("c", true)), spec.Presort);
        Assert.Equal("b DESC,c ASC", spec.PresortExpression);
        var odd = new PartitionSpec([("", false), ("a b", true), PresortKey.Asc("中国")]);
        Assert.Equal(Keys(("", false), ("a b", true), ("中国", true)), odd.Presort);
    }

    [Fact]
    public void PresortPairsRejectDuplicates() =>
        Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec([("b", false), ("b", true)]));

    [Fact]
    public void PresortFromMixedList()
    {
        // Fugue: presort=["c", ("b", False)] == [("c", True), ("b", False)]
        var c = PartitionSpec.FromDictionary([new("by", new[] { "a" }), new("presort", new object[] { "c", ("b", false) })]);
        var b = new PartitionSpec([("c", true), ("b", false)], by: ["a"]);
        Assert.Equal(b.Presort, c.Presort);
        var names = PartitionSpec.FromDictionary([new("presort", new[] { "b", "c" })]);
        Assert.Equal(new PartitionSpec(presort: "b asc, c").Presort, names.Presort);
        var withKvp = PartitionSpec.FromDictionary([new("presort", new[] { new KeyValuePair<string, bool>("x", false) })]);
        Assert.Equal(Keys(("x", false)), withKvp.Presort);
    }

    [Fact]
    public void PresortFromOrderedDictionary()
    {
        var ordered = new OrderedDictionary<string, bool> { ["z"] = false, ["a b"] = true };
        var spec = PartitionSpec.FromDictionary([new("presort", ordered)]);
        Assert.Equal(Keys(("z", false), ("a b", true)), spec.Presort);
        Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.FromDictionary([new("presort", new Dictionary<string, string> { ["z"] = "desc" })]));
    }

    [Fact]
    public void MalformedListItemsThrow()
    {
        // ("a","asc"): the direction must be a bool
        Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.FromDictionary([new("presort", new object[] { ("a", "asc"), "b" })]));
        // ["b", True]: a list is not a (name, bool) pair
        Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.FromDictionary([new("presort", new object[] { "a", new object[] { "b", true } })]));
        // a string item is one name, not an expression
        Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.FromDictionary([new("presort", new[] { "b desc" })]));
        Assert.Throws<FuguePartitionSpecException>(() =>
            PartitionSpec.FromDictionary([new("presort", new object[] { 1 })]));
    }

    [Fact]
    public void PresortOverlappingPartitionByThrows()
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() =>
            new PartitionSpec(by: ["a", "b", "c"], presort: "a asc,e desc", algo: PartitionAlgo.Even));
        Assert.Contains("'a'", e.Message);
        Assert.Contains("overlaps", e.Message);
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.By("a").WithPresort("b, a desc"));
        Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec(presort: "a").WithBy("a"));
    }

    [Fact]
    public void NormalisedExpression()
    {
        Assert.Equal("b ASC,c DESC", new PartitionSpec(by: ["a"], presort: "b , c dESc").PresortExpression);
        Assert.Equal("d ASC,e DESC", new PartitionSpec(presort: "d asc,e desc").PresortExpression);
        Assert.Equal(string.Empty, PartitionSpec.Empty.PresortExpression);
    }

    [Fact]
    public void NormalisedExpressionQuotesOddNamesAndParsesBack()
    {
        var spec = new PartitionSpec(presort: "`` desc, `a b` asc, ````, `中国`, `x,y`");
        Assert.Equal("`` DESC,`a b` ASC,```` ASC,中国 ASC,`x,y` ASC", spec.PresortExpression);
        Assert.Equal(spec.Presort, new PartitionSpec(presort: spec.PresortExpression).Presort);
    }
}
