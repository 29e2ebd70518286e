using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class TemporalTests
{
    [Fact]
    public void DatesAreInt32DaysSinceEpoch()
    {
        var b = ColumnBuilder.Create(DataType.Date);
        b.Append(new DateOnly(1970, 1, 2));
        b.Append(new DateTime(1969, 12, 31, 23, 0, 0));
        b.AppendNull();
        var c = (PrimitiveColumn<int>)b.Build();
        Assert.Equal([1, -1, 0], c.Values.ToArray());
        Assert.Equal(new DateOnly(1969, 12, 31), c.GetValue(1));
        Assert.Equal(19723, TemporalConversions.ToDays(new DateOnly(2024, 1, 1)));
        Assert.Equal(DateOnly.MinValue, TemporalConversions.ToDateOnly(TemporalConversions.ToDays(DateOnly.MinValue)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalConversions.ToDateOnly(int.MaxValue));
    }

    [Theory]
    [InlineData(TimeUnit.Second, 1_704_067_200L)]
    [InlineData(TimeUnit.Millisecond, 1_704_067_200_123L)]
    [InlineData(TimeUnit.Microsecond, 1_704_067_200_123_456L)]
    [InlineData(TimeUnit.Nanosecond, 1_704_067_200_123_456_700L)]
    public void TimestampsStoreTheUnit(TimeUnit unit, long expected)
    {
        var dt = new DateTime(2024, 1, 1).AddTicks(1_234_567);
        var type = DataType.Timestamp(unit);
        var b = (PrimitiveColumnBuilder<long>)ColumnBuilder.Create(type);
        b.Append((object)dt);
        var c = b.Build();
        Assert.Equal(expected, c[0]);
        var back = (DateTime)c.GetValue(0)!;
        Assert.Equal(DateTimeKind.Unspecified, back.Kind);
        Assert.Equal(TemporalConversions.ToDateTime(expected, unit), back);
    }

    [Fact]
    public void ZonedTimestampsAreUtcInstants()
    {
        var type = DataType.Timestamp(TimeUnit.Microsecond, "America/New_York");
        var b = ColumnBuilder.Create(type);
        var utc = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        b.Append(utc);
        b.Append(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(-4)));
        b.Append(utc.ToLocalTime());
        var c = b.Build();
        for (var i = 0; i < 3; i++)
        {
            var v = (DateTime)c.GetValue(i)!;
            Assert.Equal(DateTimeKind.Utc, v.Kind);
            Assert.Equal(utc, v);
        }

        // Naive types keep the wall clock of a DateTimeOffset.
        var naive = ColumnBuilder.Create(DataType.DateTime);
        naive.Append(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(-4)));
        Assert.Equal(new DateTime(2024, 6, 1, 8, 0, 0), naive.Build().GetValue(0));
    }

    [Fact]
    public void FloorsBeforeTheEpochAndTruncatesNanoseconds()
    {
        var before = new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(5_000_000); // 0.5 s before the epoch
        Assert.Equal(-1, TemporalConversions.ToTimestamp(before, TimeUnit.Second));
        Assert.Equal(-500, TemporalConversions.ToTimestamp(before, TimeUnit.Millisecond));
        Assert.Equal(new DateTime(1970, 1, 1).AddTicks(1), TemporalConversions.ToDateTime(199, TimeUnit.Nanosecond));
        Assert.Equal(new DateTime(1970, 1, 1).AddTicks(-2), TemporalConversions.ToDateTime(-101, TimeUnit.Nanosecond));
        Assert.Throws<OverflowException>(() => TemporalConversions.ToTimestamp(new DateTime(2300, 1, 1), TimeUnit.Nanosecond));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalConversions.ToDateTime(long.MaxValue, TimeUnit.Second));
        Assert.Equal(DateTimeKind.Utc, TemporalConversions.ToDateTime(0, DataType.Timestamp(TimeUnit.Second, "UTC")).Kind);
    }

    [Fact]
    public void ConvertsUnits()
    {
        Assert.Equal(1_500_000, TemporalConversions.ConvertUnit(1500, TimeUnit.Millisecond, TimeUnit.Microsecond));
        Assert.Equal(-2, TemporalConversions.ConvertUnit(-1500, TimeUnit.Millisecond, TimeUnit.Second));
        Assert.Equal(3_000_000_000, TemporalConversions.ConvertUnit(3, TimeUnit.Second, TimeUnit.Nanosecond));
        Assert.Equal(7, TemporalConversions.ConvertUnit(7, TimeUnit.Nanosecond, TimeUnit.Nanosecond));
        Assert.Throws<OverflowException>(() => TemporalConversions.ConvertUnit(long.MaxValue / 10, TimeUnit.Second, TimeUnit.Millisecond));
    }
}
