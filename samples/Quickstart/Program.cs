// Quickstart: an online store's year of orders, end to end on one engine.
//
//   dotnet run -c Release --project samples/Quickstart                   # in process (NativeExecutionEngine)
//   dotnet run -c Release --project samples/Quickstart -- --engine dask  # the same pipeline on a local Dask cluster
//
// Options: --out <folder> (default: a folder in the temp directory), --orders <n>, --customers <n>.
// Steps: write a CSV data set -> load it -> a typed transformer per customer (partition + presort) -> a join ->
// a co-transformer over two zipped frames -> SQL through SqliteEngine -> save Parquet (and read it back).
using System.Diagnostics;
using System.Globalization;
using Fugue.Api;
using Fugue.Dask;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;
using Quickstart;
using Spectre.Console;

var options = Options.Parse(args);
if (Console.IsOutputRedirected)
{
    // Not a terminal (a pipe, a CI log): plain text, wide enough for the tables, steps as lines instead of live bars.
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Console.Out),
    });
    AnsiConsole.Profile.Width = 160;
}

AnsiConsole.Write(new Rule("[bold]Fugue.NET quickstart[/]").LeftJustified());
AnsiConsole.MarkupLineInterpolated($"engine: [bold]{options.Engine}[/], output folder: [bold]{options.Out}[/]");

DaskLocalCluster? cluster = null;
try
{
    ExecutionEngine engine;
    if (options.Engine == "dask")
    {
        // Scheduler + 2 workers on 127.0.0.1 (python3 with dask.distributed; see docs/dask.md). The workers start this
        // sample's executors from its output folder, so the same transformers run there.
        cluster = AnsiConsole.Status().Start("starting a local Dask cluster...", _ => DaskExecutionEngine.StartLocalCluster(workers: 2));
        engine = new DaskExecutionEngine(cluster.Conf);
    }
    else
    {
        // An engine by name, as Fugue's make_execution_engine ("native" is built in).
        engine = ExecutionEngineFactory.Make(options.Engine);
    }

    using (engine)
    {
        return Run(engine, options);
    }
}
finally
{
    cluster?.Dispose();
}

