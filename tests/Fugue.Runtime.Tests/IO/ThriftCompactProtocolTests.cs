using Fugue.IO.Parquet;
using Fugue.IO.Thrift;

namespace Fugue.Runtime.Tests.IO;

public class ThriftCompactProtocolTests
{
    [Fact]
    public void VarintMatchesSpecExample()
    {
        var w = new ThriftCompactWriter();
        w.WriteVarUInt32(50399);
        Assert.Equal(new byte[] { 0xDF, 0x89, 0x03 }, w.ToArray());
        var r = new ThriftCompactReader(w.WrittenSpan);
        Assert.Equal(50399u, r.ReadVarUInt32());
    }

    [Theory]
    [InlineData(0, new byte[] { 0 })]
    [InlineData(-1, new byte[] { 1 })]
    [InlineData(1, new byte[] { 2 })]
    [InlineData(-2, new byte[] { 3 })]
    [InlineData(int.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(int.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    public void ZigZagInt32(int value, byte[] expected)
    {
        var w = new ThriftCompactWriter();
        w.WriteI32(value);
        Assert.Equal(expected, w.ToArray());
        var r = new ThriftCompactReader(expected);
        Assert.Equal(value, r.ReadI32());
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Int64ExtremesRoundTrip()
    {
        var w = new ThriftCompactWriter();
        foreach (var v in new[] { long.MinValue, long.MaxValue, 0L, -1L, 1L << 40 })
        {
            w.WriteI64(v);
        }

        var r = new ThriftCompactReader(w.WrittenSpan);
        Assert.Equal(long.MinValue, r.ReadI64());
        Assert.Equal(long.MaxValue, r.ReadI64());
        Assert.Equal(0L, r.ReadI64());
        Assert.Equal(-1L, r.ReadI64());
        Assert.Equal(1L << 40, r.ReadI64());
    }

    [Fact]
    public void FieldHeadersUseShortFormForSmallDeltasAndLongFormOtherwise()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        w.WriteI32Field(1, 5);      // delta 1 -> 0x15
        w.WriteBoolField(3, true);  // delta 2, type true -> 0x21
        w.WriteBoolField(40, false); // delta 37 -> long form 0x02 + zigzag(40)=80
        w.WriteI8Field(2, -3);      // negative delta -> long form 0x03 + zigzag(2)=4
        w.WriteStructEnd();
        Assert.Equal(new byte[] { 0x15, 0x0A, 0x21, 0x02, 80, 0x03, 4, 0xFD, 0x00 }, w.ToArray());

        var r = new ThriftCompactReader(w.WrittenSpan);
        r.EnterStruct();
        short last = 0;
        Assert.True(r.ReadFieldHeader(ref last, out var t, out var id));
        Assert.Equal((ThriftType.I32, (short)1), (t, id));
        Assert.Equal(5, r.ReadI32());
        Assert.True(r.ReadFieldHeader(ref last, out t, out id));
        Assert.Equal((short)3, id);
        Assert.True(r.ReadBool());
        Assert.True(r.ReadFieldHeader(ref last, out t, out id));
        Assert.Equal((short)40, id);
        Assert.False(r.ReadBool());
        Assert.True(r.ReadFieldHeader(ref last, out t, out id));
        Assert.Equal((ThriftType.I8, (short)2), (t, id));
        Assert.Equal(-3, r.ReadI8());
        Assert.False(r.ReadFieldHeader(ref last, out _, out _));
        r.ExitStruct();
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void AllValueTypesRoundTrip()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var w = new ThriftCompactWriter(1);
        w.WriteStructBegin();
        w.WriteI16Field(1, -300);
        w.WriteDoubleField(2, Math.PI);
        w.WriteStringField(3, "héllo ✓");
        w.WriteBinaryField(4, new byte[] { 0, 255, 7 });
        w.WriteFieldHeader(ThriftType.Uuid, 5);
        w.WriteUuid(guid);
        w.WriteFieldHeader(ThriftType.List, 6);
        w.WriteListHeader(ThriftType.I32, 20); // long form size
        for (var i = 0; i < 20; i++)
        {
            w.WriteI32(i - 10);
        }

        w.WriteFieldHeader(ThriftType.List, 7);
        w.WriteListHeader(ThriftType.BooleanTrue, 3);
        w.WriteBool(true);
        w.WriteBool(false);
        w.WriteBool(true);
        w.WriteFieldHeader(ThriftType.Map, 8);
        w.WriteMapHeader(ThriftType.Binary, ThriftType.I64, 2);
        w.WriteString("a");
        w.WriteI64(1);
        w.WriteString("b");
        w.WriteI64(-2);
        w.WriteFieldHeader(ThriftType.Map, 9);
        w.WriteMapHeader(ThriftType.Binary, ThriftType.I64, 0);
        w.WriteStructFieldBegin(10);
        w.WriteI64Field(1, long.MaxValue);
        w.WriteStructEnd();
        w.WriteStructEnd();

        var r = new ThriftCompactReader(w.WrittenSpan);
        r.EnterStruct();
        short last = 0;
        var seen = new List<short>();
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            seen.Add(id);
            switch (id)
            {
                case 1: Assert.Equal(-300, r.ReadI16()); break;
                case 2: Assert.Equal(Math.PI, r.ReadDouble()); break;
                case 3: Assert.Equal("héllo ✓", r.ReadString()); break;
                case 4: Assert.Equal(new byte[] { 0, 255, 7 }, r.ReadBinaryArray()); break;
                case 5: Assert.Equal(guid, r.ReadUuid()); break;
                case 6:
                {
                    var n = r.ReadListHeader(out var et);
                    Assert.Equal((20, ThriftType.I32), (n, et));
                    for (var i = 0; i < n; i++)
                    {
                        Assert.Equal(i - 10, r.ReadI32());
                    }

                    break;
                }
                case 7:
                {
                    var n = r.ReadListHeader(out _);
                    Assert.Equal(3, n);
                    Assert.True(r.ReadBool());
                    Assert.False(r.ReadBool());
                    Assert.True(r.ReadBool());
                    break;
                }
                case 8:
                {
                    var n = r.ReadMapHeader(out var kt, out var vt);
                    Assert.Equal((2, ThriftType.Binary, ThriftType.I64), (n, kt, vt));
                    Assert.Equal("a", r.ReadString());
                    Assert.Equal(1L, r.ReadI64());
                    Assert.Equal("b", r.ReadString());
                    Assert.Equal(-2L, r.ReadI64());
                    break;
                }
                case 9: Assert.Equal(0, r.ReadMapHeader(out _, out _)); break;
                case 10:
                {
                    Assert.Equal(ThriftType.Struct, type);
                    r.EnterStruct();
                    short l2 = 0;
                    Assert.True(r.ReadFieldHeader(ref l2, out _, out var id2));
                    Assert.Equal((short)1, id2);
                    Assert.Equal(long.MaxValue, r.ReadI64());
                    Assert.False(r.ReadFieldHeader(ref l2, out _, out _));
                    r.ExitStruct();
                    break;
                }
                default: Assert.Fail("unexpected field"); break;
            }
        }

        r.ExitStruct();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (short)i), seen);
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void SkipPassesOverEveryKindOfUnknownField()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        w.WriteI32Field(1, 42);
        WriteEverything(w, 2);
        w.WriteI32Field(100, 43);
        w.WriteStructEnd();

        var r = new ThriftCompactReader(w.WrittenSpan);
        r.EnterStruct();
        short last = 0;
        var values = new List<int>();
        while (r.ReadFieldHeader(ref last, out var t, out var id))
        {
            if (id is 1 or 100)
            {
                values.Add(r.ReadI32());
            }
            else
            {
                r.Skip(t);
            }
        }

        r.ExitStruct();
        Assert.Equal(new[] { 42, 43 }, values);
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void NestingBeyondTheLimitIsRejected()
    {
        var w = new ThriftCompactWriter();
        for (var i = 0; i < 100; i++)
        {
            w.WriteStructBegin();
            w.WriteFieldHeader(ThriftType.Struct, 1);
        }

        w.WriteStructBegin();
        for (var i = 0; i < 101; i++)
        {
            w.WriteStructEnd();
        }

        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(w.WrittenSpan, "deep.parquet", 1000);
            r.Skip(ThriftType.Struct);
        });
        Assert.Contains("nesting", ex.Message);
        Assert.Contains("deep.parquet", ex.Message);
        Assert.True(ex.Offset >= 1000);
    }

    [Fact]
    public void HugeContainerSizeIsRejectedBeforeAllocation()
    {
        // list header long form, i64 elements, size 2^31-1, then nothing.
        var data = new byte[] { 0xF6, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 };
        var ex = Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(data, "f", 10).ReadListHeader(out _));
        Assert.Equal(10, ex.Offset);
        Assert.Contains("container size", ex.Message);

        var bin = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2 };
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(bin).ReadBinary().Length);
        var map = new byte[] { 0xFF, 0xFF, 0x03, 0x55 };
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(map).ReadMapHeader(out _, out _));
    }

    [Fact]
    public void OverlongVarintsAreRejected()
    {
        var tooLong32 = new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(tooLong32).ReadI32());
        var overflow32 = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F };
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(overflow32).ReadI32());
        var tooLong64 = Enumerable.Repeat((byte)0xFF, 11).ToArray();
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(tooLong64).ReadI64());
        var i16Overflow = new byte[] { 0x80, 0x80, 0x04 }; // zigzag 65536 -> 32768
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(i16Overflow).ReadI16());
    }

    [Fact]
    public void InvalidTypesAndUtf8AreRejected()
    {
        Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(new byte[] { 0x1E });
            short last = 0;
            r.ReadFieldHeader(ref last, out _, out _);
        });
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(new byte[] { 0x10 }).ReadListHeader(out _));
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(new byte[] { 2, 0xC3, 0x28 }).ReadString());
        Assert.Throws<ParquetFormatException>(() => new ThriftCompactReader(new byte[] { 7 }).ReadBool());
    }

    [Fact]
    public void EveryTruncationFailsWithFormatException()
    {
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        WriteEverything(w, 1);
        w.WriteStructEnd();
        var full = w.ToArray();
        for (var len = 0; len < full.Length; len++)
        {
            var prefix = full.AsSpan(0, len).ToArray();
            var ex = Record.Exception(() => new ThriftCompactReader(prefix, "t.parquet").Skip(ThriftType.Struct));
            Assert.IsType<ParquetFormatException>(ex);
        }

        var ok = new ThriftCompactReader(full);
        ok.Skip(ThriftType.Struct);
        Assert.Equal(0, ok.Remaining);
    }

    [Fact]
    public void RandomGarbageNeverThrowsAnythingElse()
    {
        var rng = new Random(1234);
        var w = new ThriftCompactWriter();
        w.WriteStructBegin();
        WriteEverything(w, 1);
        w.WriteStructEnd();
        var valid = w.ToArray();
        for (var iter = 0; iter < 3000; iter++)
        {
            byte[] data;
            if (iter % 2 == 0)
            {
                data = new byte[rng.Next(0, 64)];
                rng.NextBytes(data);
            }
            else
            {
                data = (byte[])valid.Clone();
                for (var k = 0; k < 3; k++)
                {
                    data[rng.Next(data.Length)] = (byte)rng.Next(256);
                }
            }

            var ex = Record.Exception(() =>
            {
                var r = new ThriftCompactReader(data);
                r.Skip(ThriftType.Struct);
            });
            Assert.True(ex is null or ParquetFormatException, ex?.ToString());
        }
    }

    private static void WriteEverything(ThriftCompactWriter w, short firstId)
    {
        var id = firstId;
        w.WriteBoolField(id++, true);
        w.WriteBoolField(id++, false);
        w.WriteI8Field(id++, -1);
        w.WriteI16Field(id++, 1234);
        w.WriteI64Field(id++, -123456789012);
        w.WriteDoubleField(id++, 2.5);
        w.WriteStringField(id++, "skip me");
        w.WriteFieldHeader(ThriftType.Uuid, id++);
        w.WriteUuid(Guid.Empty);
        w.WriteFieldHeader(ThriftType.List, id++);
        w.WriteListHeader(ThriftType.Struct, 16);
        for (var i = 0; i < 16; i++)
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, i);
            w.WriteFieldHeader(ThriftType.List, 2);
            w.WriteListHeader(ThriftType.BooleanTrue, 2);
            w.WriteBool(true);
            w.WriteBool(false);
            w.WriteStructEnd();
        }

        w.WriteFieldHeader(ThriftType.Set, id++);
        w.WriteSetHeader(ThriftType.Binary, 2);
        w.WriteString("x");
        w.WriteString("y");
        w.WriteFieldHeader(ThriftType.Map, id++);
        w.WriteMapHeader(ThriftType.I32, ThriftType.List, 1);
        w.WriteI32(7);
        w.WriteListHeader(ThriftType.Double, 1);
        w.WriteDouble(1.0);
        w.WriteStructFieldBegin(id);
        w.WriteStructFieldBegin(1);
        w.WriteStructEnd();
        w.WriteStructEnd();
    }
}
