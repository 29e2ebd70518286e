using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class PrimitiveColumnTests
{
    public static TheoryData<DataType, object[]> PrimitiveValues => new()
    {
        { DataType.Int8, [(sbyte)-128, (sbyte)0, (sbyte)127] },
        { DataType.UInt8, [(byte)0, (byte)1, (byte)255] },
        { DataType.Int16, [short.MinValue, (short)7, short.MaxValue] },
        { DataType.UInt16, [(ushort)0, (ushort)9, ushort.MaxValue] },
        { DataType.Int32, [int.MinValue, 0, int.MaxValue] },
        { DataType.UInt32, [0u, 42u, uint.MaxValue] },
        { DataType.Int64, [long.MinValue, -1L, long.MaxValue] },
        { DataType.UInt64, [0ul, 5ul, ulong.MaxValue] },
        { DataType.Float16, [(Half)1.5, Half.NegativeInfinity, (Half)(-0.25)] },
        { DataType.Float32, [1.5f, float.NaN, -3.25f] },
        { DataType.Float64, [Math.PI, double.NegativeInfinity, -0.0] },
        { DataType.Date, [new DateOnly(1970, 1, 1), new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29)] },
        { DataType.DateTime, [new DateTime(2024, 1, 1, 12, 30, 15, 123), new DateTime(1960, 5, 6), new DateTime(1970, 1, 1)] },
    };

    [Theory]
    [MemberData(nameof(PrimitiveValues))]
    public void RoundTripsValuesWithNulls(DataType type, object[] values)
    {
        var b = ColumnBuilder.Create(type);
        b.Append(values[0]);
        b.AppendNull();
        b.Append(values[1]);
        b.Append(null);
        b.Append(values[2]);
        var c = b.Build();

        Assert.Equal(type, c.Type);
        Assert.Equal(5, c.Length);
        Assert.Equal(2, c.NullCount);
        Assert.Equal(values[0], c.GetValue(0));
        Assert.Null(c.GetValue(1));
        Assert.True(c.IsNull(1));
        Assert.False(c.IsValid(3));
        Assert.Equal(values[1], c.GetValue(2));
        Assert.Equal(values[2], c.GetValue(4));
        Assert.Equal(values[2].GetType(), c.GetValue(4)!.GetType());
        Assert.Equal(1, c.ValidityBuffer.Length);
        Assert.Equal(0b10101, c.ValidityBuffer.Span[0]);
    }

    [Theory]
    [MemberData(nameof(PrimitiveValues))]
    public void EmptyAndAllNull(DataType type, object[] values)
    {
        _ = values;
        var b = ColumnBuilder.Create(type);
        var empty = b.Build();
        Assert.Equal(0, empty.Length);
        Assert.Equal(0, empty.NullCount);
        Assert.Equal(0, empty.ByteSize);

        b.AppendNulls(10);
        var nulls = b.Build();
        Assert.Equal(10, nulls.Length);
        Assert.Equal(10, nulls.NullCount);
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(nulls.GetValue(i));
        }

        Assert.Equal(2, nulls.ValidityBuffer.Length);
        Assert.Equal(0, nulls.ValidityBuffer.Span[0]);
    }

    [Fact]
    public void NoNullsMeansNoValidityBuffer()
    {
        var c = PrimitiveColumn<int>.FromArray([1, 2, 3]);
        Assert.True(c.ValidityBuffer.IsEmpty);
        Assert.Equal(0, c.NullCount);
        Assert.Equal(12, c.ByteSize);
        Assert.Equal(DataType.Int32, c.Type);
        Assert.Equal([1, 2, 3], c.Values.ToArray());
    }

    [Fact]
    public void ValuesAreLittleEndianContiguous()
    {
        var c = PrimitiveColumn<int>.FromArray([1, 0x01020304]);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 4, 3, 2, 1 }, c.ValuesBuffer.Span.ToArray());
    }

    [Fact]
    public void FromArrayWithNullFlags()
    {
        var c = PrimitiveColumn<double>.FromArray([1.0, 2.0, 3.0], [false, true, false]);
        Assert.Equal(1, c.NullCount);
        Assert.Null(c.GetValue(1));
        Assert.Equal(3.0, c.GetValue(2));
        Assert.Throws<ArgumentException>(() => PrimitiveColumn<double>.FromArray([1.0], [false, true]));
    }

    [Fact]
    public void FromArrayWithExplicitDateType()
    {
        var c = PrimitiveColumn<int>.FromArray(DataType.Date, [0, 19723]);
        Assert.Equal(new DateOnly(1970, 1, 1), c.GetValue(0));
        Assert.Equal(new DateOnly(2024, 1, 1), c.GetValue(1));
    }

    [Fact]
    public void SliceIsZeroCopyAndNests()
    {
        var values = Enumerable.Range(0, 100).Select(i => (long)i).ToArray();
        var isNull = Enumerable.Range(0, 100).Select(i => i % 7 == 0).ToArray();
        var c = PrimitiveColumn<long>.FromArray(values, isNull);
        var s = (PrimitiveColumn<long>)c.Slice(10, 50);
        Assert.Equal(10, s.Offset);
        Assert.Equal(50, s.Length);
        Assert.Equal(10L, s[0]);
        Assert.Equal(59L, s.Values[^1]);
        Assert.Equal(Enumerable.Range(10, 50).Count(i => i % 7 == 0), s.NullCount);
        Assert.True(s.IsNull(4)); // row 14
        Assert.True(c.ValuesBuffer.Memory.Equals(s.ValuesBuffer.Memory));

        var ss = (PrimitiveColumn<long>)s.Slice(3, 5); // rows 13..17
        Assert.Equal(13, ss.Offset);
        Assert.Equal([13L, 14L, 15L, 16L, 17L], ss.Values.ToArray());
        Assert.Null(ss.GetValue(1));
        Assert.Equal(17L, ss.GetValue(4));
        Assert.Equal(1, ss.NullCount);
        Assert.Same(ss, ss.Slice(0, 5));
        Assert.Equal(0, ss.Slice(5, 0).Length);
    }

    [Fact]
    public void SliceOutOfRangeThrows()
    {
        var c = PrimitiveColumn<int>.FromArray([1, 2, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Slice(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Slice(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Slice(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.GetValue(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Slice(1, 1).GetValue(1));
    }

    [Fact]
    public void AppendRangeAndTypedAppend()
    {
        var b = new PrimitiveColumnBuilder<long>(4);
        b.AppendRange([1L, 2L, 3L]);
        b.AppendNull();
        b.AppendRange(Enumerable.Range(0, 20).Select(i => (long)i).ToArray());
        b.Append((long?)null);
        b.Append((long?)9);
        var c = b.Build();
        Assert.Equal(26, c.Length);
        Assert.Equal(2, c.NullCount);
        Assert.Equal(3L, c.GetValue(2));
        Assert.Null(c.GetValue(3));
        Assert.Equal(19L, c.GetValue(23));
        Assert.Null(c.GetValue(24));
        Assert.Equal(9L, c.GetValue(25));
    }

    [Fact]
    public void BuilderIsReusableAfterBuild()
    {
        var b = new PrimitiveColumnBuilder<int>(DataType.Int32);
        b.Append(1);
        b.AppendNull();
        var first = b.Build();
        Assert.Equal(0, b.Length);
        Assert.Equal(0, b.NullCount);
        b.Append(5);
        b.Append(6);
        var second = b.Build();
        Assert.Equal(2, second.Length);
        Assert.Equal(0, second.NullCount);
        Assert.True(second.ValidityBuffer.IsEmpty);
        Assert.Equal([5, 6], second.Values.ToArray());
        // The first column is unaffected by reuse.
        Assert.Equal(1, first.GetValue(0));
        Assert.Null(first.GetValue(1));
    }

    [Fact]
    public void AcceptsOtherIntegerWidthsInRange()
    {
        var b = ColumnBuilder.Create(DataType.Int64);
        b.Append(1);
        b.Append((short)2);
        b.Append(3u);
        var c = b.Build();
        Assert.Equal([1L, 2L, 3L], ((PrimitiveColumn<long>)c).Values.ToArray());

        var d = ColumnBuilder.Create(DataType.Float64);
        d.Append(1);
        d.Append(2.5f);
        Assert.Equal([1.0, 2.5], ((PrimitiveColumn<double>)d.Build()).Values.ToArray());

        var u = ColumnBuilder.Create(DataType.UInt8);
        Assert.Throws<OverflowException>(() => u.Append(256));
        Assert.Throws<OverflowException>(() => u.Append(-1));
        var ul = ColumnBuilder.Create(DataType.UInt64);
        ul.Append(ulong.MaxValue);
        Assert.Equal(ulong.MaxValue, ul.Build().GetValue(0));
    }

    [Fact]
    public void WrongTypeThrowsNamingBothTypes()
    {
        var b = ColumnBuilder.Create(DataType.Int32);
        var e = Assert.Throws<InvalidCastException>(() => b.Append("x"));
        Assert.Contains("System.String", e.Message);
        Assert.Contains("int", e.Message);
        Assert.Throws<InvalidCastException>(() => b.Append(1.5));
        Assert.Throws<InvalidCastException>(() => ColumnBuilder.Create(DataType.Float64).Append("1"));
        Assert.Throws<InvalidCastException>(() => ColumnBuilder.Create(DataType.Date).Append(3));
        var ts = Assert.Throws<InvalidCastException>(() => ColumnBuilder.Create(DataType.DateTime).Append(3L));
        Assert.Contains("DateTime", ts.Message);
        Assert.Equal(0, b.Length);
    }

    [Fact]
    public void BuilderTypeMustMatchStorage()
    {
        Assert.Throws<ArgumentException>(() => new PrimitiveColumnBuilder<int>(DataType.Int64));
        Assert.Throws<ArgumentException>(() => new PrimitiveColumnBuilder<long>(DataType.String));
        Assert.IsType<PrimitiveColumnBuilder<int>>(ColumnBuilder.Create(DataType.Date));
        Assert.IsType<PrimitiveColumnBuilder<long>>(ColumnBuilder.Create(DataType.Timestamp(TimeUnit.Nanosecond, "UTC")));
        Assert.IsType<PrimitiveColumnBuilder<Half>>(ColumnBuilder.Create(DataType.Float16));
    }

    [Fact]
    public void ExternalBuffersAreWrappedWithoutCopy()
    {
        var bytes = new byte[40];
        MemoryMarshal.Cast<byte, long>(bytes.AsSpan()).Fill(7);
        var validity = new byte[] { 0b11110 };
        var c = new PrimitiveColumn<long>(DataType.Int64, 4, bytes, validity, -1, 1);
        Assert.Equal(0, c.NullCount);
        Assert.Equal(7L, c.GetValue(3));
        bytes[8] = 9; // shares the caller's memory
        Assert.Equal(9L, c[0]);

        var withNull = new PrimitiveColumn<long>(DataType.Int64, 5, bytes, validity);
        Assert.Equal(1, withNull.NullCount);
        Assert.Null(withNull.GetValue(0));
    }

    [Fact]
    public void WrapsTypedArraysWithoutCopy()
    {
        long[] values = [1, 2, 3];
        var buffer = ArrowBuffer.Wrap(values);
        Assert.Equal(24, buffer.Length);
        var c = new PrimitiveColumn<long>(DataType.Int64, 3, buffer);
        values[1] = 20;
        Assert.Equal(20L, c.GetValue(1));
        // Pinning (as native readers/writers do) works and releases its handle.
        buffer.Memory.Pin().Dispose();

        int[] offsets = [0, 2, 5];
        var s = new StringColumn(2, ArrowBuffer.Wrap(offsets), ArrowBuffer.Wrap("abcde"u8.ToArray()));
        Assert.Equal("cde", s.GetValue(1));
        Assert.True(ArrowBuffer.Wrap(Array.Empty<int>()).IsEmpty);
    }

    [Fact]
    public void NullArrayIsTheEmptyBuffer()
    {
        var c = new PrimitiveColumn<int>(DataType.Int32, 2, new byte[8], null, 0);
        Assert.True(c.ValidityBuffer.IsEmpty);
        ArrowBuffer none = (byte[]?)null;
        Assert.Equal(0, none.Length);
        Assert.Throws<ArgumentNullException>(() => new ArrowBuffer((byte[])null!));
    }

    [Fact]
    public void BufferSizeValidation()
    {
        var e = Assert.Throws<ArgumentException>(() => new PrimitiveColumn<long>(DataType.Int64, 5, new byte[32]));
        Assert.Contains("values buffer has 32 bytes, needs at least 40", e.Message);
        Assert.Throws<ArgumentException>(() => new PrimitiveColumn<long>(DataType.Int64, 4, new byte[32], default, 0, 1));
        var v = Assert.Throws<ArgumentException>(() => new PrimitiveColumn<int>(DataType.Int32, 9, new byte[36], new byte[1]));
        Assert.Contains("validity buffer has 1 bytes, needs at least 2", v.Message);
        Assert.Throws<ArgumentException>(() => new PrimitiveColumn<int>(DataType.Int32, 1, new byte[4], default, 1));
        Assert.Throws<ArgumentException>(() => new PrimitiveColumn<int>(DataType.Int64, 1, new byte[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrimitiveColumn<int>(DataType.Int32, -1, new byte[8]));
    }

    [Fact]
    public void BuiltBuffersAreExactSize()
    {
        var b = new PrimitiveColumnBuilder<double>(); // no hint: grows through the pool
        for (var i = 0; i < 100_000; i++)
        {
            b.Append(i);
            if (i % 3 == 0)
            {
                b.AppendNull();
            }
        }

        var c = b.Build();
        Assert.Equal(c.Length * 8L, c.ValuesBuffer.Length);
        Assert.True(MemoryMarshal.TryGetArray(c.ValuesBuffer.Memory, out var seg));
        Assert.InRange(seg.Array!.Length, c.ValuesBuffer.Length, c.ValuesBuffer.Length * 1.1);
        Assert.True(MemoryMarshal.TryGetArray(c.ValidityBuffer.Memory, out var vseg));
        Assert.InRange(vseg.Array!.Length, c.ValidityBuffer.Length, c.ValidityBuffer.Length * 1.1);
        Assert.Equal((c.Length + 7) / 8, c.ValidityBuffer.Length);
        Assert.Equal(c.ValuesBuffer.Length + c.ValidityBuffer.Length, c.ByteSize);
    }

    [Fact]
    public void CapacityHintGivesExactArrayWithoutCopy()
    {
        var b = new PrimitiveColumnBuilder<int>(1000);
        for (var i = 0; i < 1000; i++)
        {
            b.Append(i);
        }

        var c = b.Build();
        Assert.True(MemoryMarshal.TryGetArray(c.ValuesBuffer.Memory, out var seg));
        Assert.Equal(4000, seg.Array!.Length);
    }
}
