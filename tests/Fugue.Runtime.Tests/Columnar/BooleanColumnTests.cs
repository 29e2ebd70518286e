using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class BooleanColumnTests
{
    [Fact]
    public void BitPackedRoundTrip()
    {
        var c = BooleanColumn.FromArray([true, false, null, true, true, false, false, true, true, null]);
        Assert.Equal(10, c.Length);
        Assert.Equal(2, c.NullCount);
        Assert.Equal(DataType.Bool, c.Type);
        Assert.Equal(2, c.ValuesBuffer.Length);
        Assert.Equal(0b1001_1001, c.ValuesBuffer.Span[0]);
        Assert.Equal(0b01, c.ValuesBuffer.Span[1]);
        Assert.Equal(true, c.GetValue(0));
        Assert.Equal(false, c.GetValue(1));
        Assert.Null(c.GetValue(2));
        Assert.True(c.GetBoolean(8));
        Assert.Null(c.GetValue(9));
        Assert.Equal(5, c.CountTrue());
        Assert.Equal(4, c.ByteSize);
    }

    [Fact]
    public void SlicesAtNonByteAlignedOffsets()
    {
        var values = Enumerable.Range(0, 37).Select(i => i % 3 == 0).ToArray();
        var isNull = Enumerable.Range(0, 37).Select(i => i % 5 == 1).ToArray();
        var c = BooleanColumn.FromArray(values, isNull);
        for (var off = 0; off < 37; off++)
        {
            for (var len = 0; off + len <= 37; len += 3)
            {
                var s = (BooleanColumn)c.Slice(off, len);
                Assert.Equal(Enumerable.Range(off, len).Count(i => isNull[i]), s.NullCount);
                Assert.Equal(Enumerable.Range(off, len).Count(i => values[i] && !isNull[i]), s.CountTrue());
                for (var i = 0; i < len; i++)
                {
                    Assert.Equal(isNull[off + i] ? null : values[off + i], s.GetValue(i));
                }
            }
        }

        var ss = (BooleanColumn)c.Slice(3, 30).Slice(5, 11); // rows 8..18
        Assert.Equal(8, ss.Offset);
        Assert.Equal(values[18], ss.GetBoolean(10));
    }

    [Fact]
    public void BuilderErrorsAndReuse()
    {
        var b = new BooleanColumnBuilder();
        Assert.Throws<InvalidCastException>(() => b.Append(1));
        b.Append(true);
        b.Append((object)false);
        var c = b.Build();
        Assert.Equal(2, c.Length);
        Assert.True(c.ValidityBuffer.IsEmpty);
        b.AppendNull();
        var d = b.Build();
        Assert.Equal(1, d.NullCount);
        Assert.True(c.GetBoolean(0));
    }

    [Fact]
    public void ValuesBitmapSizeValidated()
    {
        var e = Assert.Throws<ArgumentException>(() => new BooleanColumn(9, new byte[1]));
        Assert.Contains("values bitmap has 1 bytes, needs at least 2", e.Message);
        var c = new BooleanColumn(9, new byte[] { 0xFF, 0x01 });
        Assert.Equal(9, c.CountTrue());
        var off = new BooleanColumn(8, new byte[] { 0xFE, 0x01 }, default, 0, 1);
        Assert.Equal(8, off.CountTrue());
    }
}
