using System.Globalization;

namespace Fugue.Workloads;

/// <summary>The reference check values of WORKLOADS.md ("Expected check values"); every value is exact.</summary>
public static class ExpectedChecks
{
    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        ["1m W1"] = "rows=1000000",
        ["1m W2"] = "rows=1000000",
        ["1m W7"] = "rows=1000000",
        ["1m W3"] = "rows=1000000, sum_c=10020218.125",
        ["1m W4"] = "rows=1000000, sum_rn=650649769, sum_cum_a=789910940.875, sum_a_rn=-168907767.625",
        ["1m W5"] = "inner_rows=931953, inner_sum=-116749.0947265625, left_rows=1000000, left_sum=-116749.0947265625",
        ["1m W6"] = "groups=1000, cnt=1000000, sum_a=10666.0625, mean_key0=2.8782095766828593, mean_key999=29.467865126676603",
        ["1m W8"] = "groups=1100, fact_cnt=1000000, dim_cnt=1000, keys_no_fact=100, keys_no_dim=100",
        ["10m W1"] = "rows=10000000",
        ["10m W2"] = "rows=10000000",
        ["10m W7"] = "rows=10000000",
        ["10m W3"] = "rows=10000000, sum_c=102146375.125",
        ["10m W4"] = "rows=10000000, sum_rn=65048424118, sum_cum_a=17267506352.625, sum_a_rn=6592230313.1875",
        ["10m W5"] = "inner_rows=9322678, inner_sum=1571466.298828125, left_rows=10000000, left_sum=1571466.298828125",
        ["10m W6"] = "groups=1000, cnt=10000000, sum_a=1079766.5625, mean_key0=1.0580314407083882, mean_key999=-2.9830613528715215",
        ["10m W8"] = "groups=1100, fact_cnt=10000000, dim_cnt=1000, keys_no_fact=100, keys_no_dim=100",
    };

    /// <summary>The expected values of a workload and size, or null when the table has none (a custom size).</summary>
    public static IReadOnlyDictionary<string, double>? For(string size, string workload)
    {
        if (!Table.TryGetValue(size + " " + workload, out var text))
        {
            return null;
        }

        return text.Split(", ").Select(p => p.Split('=')).ToDictionary(
            p => p[0], p => double.Parse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>The differences between actual and expected checks (binary64 equality; all check values fit exactly).</summary>
    public static List<string> Compare(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        var bad = new List<string>();
        foreach (var (name, want) in expected)
        {
            if (!actual.TryGetValue(name, out var got))
            {
                bad.Add($"{name}: missing (expected {Format(want)})");
            }
            else if (!want.Equals(got))
            {
                bad.Add($"{name}: got {Format(got)}, expected {Format(want)}");
            }
        }

        return bad;
    }

    /// <summary>Shortest round-trip text of a number, as JavaScript prints it for the values used here.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
