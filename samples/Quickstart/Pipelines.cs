using Fugue.Transformers;

namespace Quickstart;

/// <summary>The sample's extensions: plain typed static methods, turned into engine-ready adapters by the generator.</summary>
public static class Pipelines
{
    /// <summary>
    /// Runs once per customer (partition by CustomerId), on that customer's orders sorted by time (presort Ts): numbers
    /// the orders, measures the gap since the previous one and keeps a running lifetime value.
    /// </summary>
    [Transformer("*,Amount:double,OrderNo:int,DaysSincePrevious:int,LifetimeValue:double")]
    public static IEnumerable<OrderHistory> CustomerHistory(IEnumerable<Order> orders)
    {
        var number = 0;
        var lifetime = 0.0;
        DateTime? previous = null;
        foreach (var o in orders)
        {
            var amount = Math.Round(o.Quantity * o.UnitPrice, 2);
            lifetime = Math.Round(lifetime + amount, 2);
            int? gap = previous is { } p ? (int)(o.Ts - p).TotalDays : null;
            previous = o.Ts;
            yield return new OrderHistory(o.OrderId, o.CustomerId, o.Ts, o.Product, o.Category, o.Quantity, o.UnitPrice, amount, ++number, gap, lifetime);
        }
    }

    /// <summary>
    /// A co-transformer: runs once per region on the region's orders and the region's target together (the two frames
    /// are zipped by Region; the parameter names bind the zipped frames by name).
    /// </summary>
    [CoTransformer("Region:str,Orders:long,Customers:long,Revenue:double,Target:double,Attainment:double")]
    public static RegionScore ScoreRegion(IEnumerable<RegionalOrder> orders, IReadOnlyList<Target> targets)
    {
        string? region = null;
        long count = 0;
        var customers = new HashSet<int>();
        var revenue = 0.0;
        foreach (var o in orders)
        {
            region = o.Region;
            count++;
            customers.Add(o.CustomerId);
            revenue += o.Amount;
        }

        var target = targets.Count == 0 ? 0.0 : targets[0].Revenue;
        region ??= targets.Count == 0 ? "?" : targets[0].Region;
        revenue = Math.Round(revenue, 2);
        return new RegionScore(region, count, customers.Count, revenue, target, target == 0 ? 0 : Math.Round(revenue / target, 4));
    }
}
