using System.Collections;
using System.Globalization;
using System.Text;

namespace Fugue.Runtime.Tests.Frames;

/// <summary>Type-strict structural rendering of values so row assertions compare both types and contents with readable diffs.</summary>
internal static class Rows
{
    public static object?[] R(params object?[] values) => values;

    /// <summary>A one-column row (avoids a single array argument being taken as the params array).</summary>
    public static object?[] One(object? value) => [value];

    public static void Equal(IEnumerable<object?[]> expected, IEnumerable<object?[]> actual) =>
        Assert.Equal(Render(expected), Render(actual));

    public static void Equal(object? expected, object? actual) => Assert.Equal(Render(expected), Render(actual));

    public static string Render(IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            Write(sb, row);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string Render(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append("str:\"").Append(s).Append('"');
                break;
            case byte[] b:
                sb.Append("bytes:").Append(Convert.ToHexString(b));
                break;
            case DateTime dt:
                sb.Append("DateTime(").Append(dt.Kind).Append("):").Append(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> d:
                sb.Append("struct{");
                foreach (var kv in d)
                {
                    sb.Append(kv.Key).Append('=');
                    Write(sb, kv.Value);
                    sb.Append(';');
                }

                sb.Append('}');
                break;
            case KeyValuePair<object, object?>[] map:
                sb.Append("map<");
                foreach (var kv in map)
                {
                    Write(sb, kv.Key);
                    sb.Append("=>");
                    Write(sb, kv.Value);
                    sb.Append(';');
                }

                sb.Append('>');
                break;
            case object?[] list:
                sb.Append('[');
                foreach (var item in list)
                {
                    Write(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case IEnumerable e:
                sb.Append(value.GetType().Name).Append('[');
                foreach (var item in e)
                {
                    Write(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case IFormattable f:
                sb.Append(value.GetType().Name).Append(':').Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value.GetType().Name).Append(':').Append(value);
                break;
        }
    }
}
