using System.Globalization;
using Fugue.DataFrames;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>Fugue's <c>df_eq</c>: same schema and the same rows (in any order unless asked), doubles compared to 8 digits.</summary>
internal static class FrameAssert
{
    public static void Equal(DataFrame actual, string schema, IEnumerable<object?[]> rows, bool checkOrder = false)
    {
        Assert.Equal(Schema.Parse(schema), actual.Schema);
        var expected = rows.Select(Key).ToList();
        var got = actual.AsArray().Select(Key).ToList();
        if (!checkOrder)
        {
            expected.Sort(StringComparer.Ordinal);
            got.Sort(StringComparer.Ordinal);
        }

        Assert.Equal(expected, got);
    }

    public static void Equal(DataFrame actual, string schema, params object?[][] rows) => Equal(actual, schema, (IEnumerable<object?[]>)rows);

    private static string Key(object?[] row) => string.Join("|", row.Select(Cell));

    private static string Cell(object? v) => v switch
    {
        null => "NULL",
        double d => Math.Round(d, 8).ToString("R", CultureInfo.InvariantCulture),
        float f => Math.Round((double)f, 6).ToString("R", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + v.GetType().Name,
        _ => v.ToString() + ":" + v.GetType().Name,
    };
}
