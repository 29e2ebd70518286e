using Fugue.Columnar;

namespace Fugue.Runtime.Tests.Columnar;

public class BitUtilityTests
{
    [Fact]
    public void CountSetBitsMatchesNaiveCount()
    {
        var rng = new Random(42);
        var bytes = new byte[40];
        rng.NextBytes(bytes);
        for (var off = 0; off < 70; off += 3)
        {
            for (var len = 0; off + len <= bytes.Length * 8; len += 17)
            {
                var naive = 0;
                for (var i = off; i < off + len; i++)
                {
                    naive += BitUtility.GetBit(bytes, i) ? 1 : 0;
                }

                Assert.Equal(naive, BitUtility.CountSetBits(bytes, off, len));
            }
        }
    }

    [Fact]
    public void SetAndGetUseLsbOrder()
    {
        var bits = new byte[2];
        BitUtility.SetBit(bits, 0, true);
        BitUtility.SetBit(bits, 9, true);
        Assert.Equal(new byte[] { 1, 2 }, bits);
        BitUtility.SetBit(bits, 0, false);
        Assert.False(BitUtility.GetBit(bits, 0));
        Assert.Equal(2, BitUtility.BytesFor(9));
        Assert.Equal(0, BitUtility.BytesFor(0));
    }
}
