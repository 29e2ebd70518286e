using System.Globalization;

namespace Fugue.Sql;

/// <summary>The text forms of dates and timestamps stored in SQLite (ISO 8601 with a space, as SQLite's date functions use).</summary>
internal static class SqliteText
{
    private static readonly string[] s_dateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>Writes <c>yyyy-MM-dd HH:mm:ss</c> plus the fraction when not zero (trailing zeros trimmed); returns the length.</summary>
    public static int FormatDateTime(DateTime value, Span<byte> utf8)
    {
        var format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF";
        value.TryFormat(utf8, out var written, format, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>The text a timestamp is stored as.</summary>
    public static string FormatDateTime(DateTime value)
    {
        Span<byte> buffer = stackalloc byte[64];
        return System.Text.Encoding.UTF8.GetString(buffer[..FormatDateTime(value, buffer)]);
    }

    /// <summary>Parses a stored date; a timestamp text is accepted too and gives its date part.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (TryParseDateTime(text, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }

        return false;
    }

    /// <summary>Parses a stored timestamp (<c>yyyy-MM-dd[ T]HH:mm[:ss[.f...]]</c> or a bare date; a trailing <c>Z</c> is accepted).</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime value)
    {
        if (text.Length > 0 && (text[^1] == 'Z' || text[^1] == 'z'))
        {
            text = text[..^1];
        }

        return DateTime.TryParseExact(text, s_dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
