using System.Globalization;

namespace Fugue.Frames;

/// <summary>
/// Strict ISO-like parsing and formatting of dates and timestamps (invariant, no culture-dependent forms):
/// <c>yyyy-M-d</c> optionally followed by <c>T</c> or a space, <c>H:mm[:ss[.fffffffff]]</c> and a
/// <c>Z</c> / <c>±HH[:mm]</c> offset. Fractions beyond 100 ns are truncated.
/// </summary>
internal static class TemporalText
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="offset"/> is set when the text carries a zone.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value, out TimeSpan? offset)
    {
        value = default;
        offset = null;
        var s = text.Trim();
        var p = 0;
        if (!ReadInt(s, ref p, 4, 4, out var year) || !Expect(s, ref p, '-') || !ReadInt(s, ref p, 1, 2, out var month)
            || !Expect(s, ref p, '-') || !ReadInt(s, ref p, 1, 2, out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long ticks = new DateTime(year, month, day).Ticks;
        if (p < s.Length && (s[p] == 'T' || s[p] == 't' || s[p] == ' '))
        {
            p++;
            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            if (!ReadInt(s, ref p, 1, 2, out var hour) || !Expect(s, ref p, ':') || !ReadInt(s, ref p, 2, 2, out var minute))
            {
                return false;
            }

            var second = 0;
            long fraction = 0;
            if (p < s.Length && s[p] == ':')
            {
                p++;
                if (!ReadInt(s, ref p, 2, 2, out second))
                {
                    return false;
                }

                if (p < s.Length && (s[p] == '.' || s[p] == ','))
                {
                    p++;
                    var digits = 0;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                    {
                        if (digits < 7)
                        {
                            fraction = (fraction * 10) + (s[p] - '0');
                        }

                        digits++;
                        p++;
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    for (var d = digits; d < 7; d++)
                    {
                        fraction *= 10;
                    }
                }
            }

            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + fraction;
            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            if (p < s.Length)
            {
                if (s[p] is 'Z' or 'z')
                {
                    p++;
                    offset = TimeSpan.Zero;
                }
                else if (s[p] is '+' or '-')
                {
                    var sign = s[p] == '-' ? -1 : 1;
                    p++;
                    if (!ReadInt(s, ref p, 2, 2, out var oh))
                    {
                        return false;
                    }

                    var om = 0;
                    if (p < s.Length)
                    {
                        if (s[p] == ':')
                        {
                            p++;
                        }

                        if (!ReadInt(s, ref p, 2, 2, out om))
                        {
                            return false;
                        }
                    }

                    if (oh > 18 || om > 59)
                    {
                        return false;
                    }

                    offset = new TimeSpan(sign * oh, sign * om, 0);
                }
            }
        }

        if (p != s.Length)
        {
            return false;
        }

        value = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats a timestamp as <c>yyyy-MM-dd HH:mm:ss</c>, adding the fraction only when it is non-zero (trailing
    /// zeros trimmed) and a <c>Z</c> for UTC instants.
    /// </summary>
    public static string FormatDateTime(DateTime value)
    {
        var text = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Kind == DateTimeKind.Utc ? text + "Z" : text;
    }

    /// <summary>Formats an offset timestamp like <see cref="FormatDateTime"/> followed by the offset (<c>+01:00</c>).</summary>
    public static string FormatDateTimeOffset(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static bool Expect(ReadOnlySpan<char> s, ref int p, char c)
    {
        if (p < s.Length && s[p] == c)
        {
            p++;
            return true;
        }

        return false;
    }

    private static bool ReadInt(ReadOnlySpan<char> s, ref int p, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = p;
        while (p < s.Length && p - start < maxDigits && char.IsAsciiDigit(s[p]))
        {
            value = (value * 10) + (s[p] - '0');
            p++;
        }

        return p - start >= minDigits;
    }
}
