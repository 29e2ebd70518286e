namespace Fugue.IO.Csv;

/// <summary>
/// Allocation-free parsing of the common date and timestamp text forms straight from UTF-8:
/// <c>YYYY-MM-DD</c> and <c>YYYY-MM-DD[ |T]HH:MM[:SS[.fffffff]]</c> without a zone. Anything else (zones,
/// single-digit months, ...) returns false so callers can fall back to the general converter, which keeps
/// one definition of the accepted forms while the hot path stays cheap. Shared by the CSV and JSON codecs.
/// </summary>
internal static class Utf8TemporalParser
{
    /// <summary>Parses <c>YYYY-MM-DD</c> into days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out int days)
    {
        days = 0;
        if (s.Length != 10 || !TryParseDateCore(s, out var ticks))
        {
            return false;
        }

        days = (int)((ticks - Fugue.Columnar.TemporalConversions.UnixEpochTicks) / TimeSpan.TicksPerDay);
        return true;
    }

    /// <summary>Parses a zone-less timestamp (a bare date means midnight) into 100 ns ticks since 0001-01-01.</summary>
    public static bool TryParseDateTimeTicks(ReadOnlySpan<byte> s, out long ticks)
    {
        if (s.Length < 10 || !TryParseDateCore(s, out ticks))
        {
            ticks = 0;
            return false;
        }

        if (s.Length == 10)
        {
            return true;
        }

        // HH:MM at 11..15
        if (s.Length < 16 || (s[10] != (byte)' ' && s[10] != (byte)'T') || s[13] != (byte)':')
        {
            return false;
        }

        var hour = Two(s[11], s[12]);
        var minute = Two(s[14], s[15]);
        var second = 0;
        long fraction = 0;
        var p = 16;
        if (p < s.Length)
        {
            if (s[p] != (byte)':' || s.Length < 19)
            {
                return false;
            }

            second = Two(s[17], s[18]);
            p = 19;
            if (p < s.Length)
            {
                if (s[p] != (byte)'.' || p + 1 == s.Length)
                {
                    return false;
                }

                p++;
                var digits = 0;
                for (; p < s.Length; p++)
                {
                    var d = (uint)(s[p] - '0');
                    if (d > 9)
                    {
                        return false;
                    }

                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + d;
                    }

                    digits++;
                }

                for (; digits < 7; digits++)
                {
                    fraction *= 10;
                }
            }
        }

        if ((uint)hour > 23 || (uint)minute > 59 || (uint)second > 59)
        {
            return false;
        }

        ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + fraction;
        return true;
    }

    private static bool TryParseDateCore(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        var y1 = Two(s[0], s[1]);
        var y2 = Two(s[2], s[3]);
        var month = Two(s[5], s[6]);
        var day = Two(s[8], s[9]);
        if (y1 < 0 || y2 < 0 || month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        var year = (y1 * 100) + y2;
        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        ticks = new DateTime(year, month, day).Ticks;
        return true;
    }

    /// <summary>Two ASCII digits as a number, or -1.</summary>
    private static int Two(byte a, byte b)
    {
        var x = (uint)(a - '0');
        var y = (uint)(b - '0');
        return x > 9 || y > 9 ? -1 : (int)((x * 10) + y);
    }
}
