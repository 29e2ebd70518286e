namespace Quickstart;

// Row types: the Fugue generator maps each record to a schema (property name = column name) and writes the
// readers and writers the engines use; a mismatch with a transformer's declared schema is a compile error (FUGnnn).

/// <summary>An order line of orders.csv.</summary>
public sealed record Order(long OrderId, int CustomerId, DateTime Ts, string Product, string Category, int Quantity, double UnitPrice);

/// <summary>An order with its amount and its place in the customer's history (the output of <see cref="Pipelines.CustomerHistory"/>).</summary>
public sealed record OrderHistory(
    long OrderId, int CustomerId, DateTime Ts, string Product, string Category, int Quantity, double UnitPrice,
    double Amount, int OrderNo, int? DaysSincePrevious, double LifetimeValue);

/// <summary>What the regional score reads of an enriched order (a frame may have more columns than a row type reads).</summary>
public sealed record RegionalOrder(string Region, int CustomerId, double Amount);

/// <summary>A region's yearly revenue target (targets.csv).</summary>
public sealed record Target(string Region, double Revenue);

/// <summary>A region's result against its target (the output of <see cref="Pipelines.ScoreRegion"/>).</summary>
public sealed record RegionScore(string Region, long Orders, long Customers, double Revenue, double Target, double Attainment);
