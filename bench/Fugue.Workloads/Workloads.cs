using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Transformers;
using static Fugue.Expressions.Functions;

namespace Fugue.Workloads;

/// <summary>
/// W1-W8 of WORKLOADS.md on the <see cref="NativeExecutionEngine"/>. Each workload times its steps (load, compute,
/// save) through <see cref="StepTimer"/>; the check values are computed afterwards, untimed, from what the steps
/// produced (the collected result, or the materialised frame that was saved).
/// </summary>
public sealed class Workloads(RunOptions options, StepTimer timer)
{
    private readonly NativeExecutionEngine _engine = new();

    private string FactParquet => Path.Combine(options.DataDir, $"fact_{options.Size}.parquet");

    private string FactCsv => Path.Combine(options.DataDir, $"fact_{options.Size}.csv");

    private string DimParquet => Path.Combine(options.DataDir, "dim.parquet");

    private string OutFile
    {
        get
        {
            var dir = Path.Combine(options.DataDir, "out");
            Directory.CreateDirectory(dir);
            var f = Path.Combine(dir, $"{options.System}_{options.Workload}_{options.Size}.parquet");
            File.Delete(f);
            return f;
        }
    }

    private static int Threads => Environment.ProcessorCount;

    /// <summary>Runs the workload named in the options and returns its check values.</summary>
    public Dictionary<string, double> Run() => options.Workload switch
    {
        "W1" => W1(),
        "W2" => W2(),
        "W3" => W3(),
        "W4" => W4(),
        "W5" => W5(),
        "W6" => options.W6Native ? W6Native() : W6Sql(),
        "W7" => W7(),
        "W8" => W8(),
        _ => throw new ArgumentException($"unknown workload '{options.Workload}'; expected W1..W8"),
    };

    private ColumnarDataFrame LoadFact() => timer.Step("load", () => DataFiles.LoadParquet(_engine, FactParquet));

    private Dictionary<string, double> W1()
    {
        var fact = LoadFact();
        var rows = timer.Step("compute", fact.Count);
        return new() { ["rows"] = rows };
    }

    private Dictionary<string, double> W2()
    {
        var fact = timer.Step("load", () => DataFiles.LoadFactCsv(_engine, FactCsv));
        var rows = timer.Step("compute", fact.Count);
        return new() { ["rows"] = rows };
    }

    private Dictionary<string, double> W3()
    {
        var fact = LoadFact();
        var output = OutFile;
        var result = timer.Step("compute", () =>
        {
            var t = options.W3Rows
                ? TransformerRegistry.Get((Func<IEnumerable<FactRow>, IEnumerable<FactRowC>>)WorkloadTransformers.AddCRows).CreateTransformer()
                : TransformerRegistry.Get((Func<RecordBatch, RecordBatch>)WorkloadTransformers.AddC).CreateTransformer();
            // partition num = cores: one call per contiguous chunk, the chunks run in parallel (Fugue's partition={"num":n})
            var mapped = _engine.Map(fact, t.Transform, t.GetOutputSchema(fact.Schema), PartitionSpec.Num(Threads));
            return (ColumnarDataFrame)_engine.Persist(mapped);
        });
        timer.Step("save", () => DataFiles.SaveParquet(_engine, result, output));

        double sumC = 0;
        long rows = 0;
        foreach (var b in result.Batches)
        {
            foreach (var c in ((PrimitiveColumn<double>)b.Column("c")).Values)
            {
                sumC += c;
            }

            rows += b.Length;
        }

        return new() { ["rows"] = rows, ["sum_c"] = sumC };
    }

    private Dictionary<string, double> W4()
    {
        var fact = LoadFact();
        var output = OutFile;
        var result = timer.Step("compute", () =>
        {
            var t = TransformerRegistry.Get((Func<RecordBatch, RecordBatch>)WorkloadTransformers.CumulativeA).CreateTransformer();
            var spec = new PartitionSpec(by: ["key"], presort: "ts,id");
            var mapped = _engine.Map(fact, t.Transform, t.GetOutputSchema(fact.Schema), spec);
            return (ColumnarDataFrame)_engine.Persist(mapped);
        });
        timer.Step("save", () => DataFiles.SaveParquet(_engine, result, output));

        long rows = 0, sumRn = 0;
        double sumCum = 0, sumARn = 0;
        foreach (var b in result.Batches)
        {
            var a = ((PrimitiveColumn<double>)b.Column("a")).Values;
            var cum = ((PrimitiveColumn<double>)b.Column("cum_a")).Values;
            var rn = ((PrimitiveColumn<long>)b.Column("rn")).Values;
            for (var i = 0; i < b.Length; i++)
            {
                sumRn += rn[i];
                sumCum += cum[i];
                sumARn += a[i] * rn[i];
            }

            rows += b.Length;
        }

        return new() { ["rows"] = rows, ["sum_rn"] = sumRn, ["sum_cum_a"] = sumCum, ["sum_a_rn"] = sumARn };
    }