static int Run(ExecutionEngine engine, Options options)
{
    var data = Path.Combine(options.Out, "data");
    var output = Path.Combine(options.Out, "orders_enriched.parquet");
    Directory.CreateDirectory(data);
    var header = new Dictionary<string, object?> { ["header"] = true };
    var watch = Stopwatch.StartNew();

    EngineFrame orders = null!, customers = null!, targets = null!, history = null!, enriched = null!, scores = null!, bySegment = null!, topCustomers = null!;
    long saved = 0;
    StepRunner.Run(engine, step =>
    {
        step($"write the data set ({options.Customers:N0} customers, {options.Orders:N0} orders) as CSV", () => SampleData.Write(engine, data, options.Customers, options.Orders));

        step("load the CSV files", () =>
        {
            orders = engine.LoadDf(Path.Combine(data, "orders.csv"), null, SampleData.OrdersSchema, header).On(engine).Persist();
            customers = engine.LoadDf(Path.Combine(data, "customers.csv"), null, SampleData.CustomersSchema, header).On(engine).Persist();
            targets = engine.LoadDf(Path.Combine(data, "targets.csv"), null, SampleData.TargetsSchema, header).On(engine).Persist();
        });

        // A typed transformer, once per customer, on the customer's orders in time order.
        step("transform: customer history (partition by CustomerId, presort Ts)", () =>
            history = orders.Transform(Pipelines.CustomerHistory, partition: PartitionSpec.By("CustomerId").WithPresort("Ts")).Persist());

        step("join: orders LEFT OUTER JOIN customers", () =>
            enriched = history.LeftOuterJoin(customers, on: ["CustomerId"]).Persist());

        // Zip the orders and the targets by region, then run the co-transformer once per region on both.
        step("co-transform: region score (zip orders + targets by Region)", () =>
        {
            var zipped = engine.Zip(DataFrames.Of(("orders", (DataFrame)enriched), ("targets", (DataFrame)targets)), JoinType.LeftOuter, PartitionSpec.By("Region"));
            scores = engine.CoTransform(zipped, Pipelines.ScoreRegion).On(engine).Persist();
        });

        step("SQL (SqliteEngine): revenue by segment, top customers", () =>
        {
            var sql = new SqliteEngine(engine);
            var tables = DataFrames.Of(("orders", (DataFrame)enriched));
            bySegment = sql.Select(tables, """
                SELECT Segment, COUNT(*) AS Orders, COUNT(DISTINCT CustomerId) AS Customers,
                       ROUND(SUM(Amount), 2) AS Revenue, ROUND(AVG(Amount), 2) AS AvgOrder
                FROM orders GROUP BY Segment ORDER BY Revenue DESC
                """).On(engine).Persist();
            topCustomers = sql.Select(tables, """
                SELECT CustomerId, Name, Region, MAX(OrderNo) AS Orders, MAX(LifetimeValue) AS LifetimeValue
                FROM orders GROUP BY CustomerId, Name, Region ORDER BY LifetimeValue DESC, CustomerId LIMIT 5
                """).On(engine).Persist();
        });

        step("save Parquet (and read it back)", () =>
        {
            enriched.Save(output);
            saved = engine.LoadDf(output).Count();
        });
    });

    Show(history.Take(5, presort: "CustomerId,OrderNo").Frame, "customer history (first rows)");
    Show(scores.Frame, "co-transform: region scores", sortBy: "Region");
    Show(bySegment.Frame, "SQL: revenue by segment");
    Show(topCustomers.Frame, "SQL: top customers by lifetime value");

    var totalRevenue = scores.AsArray().Sum(r => (double)r[3]!);
    AnsiConsole.Write(new Panel(new Rows(
            new Markup($"orders: [bold]{orders.Count():N0}[/], customers: [bold]{customers.Count():N0}[/], revenue: [bold]{totalRevenue.ToString("N2", CultureInfo.InvariantCulture)}[/]"),
            new Markup($"saved [bold]{saved:N0}[/] rows to [bold]{Markup.Escape(output)}[/]"),
            new Markup($"done in {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s on [bold]{engine.GetType().Name}[/]")))
        .Header("summary"));
    return 0;
}

static void Show(DataFrame frame, string title, string? sortBy = null)
{
    var schema = frame.Schema;
    var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
    foreach (var field in schema.Fields)
    {
        var column = new TableColumn(Markup.Escape(field.Name));
        table.AddColumn(field.Type.IsNumeric ? column.RightAligned() : column);
    }

    IEnumerable<object?[]> rows = frame.AsArray();
    if (sortBy is not null)
    {
        var index = schema.IndexOf(sortBy);
        rows = rows.OrderBy(r => r[index]?.ToString(), StringComparer.Ordinal);
    }

    foreach (var row in rows)
    {
        table.AddRow(row.Select(v => Markup.Escape(SampleData.Format(v))).ToArray());
    }

    AnsiConsole.Write(table);
    AnsiConsole.MarkupLineInterpolated($"[grey]schema: {string.Join(", ", schema.Fields.Select(f => f.ToString()))}[/]");
    AnsiConsole.WriteLine();
}

/// <summary>Command-line options.</summary>
internal sealed record Options(string Engine, string Out, int Orders, int Customers)
{
    public static Options Parse(string[] args)
    {
        var engine = "native";
        var outFolder = Path.Combine(Path.GetTempPath(), "fugue-quickstart");
        var orders = 20_000;
        var customers = 500;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--engine":
                    engine = Next().ToLowerInvariant();
                    break;
                case "--out":
                    outFolder = Path.GetFullPath(Next());
                    break;
                case "--orders":
                    orders = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--customers":
                    customers = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'; options: --engine native|dask, --out <folder>, --orders <n>, --customers <n>");
            }
        }

        return new Options(engine, outFolder, orders, customers);
    }
}
