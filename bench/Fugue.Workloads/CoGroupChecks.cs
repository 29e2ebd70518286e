namespace Fugue.Workloads;

/// <summary>W8's check values from its collected result rows (<c>key, fact_cnt, dim_cnt</c>); shared by every runner.</summary>
public static class CoGroupChecks
{
    /// <summary><c>groups</c>, <c>fact_cnt</c>, <c>dim_cnt</c>, <c>keys_no_fact</c> and <c>keys_no_dim</c> of WORKLOADS.md.</summary>
    public static Dictionary<string, double> Of(IReadOnlyList<object?[]> rows)
    {
        double factCnt = 0, dimCnt = 0, noFact = 0, noDim = 0;
        foreach (var r in rows)
        {
            var fc = Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture);
            var dc = Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture);
            factCnt += fc;
            dimCnt += dc;
            noFact += fc == 0 ? 1 : 0;
            noDim += dc == 0 ? 1 : 0;
        }

        return new() { ["groups"] = rows.Count, ["fact_cnt"] = factCnt, ["dim_cnt"] = dimCnt, ["keys_no_fact"] = noFact, ["keys_no_dim"] = noDim };
    }
}
