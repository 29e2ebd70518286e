using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Converts between .NET dates/times and Arrow's storage integers: <c>date</c> as int32 days since
/// 1970-01-01, timestamps as int64 in a <see cref="TimeUnit"/> since the Unix epoch. Sub-unit precision is
/// floored (toward the past), so ordering is preserved for instants before 1970 too.
/// </summary>
public static class TemporalConversions
{
    /// <summary>Ticks of 1970-01-01T00:00:00.</summary>
    public const long UnixEpochTicks = 621_355_968_000_000_000;

    private const int UnixEpochDayNumber = 719_162;

    /// <summary>Days since the Unix epoch.</summary>
    public static int ToDays(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    /// <summary>Days since the Unix epoch of the date part of <paramref name="value"/>.</summary>
    public static int ToDays(DateTime value) => ToDays(DateOnly.FromDateTime(value));

    /// <summary>The date <paramref name="days"/> after 1970-01-01.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside <see cref="DateOnly"/>'s range.</exception>
    public static DateOnly ToDateOnly(int days)
    {
        var n = (long)days + UnixEpochDayNumber;
        if (n < DateOnly.MinValue.DayNumber || n > DateOnly.MaxValue.DayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "date value (days since 1970-01-01) is outside DateOnly's range 0001-01-01..9999-12-31");
        }

        return DateOnly.FromDayNumber((int)n);
    }

    /// <summary>The storage value of <paramref name="value"/>'s wall-clock ticks in <paramref name="unit"/> (the kind is ignored).</summary>
    /// <exception cref="OverflowException">Nanoseconds out of int64 range (before 1677 or after 2262).</exception>
    public static long ToTimestamp(DateTime value, TimeUnit unit)
    {
        var ticks = value.Ticks - UnixEpochTicks;
        return unit switch
        {
            TimeUnit.Second => FloorDiv(ticks, TimeSpan.TicksPerSecond),
            TimeUnit.Millisecond => FloorDiv(ticks, TimeSpan.TicksPerMillisecond),
            TimeUnit.Microsecond => FloorDiv(ticks, 10),
            _ => ticks is > long.MaxValue / 100 or < long.MinValue / 100
                ? throw new OverflowException($"{value:O} cannot be stored as int64 nanoseconds (range 1677-09-21..2262-04-11)")
                : ticks * 100,
        };
    }

    /// <summary>
    /// The storage value of <paramref name="value"/> for a timestamp type: naive types store the wall clock as
    /// given; zoned types store the UTC instant (a <see cref="DateTimeKind.Local"/> value is converted to UTC,
    /// an unspecified one is taken as UTC).
    /// </summary>
    public static long ToTimestamp(DateTime value, TimestampType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.TimeZone is not null && value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        return ToTimestamp(value, type.Unit);
    }

    /// <summary>The storage value of <paramref name="value"/>: the UTC instant for zoned types, the local wall clock for naive ones.</summary>
    public static long ToTimestamp(DateTimeOffset value, TimestampType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ToTimestamp(type.TimeZone is null ? value.DateTime : value.UtcDateTime, type.Unit);
    }

    /// <summary>The <see cref="DateTime"/> of a storage value (nanoseconds are floored to 100 ns ticks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside <see cref="DateTime"/>'s range.</exception>
    public static DateTime ToDateTime(long value, TimeUnit unit, DateTimeKind kind = DateTimeKind.Unspecified)
    {
        long ticks;
        try
        {
            ticks = unit switch
            {
                TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
                TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
                TimeUnit.Microsecond => checked(value * 10),
                _ => FloorDiv(value, 100),
            };
            ticks = checked(ticks + UnixEpochTicks);
        }
        catch (OverflowException)
        {
            ticks = -1;
        }

        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"timestamp value in {TimestampType.UnitToString(unit)} is outside DateTime's range 0001-01-01..9999-12-31");
        }

        return new DateTime(ticks, kind);
    }

    /// <summary>The canonical <see cref="DateTime"/> of a storage value: unspecified kind for naive types, UTC for zoned ones.</summary>
    public static DateTime ToDateTime(long value, TimestampType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ToDateTime(value, type.Unit, type.TimeZone is null ? DateTimeKind.Unspecified : DateTimeKind.Utc);
    }

    /// <summary>Converts a storage value between units (flooring when going coarser).</summary>
    /// <exception cref="OverflowException">The result does not fit int64.</exception>
    public static long ConvertUnit(long value, TimeUnit from, TimeUnit to)
    {
        if (from == to)
        {
            return value;
        }

        var diff = (int)to - (int)from;
        long factor = 1;
        for (var i = 0; i < Math.Abs(diff); i++)
        {
            factor *= 1000;
        }

        return diff > 0 ? checked(value * factor) : FloorDiv(value, factor);
    }

    private static long FloorDiv(long a, long b)
    {
        var q = Math.DivRem(a, b, out var r);
        return r < 0 ? q - 1 : q;
    }
}
