using Fugue.IO.Ipc;
using Xunit;

namespace Fugue.Runtime.Tests.IO.Ipc;

public class FlatBufferTests
{
    private static byte[] BuildSample()
    {
        var b = new FlatBufferBuilder(16); // tiny start: exercises growth
        var inner = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var s = b.CreateString("child-" + i + new string('x', i * 10));
            b.StartTable(2);
            b.AddOffset(0, s);
            b.AddLong(1, i * 1_000_000_000_000L, 0);
            inner[i] = b.EndTable();
        }

        var vec = b.CreateOffsetVector(inner);
        var longs = b.CreateLongStructVector([1, 2, 3, 4, -5, -6], 2);
        var name = b.CreateString("ünïcode");
        b.StartTable(8);
        b.AddBool(0, true, false);
        b.AddByte(1, 7, 0);
        b.AddShort(2, -3, 0);
        b.AddInt(3, 0, 0); // equal to the default: omitted
        b.AddInt(4, 123456, 0);
        b.AddOffset(5, name);
        b.AddOffset(6, vec);
        b.AddOffset(7, longs);
        return b.Finish(b.EndTable()).ToArray();
    }

    [Fact]
    public void BuilderOutputReadsBack()
    {
        var bytes = BuildSample();
        Assert.Equal(0, bytes.Length % 8);
        var t = FlatBufferTable.Root(bytes);
        Assert.True(t.GetBool(0, false));
        Assert.Equal(7, t.GetByte(1, 0));
        Assert.Equal(-3, t.GetShort(2, 0));
        Assert.Equal(42, t.GetInt(3, 42)); // absent: the default
        Assert.Equal(123456, t.GetInt(4, 0));
        Assert.Equal("ünïcode", t.GetString(5));
        var children = t.GetTableVector(6);
        Assert.Equal(3, children.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("child-" + i + new string('x', i * 10), children[i].GetString(0));
            Assert.Equal(i * 1_000_000_000_000L, children[i].GetLong(1, 0));
        }

        Assert.Equal([1L, 2, 3, 4, -5, -6], t.GetLongs(7, 2));
        Assert.Null(t.GetTable(20)); // beyond the vtable: absent
        Assert.Empty(t.GetTableVector(21));
    }

    [Fact]
    public void EveryCorruptedByteGivesAFormatErrorOrAValue()
    {
        var bytes = BuildSample();
        for (var at = 0; at < bytes.Length; at++)
        {
            foreach (var v in new byte[] { 0, 0x7F, 0xFF })
            {
                var copy = (byte[])bytes.Clone();
                copy[at] = v;
                try
                {
                    var t = FlatBufferTable.Root(copy);
                    t.GetString(5);
                    foreach (var c in t.GetTableVector(6))
                    {
                        c.GetString(0);
                        c.GetLong(1, 0);
                    }

                    t.GetLongs(7, 2);
                }
                catch (ArrowIpcFormatException e)
                {
                    Assert.Contains("offset", e.Message);
                }
            }
        }
    }
}
