using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class PrimitiveColumnTests
{
    [Fact]
    public void Int64_RoundTripsWithNulls()
    {
        var b = new PrimitiveColumnBuilder<long>(DataType.Int64);
        b.Append(1L);
        b.AppendNull();
        b.Append((object)3L);
        var c = b.Build();
        Assert.Equal(3, c.Length);
        Assert.Equal(1, c.NullCount);
        Assert.Equal(1L, c.GetValue(0));
        Assert.Null(c.GetValue(1));
        Assert.Equal(3L, c.GetValue(2));
        Assert.Equal(1L, c[0]);
        Assert.Equal(3L, c.Values[2]);
        Assert.Equal(1, c.ValidityBuffer.Length);
        Assert.Equal(24, c.ValuesBuffer.Length);
    }
}
