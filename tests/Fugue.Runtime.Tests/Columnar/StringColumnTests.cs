using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class StringColumnTests
{
    [Fact]
    public void RoundTripsIncludingUnicodeEmptyAndNull()
    {
        var c = StringColumn.FromArray("abc", "", null, "héllo wörld ✓", "𝄞");
        Assert.Equal(5, c.Length);
        Assert.Equal(1, c.NullCount);
        Assert.Equal("abc", c.GetValue(0));
        Assert.Equal("", c.GetValue(1));
        Assert.Null(c.GetValue(2));
        Assert.Equal("héllo wörld ✓", c.GetString(3));
        Assert.Equal("𝄞", c.GetValue(4));
        Assert.Equal(6, c.Offsets.Length);
        Assert.Equal(0, c.Offsets[0]);
        Assert.Equal(c.Offsets[2], c.Offsets[3]); // null takes no data bytes
        Assert.Equal(Encoding.UTF8.GetByteCount("abchéllo wörld ✓𝄞"), c.Data.Length);
        Assert.Equal(1 + 6 * 4 + c.Data.Length, c.ByteSize);
    }

    [Fact]
    public void EmptyAndAllNull()
    {
        var b = new StringColumnBuilder();
        var empty = b.Build();
        Assert.Equal(0, empty.Length);
        Assert.Equal(1, empty.Offsets.Length);
        Assert.Equal(4, empty.ByteSize);

        b.AppendNulls(3);
        var nulls = b.Build();
        Assert.Equal(3, nulls.NullCount);
        Assert.Null(nulls.GetValue(2));
        Assert.Equal(0, nulls.Data.Length);
    }

    [Fact]
    public void TypedAppends()
    {
        var b = new StringColumnBuilder(4, 16);
        b.Append("a");
        b.Append("bc".AsSpan());
        b.Append("déf"u8);
        b.Append((string?)null);
        var c = b.Build();
        Assert.Equal(["a", "bc", "déf", null], Enumerable.Range(0, 4).Select(c.GetValue).ToArray());
        Assert.True("déf"u8.SequenceEqual(c.GetBytes(2)));
        Assert.Equal(4, c.GetByteLength(2));
    }

    [Fact]
    public void SliceKeepsAbsoluteOffsets()
    {
        var values = Enumerable.Range(0, 20).Select(i => i % 4 == 3 ? null : new string('x', i)).ToArray();
        var c = StringColumn.FromArray(values);
        var s = (StringColumn)c.Slice(5, 10);
        Assert.Equal(11, s.Offsets.Length);
        Assert.Equal(c.Offsets[5], s.Offsets[0]);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(values[5 + i], s.GetValue(i));
        }

        var ss = (StringColumn)s.Slice(2, 3); // rows 7..9
        Assert.Null(ss.GetValue(0));
        Assert.Equal(new string('x', 9), ss.GetString(2));
        Assert.Equal(8 + 9, ss.DataLength);
        Assert.Equal(1 + 4 * 4 + 17, ss.ByteSize);
    }

    [Fact]
    public void WrongTypeThrows()
    {
        var b = new StringColumnBuilder();
        var e = Assert.Throws<InvalidCastException>(() => b.Append(5));
        Assert.Contains("System.Int32", e.Message);
        Assert.Contains("str", e.Message);
        Assert.Throws<InvalidCastException>(() => b.Append((object)new[] { 'a' }));
    }

    [Fact]
    public void ExternalBuffersValidated()
    {
        var offsets = new int[] { 0, 1, 3 };
        var ob = ArrowBuffer.FromSpan<int>(offsets);
        var c = new StringColumn(2, ob, "abc"u8.ToArray());
        Assert.Equal("bc", c.GetValue(1));

        var shortOffsets = Assert.Throws<ArgumentException>(() => new StringColumn(3, ob, "abc"u8.ToArray()));
        Assert.Contains("offsets buffer has 12 bytes, needs at least 16", shortOffsets.Message);
        var beyond = Assert.Throws<ArgumentException>(() => new StringColumn(2, ob, "ab"u8.ToArray()));
        Assert.Contains("last offset 3 is beyond the data buffer of 2 bytes", beyond.Message);
        var bad = ArrowBuffer.FromSpan<int>([2, 1]);
        Assert.Throws<ArgumentException>(() => new StringColumn(1, bad, "abc"u8.ToArray()));
        var empty = new StringColumn(0, default, default);
        Assert.Equal(0, empty.Length);
        Assert.Equal(1, empty.Offsets.Length);
    }
}

public class BinaryColumnTests
{
    [Fact]
    public void RoundTripsBytes()
    {
        var c = BinaryColumn.FromArray([1, 2], null, [], [255]);
        Assert.Equal(DataType.Binary, c.Type);
        Assert.Equal(new byte[] { 1, 2 }, c.GetValue(0));
        Assert.Null(c.GetValue(1));
        Assert.Equal(Array.Empty<byte>(), c.GetValue(2));
        Assert.Equal(new byte[] { 255 }, c.GetValue(3));
        Assert.IsType<byte[]>(c.GetValue(3));
        var s = (BinaryColumn)c.Slice(3, 1);
        Assert.Equal(255, s.GetBytes(0)[0]);
    }

    [Fact]
    public void AppendsSpansAndMemory()
    {
        var b = new BinaryColumnBuilder();
        b.Append((ReadOnlySpan<byte>)[9, 8]);
        b.Append((object)new ReadOnlyMemory<byte>([7]));
        b.Append((byte[]?)null);
        Assert.Throws<InvalidCastException>(() => b.Append("text"));
        var c = b.Build();
        Assert.Equal(3, c.Length);
        Assert.Equal(new byte[] { 7 }, c.GetValue(1));
        Assert.Equal(1, c.NullCount);
    }
}
