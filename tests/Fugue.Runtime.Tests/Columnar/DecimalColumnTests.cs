using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class DecimalColumnTests
{
    [Fact]
    public void StoresInt128AtTheTypeScale()
    {
        var type = DataType.Decimal(10, 2);
        var c = DecimalColumn.FromArray(type, 1.5m, null, -123.45m, 0m, 99999999.99m);
        Assert.Equal(5, c.Length);
        Assert.Equal(1, c.NullCount);
        Assert.Equal((Int128)150, c.GetUnscaled(0));
        Assert.Equal((Int128)(-12345), c.Values[2]);
        Assert.Equal(1.50m, c.GetValue(0));
        Assert.Null(c.GetValue(1));
        Assert.Equal(-123.45m, c.GetDecimal(2));
        Assert.Equal(99999999.99m, c.GetValue(4));
        Assert.Equal(80, c.ValuesBuffer.Length);
        // 16-byte two's complement little-endian.
        var bytes = c.ValuesBuffer.Span.Slice(32, 16).ToArray();
        Assert.Equal(new byte[] { 0xC7, 0xCF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, bytes);
    }

    [Fact]
    public void RoundsExtraDigitsAndRejectsOverflow()
    {
        var b = new DecimalColumnBuilder(DataType.Decimal(5, 2));
        b.Append(1.005m);
        b.Append(-1.005m);
        b.Append(7);
        b.Append((object)2.5m);
        var e = Assert.Throws<OverflowException>(() => b.Append(1000m));
        Assert.Contains("decimal(5,2)", e.Message);
        Assert.Throws<OverflowException>(() => b.Append(1000));
        Assert.Throws<InvalidCastException>(() => b.Append(1.5));
        var c = b.Build();
        Assert.Equal(4, c.Length);
        Assert.Equal(1.01m, c.GetValue(0));
        Assert.Equal(-1.01m, c.GetValue(1));
        Assert.Equal(7m, c.GetValue(2));
        Assert.Equal((Int128)700, c.GetUnscaled(2));
        Assert.Equal(2.5m, c.GetValue(3));
    }

    [Fact]
    public void ConversionsCoverTheDecimalRange()
    {
        Assert.Equal(decimal.MaxValue, DecimalConversions.ToDecimal(DecimalConversions.ToUnscaled(decimal.MaxValue, 38, 0), 0));
        Assert.Equal(decimal.MinValue, DecimalConversions.ToDecimal(DecimalConversions.ToUnscaled(decimal.MinValue, 38, 0), 0));
        // 38 digits with a big integer part do not fit System.Decimal.
        var big = DecimalConversions.Pow10(37) * 9;
        var e = Assert.Throws<OverflowException>(() => DecimalConversions.ToDecimal(big, 2));
        Assert.Contains("does not fit System.Decimal", e.Message);
        // Scale beyond 28: exact when trailing zeros, rounded otherwise.
        Assert.Equal(1m, DecimalConversions.ToDecimal(DecimalConversions.Pow10(30), 30));
        Assert.Equal(0.1234567890123456789012345679m, DecimalConversions.ToDecimal(Int128.Parse("123456789012345678901234567890"), 30));
        Assert.Equal(-0.5m, DecimalConversions.ToDecimal(-5, 1));
        Assert.Throws<OverflowException>(() => DecimalConversions.ToDecimal(Int128.MinValue, 0));
    }

    [Fact]
    public void HighScaleColumnReadsThrowClearly()
    {
        var type = DataType.Decimal(38, 0);
        var b = new DecimalColumnBuilder(type);
        b.AppendUnscaled(Int128.Parse("99999999999999999999999999999999999999"));
        var c = b.Build();
        Assert.Throws<OverflowException>(() => c.GetValue(0));
        Assert.Equal(Int128.Parse("99999999999999999999999999999999999999"), c.GetUnscaled(0));
    }

    [Fact]
    public void BufferSizeValidatedAndSliced()
    {
        var type = DataType.Decimal(4, 1);
        Assert.Throws<ArgumentException>(() => new DecimalColumn(type, 2, new byte[31]));
        var buf = ArrowBuffer.FromSpan<Int128>([10, 20, 30]);
        var c = new DecimalColumn(type, 3, buf);
        var s = (DecimalColumn)c.Slice(1, 2);
        Assert.Equal(2m, s.GetValue(0));
        Assert.Equal(3.0m, s.GetDecimal(1));
        Assert.Equal(32, s.ByteSize);
        Assert.Equal(4, s.Precision);
        Assert.Equal(1, s.Scale);
    }
}
