using System.Globalization;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Schemas;

namespace Quickstart;

/// <summary>
/// A small, realistic and deterministic data set (same seed, same data): an online store's customers, one year of
/// orders and the regions' revenue targets, written as CSV files with headers, as they would arrive from elsewhere.
/// </summary>
public static class SampleData
{
    /// <summary>The schema of orders.csv (the loader casts to it).</summary>
    public const string OrdersSchema = "OrderId:long,CustomerId:int,Ts:datetime,Product:str,Category:str,Quantity:int,UnitPrice:double";

    /// <summary>The schema of customers.csv.</summary>
    public const string CustomersSchema = "CustomerId:int,Name:str,Segment:str,Region:str";

    /// <summary>The schema of targets.csv.</summary>
    public const string TargetsSchema = "Region:str,Revenue:double";

    private static readonly string[] Regions = ["East", "West", "Central", "South"];
    private static readonly string[] Segments = ["Consumer", "Corporate", "Home Office"];
    private static readonly string[] FirstNames = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Mei", "Nora", "Omar", "Priya"];
    private static readonly string[] LastNames = ["Okafor", "Schmidt", "Tanaka", "Garcia", "Novak", "Haddad", "Kowalski", "Rossi", "Larsen", "Dubois", "Mensah", "Silva"];

    private static readonly (string Product, string Category, double Price)[] Catalog =
    [
        ("Desk Lamp", "Furniture", 34.99), ("Office Chair", "Furniture", 189.00), ("Bookcase", "Furniture", 129.50),
        ("Standing Desk", "Furniture", 449.00), ("Laptop Stand", "Technology", 39.90), ("Wireless Mouse", "Technology", 24.99),
        ("Monitor 27\"", "Technology", 279.00), ("USB-C Hub", "Technology", 49.00), ("Headset", "Technology", 89.00),
        ("Notebook A5", "Office Supplies", 4.50), ("Gel Pens (12)", "Office Supplies", 9.90), ("Stapler", "Office Supplies", 12.75),
        ("Printer Paper", "Office Supplies", 7.99), ("Sticky Notes", "Office Supplies", 3.25),
    ];

    /// <summary>Writes customers.csv, orders.csv and targets.csv into <paramref name="folder"/> with <paramref name="engine"/>.</summary>
    public static void Write(ExecutionEngine engine, string folder, int customers, int orders)
    {
        var random = new Random(20240101);
        var customerRows = new List<object?[]>(customers);
        var customerRegion = new string[customers + 1];
        for (var id = 1; id <= customers; id++)
        {
            var region = Regions[random.Next(Regions.Length)];
            customerRegion[id] = region;
            var name = FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)];
            customerRows.Add([id, name, Segments[Weighted(random, 0.5, 0.3)], region]);
        }

        var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Unspecified);
        var orderRows = new List<object?[]>(orders);
        for (var i = 0; i < orders; i++)
        {
            // A few loyal customers order much more often than the rest (a skew a partitioned step must handle).
            var customer = random.NextDouble() < 0.2 ? 1 + random.Next(Math.Max(1, customers / 20)) : 1 + random.Next(customers);
            var (product, category, price) = Catalog[random.Next(Catalog.Length)];
            var ts = start.AddMinutes(random.Next(366 * 24 * 60 / 2) * 2.0);
            orderRows.Add([100_000L + i, customer, ts, product, category, 1 + Weighted(random, 0.6, 0.25) + random.Next(2), price]);
        }

        var targetRows = Regions.Select((r, i) => new object?[] { r, 850_000.0 + (i * 100_000.0) }).ToList();

        var header = new Dictionary<string, object?> { ["header"] = true };
        engine.SaveDf(new ArrayDataFrame(customerRows, Schema.Parse(CustomersSchema)), Path.Combine(folder, "customers.csv"), options: header);
        engine.SaveDf(new ArrayDataFrame(orderRows, Schema.Parse(OrdersSchema)), Path.Combine(folder, "orders.csv"), options: header);
        engine.SaveDf(new ArrayDataFrame(targetRows, Schema.Parse(TargetsSchema)), Path.Combine(folder, "targets.csv"), options: header);
    }

    /// <summary>0 with probability <paramref name="p0"/>, 1 with <paramref name="p1"/>, else 2.</summary>
    private static int Weighted(Random random, double p0, double p1)
    {
        var x = random.NextDouble();
        return x < p0 ? 0 : x < p0 + p1 ? 1 : 2;
    }

    /// <summary>Formats a value for a table cell (invariant culture; money with two decimals).</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("#,0.00##", CultureInfo.InvariantCulture),
        float f => f.ToString("#,0.00##", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
