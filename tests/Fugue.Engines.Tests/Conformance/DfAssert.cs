using System.Globalization;
using System.Text;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

/// <summary>
/// Fugue's <c>df_eq</c> for tests: compares the schema, then the rows (as multisets unless <c>checkOrder</c>), doubles
/// to <c>digits</c> decimals, with null equal to NaN. Expected rows are converted to the schema first, so <c>1</c> can
/// stand for a long or a double.
/// </summary>
public static class DfAssert
{
    /// <summary>Asserts that <paramref name="actual"/> has <paramref name="schema"/> and exactly <paramref name="rows"/> (any order).</summary>
    public static void Equal(DataFrame actual, string schema, params object?[][] rows) => Equal(actual, schema, rows, checkOrder: false);

    /// <summary>Asserts that <paramref name="actual"/> has <paramref name="schema"/> and exactly <paramref name="rows"/> in that order.</summary>
    public static void EqualOrdered(DataFrame actual, string schema, params object?[][] rows) => Equal(actual, schema, rows, checkOrder: true);

    /// <summary>Asserts schema and rows; see the class summary.</summary>
    public static void Equal(DataFrame actual, string schema, IEnumerable<object?[]> rows, bool checkOrder, int digits = 8)
    {
        var expected = new ArrayDataFrame(rows, Schema.Parse(schema));
        Equal(actual, expected, checkOrder, digits);
    }

    /// <summary>Asserts that two frames have the same schema and rows.</summary>
    public static void Equal(DataFrame actual, DataFrame expected, bool checkOrder = false, int digits = 8)
    {
        Assert.Equal(expected.Schema.ToString(), actual.Schema.ToString());
        var a = actual.AsArray().Select(r => Render(r, digits)).ToList();
        var e = expected.AsArray().Select(r => Render(r, digits)).ToList();
        if (!checkOrder)
        {
            a.Sort(StringComparer.Ordinal);
            e.Sort(StringComparer.Ordinal);
        }

        Assert.Equal(string.Join("\n", e), string.Join("\n", a));
    }

    /// <summary>A row as comparable text.</summary>
    public static string Render(object?[] row, int digits = 8)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" | ");
            }

            Append(sb, row[i], digits);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int digits)
    {
        switch (value)
        {
            case null:
                sb.Append("NULL");
                break;
            case double d:
                AppendDouble(sb, d, digits);
                break;
            case float f:
                AppendDouble(sb, f, digits);
                break;
            case Half h:
                AppendDouble(sb, (double)h, digits);
                break;
            case string s:
                sb.Append('"').Append(s).Append('"');
                break;
            case byte[] bytes:
                sb.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case DateTime dt:
                sb.Append(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case object?[] list:
                sb.Append('[');
                for (var i = 0; i < list.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, list[i], digits);
                }

                sb.Append(']');
                break;
            case IReadOnlyDictionary<string, object?> dict:
                sb.Append('{');
                foreach (var kv in dict)
                {
                    sb.Append(kv.Key).Append(':');
                    Append(sb, kv.Value, digits);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            case KeyValuePair<object, object?>[] map:
                sb.Append('<');
                foreach (var kv in map)
                {
                    Append(sb, kv.Key, digits);
                    sb.Append(':');
                    Append(sb, kv.Value, digits);
                    sb.Append(',');
                }

                sb.Append('>');
                break;
            case IFormattable formattable:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static void AppendDouble(StringBuilder sb, double d, int digits)
    {
        if (double.IsNaN(d))
        {
            sb.Append("NULL");
            return;
        }

        var r = Math.Round(d, digits);
        sb.Append((r == 0 ? 0.0 : r).ToString("R", CultureInfo.InvariantCulture));
    }
}
