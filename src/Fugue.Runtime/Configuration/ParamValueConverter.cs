using System.Globalization;

namespace Fugue.Configuration;

/// <summary>
/// Converts raw configuration values to the requested type without reflection: a switch over the supported target
/// types, parsing strings with the invariant culture and widening (or range-checked narrowing) numbers.
/// </summary>
internal static class ParamValueConverter
{
    private const string Supported = "string, bool, int, long, short, byte, double, float, decimal, TimeSpan, enums, and their nullable forms";

    public static T Convert<T>(string key, object value)
    {
        if (value is T same)
        {
            return same;
        }

        CheckSupported<T>();
        if (TryConvertCore(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), out var result, out var reason))
        {
            return (T)result;
        }

        throw new InvalidCastException(
            $"conf key '{key}' has value '{Describe(value)}' ({value.GetType().Name}) which can't be converted to {TypeName(typeof(T))}"
            + (reason is null ? string.Empty : ": " + reason));
    }

    public static bool TryConvert<T>(object value, out T result)
    {
        if (value is T same)
        {
            result = same;
            return true;
        }

        CheckSupported<T>();
        if (TryConvertCore(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), out var r, out _))
        {
            result = (T)r;
            return true;
        }

        result = default!;
        return false;
    }

    public static void CheckSupported<T>()
    {
        var t = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short)
            || t == typeof(byte) || t == typeof(double) || t == typeof(float) || t == typeof(decimal)
            || t == typeof(TimeSpan) || t.IsEnum || t == typeof(object))
        {
            return;
        }

        throw new NotSupportedException($"ParamDict can't convert values to {TypeName(typeof(T))}; supported: {Supported}");
    }

    public static string TypeName(Type t) =>
        Nullable.GetUnderlyingType(t) is { } u ? TypeName(u) + "?" : t.Name;

    private static bool TryConvertCore(object value, Type target, out object result, out string? reason)
    {
        reason = null;
        result = value;
        if (target == typeof(object) || target.IsInstanceOfType(value))
        {
            return true;
        }

        if (target == typeof(string))
        {
            result = value switch
            {
                bool b => b ? "true" : "false",
                TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            return true;
        }

        if (target == typeof(bool))
        {
            if (TryBool(value, out var b))
            {
                result = b;
                return true;
            }

            reason = "expected true/false/1/0";
            return false;
        }

        if (target == typeof(long) || target == typeof(int) || target == typeof(short) || target == typeof(byte))
        {
            if (!TryInt64(value, out var l, out reason))
            {
                return false;
            }

            (long min, long max) = target == typeof(long) ? (long.MinValue, long.MaxValue)
                : target == typeof(int) ? (int.MinValue, int.MaxValue)
                : target == typeof(short) ? (short.MinValue, short.MaxValue)
                : (byte.MinValue, byte.MaxValue);
            if (l < min || l > max)
            {
                reason = $"out of range [{min}, {max}]";
                return false;
            }

            result = target == typeof(long) ? l : target == typeof(int) ? (int)l : target == typeof(short) ? (short)l : (object)(byte)l;
            return true;
        }

        if (target == typeof(double) || target == typeof(float))
        {
            if (!TryDouble(value, out var d))
            {
                reason = "expected a number";
                return false;
            }

            result = target == typeof(double) ? d : (object)(float)d;
            return true;
        }

        if (target == typeof(decimal))
        {
            if (!TryDecimal(value, out var m, out reason))
            {
                return false;
            }

            result = m;
            return true;
        }

        if (target == typeof(TimeSpan))
        {
            if (!TryTimeSpan(value, out var ts))
            {
                reason = "expected seconds, a duration such as \"5s\", \"100ms\", \"10min\", \"2h\", \"1d\", or \"hh:mm:ss\"";
                return false;
            }

            result = ts;
            return true;
        }

        if (target.IsEnum)
        {
            return TryEnum(value, target, out result, out reason);
        }

        reason = "unsupported target type";
        return false;
    }

    private static bool TryBool(object value, out bool b)
    {
        switch (value)
        {
            case string s:
                var t = s.Trim();
                if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t == "1")
                {
                    b = true;
                    return true;
                }

                if (t.Equals("false", StringComparison.OrdinalIgnoreCase) || t == "0")
                {
                    b = false;
                    return true;
                }

                break;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                var l = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (l == 0 || l == 1)
                {
                    b = l == 1;
                    return true;
                }

                break;
        }

        b = false;
        return false;
    }

    private static bool TryInt64(object value, out long l, out string? reason)
    {
        reason = null;
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint:
                l = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                return true;
            case ulong u:
                l = (long)u;
                if (u > long.MaxValue)
                {
                    reason = "out of the Int64 range";
                    return false;
                }

                return true;
            case double or float or decimal:
                var m = value is decimal dm ? dm : (decimal?)SafeDecimal(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
                if (m is { } dec && decimal.Truncate(dec) == dec && dec >= long.MinValue && dec <= long.MaxValue)
                {
                    l = (long)dec;
                    return true;
                }

                l = 0;
                reason = "not a whole number in the Int64 range";
                return false;
            case string s:
                if (long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
                {
                    return true;
                }

                reason = "expected an integer";
                return false;
            default:
                l = 0;
                reason = "expected an integer";
                return false;
        }
    }

    private static decimal? SafeDecimal(double d) =>
        double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : null;

    private static bool TryDouble(object value, out double d)
    {
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint or ulong or float or double or decimal:
                d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
            default:
                d = 0;
                return false;
        }
    }

    private static bool TryDecimal(object value, out decimal m, out string? reason)
    {
        reason = null;
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint or ulong or decimal:
                m = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return true;
            case double or float:
                if (SafeDecimal(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)) is { } dm)
                {
                    m = dm;
                    return true;
                }

                break;
            case string s:
                if (decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out m))
                {
                    return true;
                }

                break;
        }

        m = 0;
        reason = "expected a number in the decimal range";
        return false;
    }

    private static bool TryTimeSpan(object value, out TimeSpan ts)
    {
        ts = TimeSpan.Zero;
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint or ulong or float or double or decimal:
                return TrySeconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture), 1, out ts);
            case string s:
                var t = s.Trim();
                if (t.Contains(':', StringComparison.Ordinal))
                {
                    return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out ts);
                }

                var i = 0;
                if (i < t.Length && (t[i] == '-' || t[i] == '+'))
                {
                    i++;
                }

                while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
                {
                    i++;
                }

                if (!double.TryParse(t.AsSpan(0, i), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                double? seconds = t[i..].Trim().ToLowerInvariant() switch
                {
                    "" or "s" or "sec" or "secs" or "second" or "seconds" => 1,
                    "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => 1e-3,
                    "us" or "micro" or "micros" or "microsecond" or "microseconds" => 1e-6,
                    "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => 1e-9,
                    "m" or "min" or "mins" or "minute" or "minutes" => 60,
                    "h" or "hr" or "hrs" or "hour" or "hours" => 3600,
                    "d" or "day" or "days" => 86400,
                    _ => null,
                };
                return seconds is { } unit && TrySeconds(number, unit, out ts);
            default:
                return false;
        }
    }

    private static bool TrySeconds(double number, double unitSeconds, out TimeSpan ts)
    {
        var ticks = number * unitSeconds * TimeSpan.TicksPerSecond;
        if (!double.IsFinite(ticks) || Math.Abs(ticks) >= long.MaxValue)
        {
            ts = TimeSpan.Zero;
            return false;
        }

        ts = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static bool TryEnum(object value, Type target, out object result, out string? reason)
    {
        reason = null;
        result = value;
        switch (value)
        {
            case string s when s.Trim().Length > 0 && !char.IsAsciiDigit(s.Trim()[0]) && s.Trim()[0] != '-':
                if (Enum.TryParse(target, s.Trim(), ignoreCase: true, out var parsed) && parsed is not null)
                {
                    result = parsed;
                    return true;
                }

                reason = $"expected one of {string.Join(", ", Enum.GetNames(target))} (case-insensitive)";
                return false;
            default:
                if (TryInt64(value, out var l, out _))
                {
                    var e = Enum.ToObject(target, l);
                    if (Enum.IsDefined(target, e))
                    {
                        result = e;
                        return true;
                    }
                }

                reason = $"expected one of {string.Join(", ", Enum.GetNames(target))} (case-insensitive)";
                return false;
        }
    }

    private static string Describe(object value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
