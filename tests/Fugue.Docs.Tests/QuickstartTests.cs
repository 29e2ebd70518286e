using Fugue.Docs.Tests.Infrastructure;
using Fugue.Frames;
using Fugue.Native;

namespace Fugue.Docs.Tests;

/// <summary>
/// Runs samples/Quickstart as the README says (its build output, with a temporary output folder) and checks what it
/// prints and the Parquet file it saves: the per-customer history is numbered in time order with a running total, and
/// every order found its customer in the join.
/// </summary>
public sealed class QuickstartTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    private static readonly string[] Steps =
    [
        "done: write the data set",
        "done: load the CSV files",
        "done: transform: customer history (partition by CustomerId, presort Ts)",
        "done: join: orders LEFT OUTER JOIN customers",
        "done: co-transform: region score (zip orders + targets by Region)",
        "done: SQL (SqliteEngine): revenue by segment, top customers",
        "done: save Parquet (and read it back)",
    ];

    private readonly string _out = Directory.CreateTempSubdirectory("fugue-quickstart-test-").FullName;

    private static string Dll => RepoPaths.Combine("samples", "Quickstart", "bin", RepoPaths.Configuration, "net10.0", "Quickstart.dll");

    private ProcessResult Run(string folder, params string[] extra) =>
        ProcessRunner.Dotnet(RepoPaths.Root, HangGuard, ["exec", Dll, "--out", folder, .. extra]);

    [Fact]
    public void Native_RunsEveryStep_PrintsTheTables_AndSavesTheEnrichedOrders()
    {
        var output = Run(_out).Output;
        foreach (var step in Steps)
        {
            Assert.Contains(step, output, StringComparison.Ordinal);
        }

        foreach (var title in new[] { "customer history (first rows)", "co-transform: region scores", "SQL: revenue by segment", "SQL: top customers by lifetime value" })
        {
            Assert.Contains(title, output, StringComparison.Ordinal);
        }

        Assert.Contains("saved 20,000 rows", output, StringComparison.Ordinal);
        Assert.Contains("on NativeExecutionEngine", output, StringComparison.Ordinal);
        foreach (var region in new[] { "Central", "East", "South", "West" })
        {
            Assert.Contains("│ " + region, output, StringComparison.Ordinal);
        }

        using var engine = new NativeExecutionEngine();
        var saved = engine.LoadDf(Path.Combine(_out, "orders_enriched.parquet"));
        Assert.Equal(
            "OrderId:long,CustomerId:int,Ts:datetime,Product:str,Category:str,Quantity:int,UnitPrice:double,Amount:double,OrderNo:int,DaysSincePrevious:int,LifetimeValue:double,Name:str,Segment:str,Region:str",
            saved.Schema.ToString());
        var rows = saved.AsDicts();
        Assert.Equal(20_000, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r["Segment"]));
        foreach (var customer in rows.GroupBy(r => (int)r["CustomerId"]!))
        {
            var history = customer.OrderBy(r => (int)r["OrderNo"]!).ToList();
            Assert.Equal(Enumerable.Range(1, history.Count), history.Select(r => (int)r["OrderNo"]!));
            Assert.True(history.Zip(history.Skip(1)).All(p => (DateTime)p.First["Ts"]! <= (DateTime)p.Second["Ts"]!), "orders of customer " + customer.Key + " are not in time order");
            Assert.Null(history[0]["DaysSincePrevious"]);
            Assert.Equal(Math.Round(history.Sum(r => (double)r["Amount"]!), 2), (double)history[^1]["LifetimeValue"]!, 6);
        }
    }

    [Fact]
    public void Dask_RunsTheSamePipeline_OnALocalCluster_WithTheSameResult()
    {
        var native = Path.Combine(_out, "native");
        var dask = Path.Combine(_out, "dask");
        Run(native, "--orders", "3000", "--customers", "100");
        var output = Run(dask, "--orders", "3000", "--customers", "100", "--engine", "dask").Output;
        foreach (var step in Steps)
        {
            Assert.Contains(step, output, StringComparison.Ordinal);
        }

        Assert.Contains("saved 3,000 rows", output, StringComparison.Ordinal);
        Assert.Contains("on DaskExecutionEngine", output, StringComparison.Ordinal);

        using var engine = new NativeExecutionEngine();
        static List<string> Sorted(DataFrame df) => df.AsArray().Select(r => string.Join("|", r)).Order(StringComparer.Ordinal).ToList();
        var expected = Sorted(engine.LoadDf(Path.Combine(native, "orders_enriched.parquet")));
        var actual = Sorted(engine.LoadDf(Path.Combine(dask, "orders_enriched.parquet")));
        Assert.Equal(3000, expected.Count);
        Assert.Equal(expected, actual);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }
}