    private Dictionary<string, double> W5()
    {
        var (fact, dim) = timer.Step("load", () => (DataFiles.LoadParquet(_engine, FactParquet), DataFiles.LoadParquet(_engine, DimParquet)));
        var (inner, left) = timer.Step("compute", () =>
        {
            // the joins read only the columns the aggregates use (the SQL peers' column pruning, done by hand)
            var f = fact.SelectColumns("key", "a");
            var d = dim.SelectColumns("key", "weight");
            object?[] Agg(JoinType how) => _engine.Aggregate(
                    _engine.Join(f, d, how, ["key"]),
                    null,
                    CountAll().Alias("n"),
                    Sum(Col("weight") * Col("a")).Alias("s"))
                .AsArray()[0];
            return (Agg(JoinType.Inner), Agg(JoinType.LeftOuter));
        });
        return new()
        {
            ["inner_rows"] = Convert.ToDouble(inner[0]),
            ["inner_sum"] = Convert.ToDouble(inner[1]),
            ["left_rows"] = Convert.ToDouble(left[0]),
            ["left_sum"] = Convert.ToDouble(left[1]),
        };
    }

    private const string W6Sql_ = "SELECT key, count(*) AS cnt, sum(a) AS sum_a, avg(a) AS mean_a FROM fact GROUP BY key ORDER BY key";

    private Dictionary<string, double> W6Sql()
    {
        var fact = LoadFact();
        var rows = timer.Step("compute", () =>
            _engine.Select(new DataFrames([KeyValuePair.Create("fact", (DataFrame)fact)]), W6Sql_).AsArray());
        return W6Checks(rows);
    }

    private Dictionary<string, double> W6Native()
    {
        var fact = LoadFact();
        var rows = timer.Step("compute", () =>
        {
            var agg = _engine.Aggregate(
                fact,
                PartitionSpec.By("key"),
                CountAll().Alias("cnt"),
                Sum(Col("a")).Alias("sum_a"),
                Avg(Col("a")).Alias("mean_a"));
            var collected = agg.AsArray();
            collected.Sort((x, y) => ((int)x[0]!).CompareTo((int)y[0]!)); // ORDER BY key, on the 1000 collected rows
            return collected;
        });
        return W6Checks(rows);
    }

    private static Dictionary<string, double> W6Checks(List<object?[]> rows)
    {
        double cnt = 0, sumA = 0, mean0 = double.NaN, mean999 = double.NaN;
        foreach (var r in rows)
        {
            cnt += Convert.ToDouble(r[1]);
            sumA += Convert.ToDouble(r[2]);
            var key = Convert.ToInt32(r[0]);
            if (key == 0)
            {
                mean0 = Convert.ToDouble(r[3]);
            }
            else if (key == 999)
            {
                mean999 = Convert.ToDouble(r[3]);
            }
        }

        return new() { ["groups"] = rows.Count, ["cnt"] = cnt, ["sum_a"] = sumA, ["mean_key0"] = mean0, ["mean_key999"] = mean999 };
    }

    private Dictionary<string, double> W7()
    {
        var fact = LoadFact();
        var output = OutFile;
        timer.Step("save", () => DataFiles.SaveParquet(_engine, fact, output));
        return new() { ["rows"] = fact.Count() };
    }

    private Dictionary<string, double> W8()
    {
        var (fact, dim) = timer.Step("load", () => (DataFiles.LoadParquet(_engine, FactParquet), DataFiles.LoadParquet(_engine, DimParquet)));
        var rows = timer.Step("compute", () =>
        {
            var zipped = _engine.Zip(
                new DataFrames([KeyValuePair.Create("fact", (DataFrame)fact), KeyValuePair.Create("dim", (DataFrame)dim)]),
                JoinType.FullOuter,
                PartitionSpec.By("key"));
            var co = TransformerRegistry.Get((Func<LocalDataFrame, LocalDataFrame, PartitionCursor, KeyCounts>)WorkloadTransformers.CountSides)
                .CreateCoTransformer();
            return _engine.Comap(zipped, co.Transform, co.GetOutputSchema(((ZippedDataFrame)zipped).Inputs)).AsArray();
        });
        return CoGroupChecks.Of(rows);
    }
}
