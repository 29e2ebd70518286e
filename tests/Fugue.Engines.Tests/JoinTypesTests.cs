using Fugue.Execution;

namespace Fugue.Engines.Tests;

public class JoinTypesTests
{
    [Theory]
    [InlineData("inner", JoinType.Inner)]
    [InlineData("SEMI", JoinType.LeftSemi)]
    [InlineData("left_semi", JoinType.LeftSemi)]
    [InlineData("anti", JoinType.LeftAnti)]
    [InlineData("Left_Anti", JoinType.LeftAnti)]
    [InlineData("left_outer", JoinType.LeftOuter)]
    [InlineData("right_outer", JoinType.RightOuter)]
    [InlineData("full_outer", JoinType.FullOuter)]
    [InlineData("cross", JoinType.Cross)]
    public void ParsesFugueNamesCaseInsensitively(string how, JoinType expected) => Assert.Equal(expected, JoinTypes.Parse(how));

    [Theory]
    [InlineData("outer")]
    [InlineData("left")]
    [InlineData("right")]
    [InlineData("full")]
    [InlineData("")]
    public void RejectsSqlShorthands(string how)
    {
        var ex = Assert.Throws<ArgumentException>(() => JoinTypes.Parse(how));
        Assert.Contains($"'{how}'", ex.Message);
    }

    [Fact]
    public void RejectsNull() => Assert.Throws<ArgumentNullException>(() => JoinTypes.Parse(null!));

    [Fact]
    public void NamesRoundTrip()
    {
        foreach (var how in Enum.GetValues<JoinType>())
        {
            Assert.Equal(how, JoinTypes.Parse(how.ToName()));
        }
    }
}
