using System.Collections;
using System.Globalization;
using System.Text;

namespace Fugue.Frames;

/// <summary>
/// Text forms of canonical values, shared by string conversion (<see cref="ValueConverter"/>), table rendering
/// (<see cref="DataFrame.Show(int, bool, string?)"/>) and error messages, so a value reads the same everywhere.
/// </summary>
internal static class ValueText
{
    private const int DescribeLimit = 60;

    /// <summary>
    /// The string value of a scalar or nested value: <c>true</c>/<c>false</c>, invariant numbers (doubles in
    /// shortest round-trip form with <c>.0</c> when integral), ISO dates and timestamps, UTF-8 decoded bytes,
    /// and JSON for lists, structs and maps. False when the value has no string form (invalid UTF-8, unknown type).
    /// </summary>
    public static bool TryFormat(object value, out string text, out string? reason)
    {
        reason = null;
        switch (value)
        {
            case string s:
                text = s;
                return true;
            case bool b:
                text = b ? "true" : "false";
                return true;
            case double d:
                text = FormatDouble(d);
                return true;
            case float f:
                text = FormatSingle(f);
                return true;
            case Half h:
                text = FormatSingle((float)h);
                return true;
            case DateOnly date:
                text = TemporalText.FormatDate(date);
                return true;
            case DateTime dt:
                text = TemporalText.FormatDateTime(dt);
                return true;
            case DateTimeOffset dto:
                text = TemporalText.FormatDateTimeOffset(dto);
                return true;
            case byte[] bytes:
                try
                {
                    text = StrictUtf8.GetString(bytes);
                    return true;
                }
                catch (DecoderFallbackException)
                {
                    text = string.Empty;
                    reason = "the bytes are not valid UTF-8";
                    return false;
                }

            case char c:
                text = c.ToString();
                return true;
            case IFormattable formattable:
                text = formattable.ToString(null, CultureInfo.InvariantCulture);
                return true;
            case IEnumerable:
                var sb = new StringBuilder();
                WriteJson(sb, value);
                text = sb.ToString();
                return true;
            default:
                text = string.Empty;
                reason = $"values of type {value.GetType().Name} have no string form";
                return false;
        }
    }

    /// <summary>Shortest round-trip invariant text, with <c>.0</c> added to integral values (<c>1.0</c>, not <c>1</c>).</summary>
    public static string FormatDouble(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return LooksIntegral(text) ? text + ".0" : text;
    }

    /// <summary>Like <see cref="FormatDouble"/> for single precision (<c>1.1f</c> prints <c>1.1</c>).</summary>
    public static string FormatSingle(float f)
    {
        var text = f.ToString("R", CultureInfo.InvariantCulture);
        return LooksIntegral(text) ? text + ".0" : text;
    }

    /// <summary>How a cell is shown in a table: <c>NULL</c>, strings with control characters escaped, bytes as hex, nested values as JSON.</summary>
    public static string Display(object? value)
    {
        switch (value)
        {
            case null:
                return "NULL";
            case string s:
                return EscapeControl(s);
            case byte[] bytes:
                return Hex(bytes);
            case IEnumerable:
                var sb = new StringBuilder();
                WriteJson(sb, value);
                return EscapeControl(sb.ToString());
            default:
                return TryFormat(value, out var text, out _) ? EscapeControl(text) : value.ToString() ?? string.Empty;
        }
    }

    /// <summary>A short description for error messages: the value (quoted and shortened when a string) and its .NET type.</summary>
    public static string Describe(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = value is string s ? "\"" + Shorten(EscapeControl(s)) + "\"" : Shorten(Display(value));
        return $"{text} ({value.GetType().Name})";
    }

    /// <summary>Writes a value as JSON: structs and maps as objects, lists as arrays, NaN/infinity, dates and bytes as strings.</summary>
    public static void WriteJson(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteJsonString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                WriteJsonFloating(sb, FormatDouble(d), double.IsFinite(d));
                break;
            case float f:
                WriteJsonFloating(sb, FormatSingle(f), float.IsFinite(f));
                break;
            case Half h:
                WriteJson(sb, (float)h);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or decimal or Int128 or UInt128:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                WriteJsonString(sb, Hex(bytes));
                break;
            case IReadOnlyDictionary<string, object?> dict:
                {
                    sb.Append('{');
                    var first = true;
                    foreach (var kv in dict)
                    {
                        WriteJsonMember(sb, ref first, kv.Key, kv.Value);
                    }

                    sb.Append('}');
                    break;
                }

            case IDictionary dict:
                {
                    sb.Append('{');
                    var first = true;
                    foreach (DictionaryEntry e in dict)
                    {
                        WriteJsonMember(sb, ref first, KeyText(e.Key), e.Value);
                    }

                    sb.Append('}');
                    break;
                }

            case KeyValuePair<object, object?>[] map:
                {
                    sb.Append('{');
                    var first = true;
                    foreach (var kv in map)
                    {
                        WriteJsonMember(sb, ref first, KeyText(kv.Key), kv.Value);
                    }

                    sb.Append('}');
                    break;
                }

            case IEnumerable items:
                {
                    sb.Append('[');
                    var first = true;
                    foreach (var item in items)
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        WriteJson(sb, item);
                    }

                    sb.Append(']');
                    break;
                }

            default:
                WriteJsonString(sb, TryFormat(value, out var text, out _) ? text : value.ToString() ?? string.Empty);
                break;
        }
    }

    /// <summary>A float as a JSON number, or as a string when it is NaN or infinite (JSON has no such numbers).</summary>
    private static void WriteJsonFloating(StringBuilder sb, string text, bool finite)
    {
        if (finite)
        {
            sb.Append(text);
        }
        else
        {
            WriteJsonString(sb, text);
        }
    }

    /// <summary>One <c>"key":value</c> member of a JSON object, with the comma before all but the first.</summary>
    private static void WriteJsonMember(StringBuilder sb, ref bool first, string key, object? value)
    {
        if (!first)
        {
            sb.Append(',');
        }

        first = false;
        WriteJsonString(sb, key);
        sb.Append(':');
        WriteJson(sb, value);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string KeyText(object? key) =>
        key is null ? "null" : TryFormat(key, out var text, out _) ? text : key.ToString() ?? string.Empty;

    private static bool LooksIntegral(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexString(bytes);

    private static string Shorten(string text) => text.Length <= DescribeLimit ? text : string.Concat(text.AsSpan(0, DescribeLimit - 3), "...");

    private static string EscapeControl(string s)
    {
        var needs = false;
        foreach (var c in s)
        {
            if (char.IsControl(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static void WriteJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
