using System.Globalization;
using System.Text;
using Fugue.IO.Csv;

namespace Fugue.Runtime.Tests.IO.Csv;

public class Utf8FloatParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+12.5")]
    [InlineData("80.625")]
    [InlineData("-999.9375")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456789")]
    [InlineData("0.000000000000000000000001")]
    [InlineData("00000000000000000000000000012.75")]
    [InlineData("1e10")]
    [InlineData("-2.5E-3")]
    [InlineData(" 7.25")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("9007199254740993")]
    [InlineData("0.30000000000000004")]
    public void MatchesDoubleParse(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("--1")]
    public void RejectsWhatDoubleParseRejects(string text)
    {
        Assert.False(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        Assert.False(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void RandomDecimalsAreBitExact()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 18);
            var scale = random.Next(0, digits + 3);
            var mantissa = random.NextInt64(0, (long)Math.Pow(10, Math.Min(digits, 17)));
            var text = mantissa.ToString(CultureInfo.InvariantCulture);
            if (scale > 0)
            {
                text = text.PadLeft(scale + 1, '0');
                text = text[..^scale] + "." + text[^scale..];
            }

            if (random.Next(2) == 0)
            {
                text = "-" + text;
            }

            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var actual), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), text);
        }
    }
}
