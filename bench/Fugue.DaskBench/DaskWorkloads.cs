using Fugue.Columnar;
using Fugue.Dask;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;
using Fugue.Workloads;

namespace Fugue.DaskBench;

/// <summary>
/// W3, W4, W5 and W8 of WORKLOADS.md on a <see cref="DaskExecutionEngine"/>, with the steps of the contract:
/// <list type="bullet">
/// <item>load: <c>LoadDf</c> (file-reading tasks on the workers) persisted on the cluster (materialised, not deferred);</item>
/// <item>compute: the transformers of <c>Fugue.Workloads</c> shipped by registry name, persisted (or collected);</item>
/// <item>save: <c>SaveDf</c> as a folder of Parquet part files, one per partition, written by the workers.</item>
/// </list>
/// Check values are computed after the timed steps on the cluster (a per-partition partial sum, collected).
/// W5's aggregate is a per-partition partial sum fused with the join (the engine's SQL aggregates run in the driver).
/// </summary>
public sealed class DaskWorkloads(DaskExecutionEngine engine, string dataDir, string size, StepTimer timer, Action? computeStarts = null)
{
    private string FactParquet => Path.Combine(dataDir, $"fact_{size}.parquet");

    private string DimParquet => Path.Combine(dataDir, "dim.parquet");

    /// <summary>The output folder of a workload (deleted before the run).</summary>
    public string OutPath(string workload)
    {
        var dir = Path.Combine(dataDir, "out");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"fugue-dask_{workload}_{size}.parquet");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        File.Delete(path);
        return path;
    }

    /// <summary>Runs a workload and returns its check values.</summary>
    public Dictionary<string, double> Run(string workload) => workload switch
    {
        "W3" => W3(),
        "W4" => W4(),
        "W5" => W5(),
        "W8" => W8(),
        _ => throw new ArgumentException($"the Dask bench runs W3, W4, W5 and W8, not '{workload}'"),
    };

    private T Compute<T>(Func<T> step)
    {
        computeStarts?.Invoke();
        return timer.Step("compute", step);
    }

    private DataFrame LoadFact() => timer.Step("load", () => engine.Persist(engine.LoadDf(FactParquet)));

    private Dictionary<string, double> W3()
    {
        var fact = LoadFact();
        var output = OutPath("W3");
        var result = Compute(() => engine.Persist(engine.Transform(fact, TransformerRegistry.NameOf((Func<RecordBatch, RecordBatch>)WorkloadTransformers.AddC))));
        timer.Step("save", () => engine.SaveDf(result, output, partitionSpec: PartitionSpec.Num(((DaskDataFrame)result).PartitionCount)));
        var sums = Totals(engine.Map(result, PartialW3, Schema.Parse("rows:long,sum_c:double")));
        return new() { ["rows"] = sums[0], ["sum_c"] = sums[1] };
    }

    private Dictionary<string, double> W4()
    {
        var fact = LoadFact();
        var output = OutPath("W4");
        var result = Compute(() => engine.Persist(engine.Transform(
            fact,
            TransformerRegistry.NameOf((Func<RecordBatch, RecordBatch>)WorkloadTransformers.CumulativeA),
            new PartitionSpec(by: ["key"], presort: "ts,id"))));
        timer.Step("save", () => engine.SaveDf(result, output, partitionSpec: PartitionSpec.Num(((DaskDataFrame)result).PartitionCount)));
        var sums = Totals(engine.Map(result, PartialW4, Schema.Parse("rows:long,sum_rn:double,sum_cum_a:double,sum_a_rn:double")));
        return new() { ["rows"] = sums[0], ["sum_rn"] = sums[1], ["sum_cum_a"] = sums[2], ["sum_a_rn"] = sums[3] };
    }

    private Dictionary<string, double> W5()
    {
        var (fact, dim) = timer.Step("load", () => (engine.Persist(engine.LoadDf(FactParquet)), engine.Persist(engine.LoadDf(DimParquet))));
        var (inner, left) = Compute(() =>
        {
            // column pruning as the native run does; the join and the partial sum run in one task per bucket
            var f = fact.SelectColumns("key", "a");
            var d = dim.SelectColumns("key", "weight");
            double[] Agg(JoinType how) => Totals(engine.Map(engine.Join(f, d, how, ["key"]), PartialW5, Schema.Parse("n:long,s:double")));
            return (Agg(JoinType.Inner), Agg(JoinType.LeftOuter));
        });
        return new() { ["inner_rows"] = inner[0], ["inner_sum"] = inner[1], ["left_rows"] = left[0], ["left_sum"] = left[1] };
    }

    private Dictionary<string, double> W8()
    {
        var (fact, dim) = timer.Step("load", () => (engine.Persist(engine.LoadDf(FactParquet)), engine.Persist(engine.LoadDf(DimParquet))));
        var rows = Compute(() =>
        {
            var zipped = engine.Zip(
                new DataFrames([KeyValuePair.Create("fact", fact), KeyValuePair.Create("dim", dim)]),
                JoinType.FullOuter,
                PartitionSpec.By("key"));
            var name = TransformerRegistry.NameOf((Func<LocalDataFrame, LocalDataFrame, PartitionCursor, KeyCounts>)WorkloadTransformers.CountSides);
            return engine.CoTransform(zipped, TransformerHandle.FromName(name)).AsArray();
        });
        return CoGroupChecks.Of(rows);
    }

    /// <summary>Sums the collected per-partition partial rows column by column (every value is exact in binary64).</summary>
    private static double[] Totals(DataFrame partials)
    {
        var rows = partials.AsArray();
        var result = new double[partials.Schema.Count];
        foreach (var r in rows)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += Convert.ToDouble(r[i]);
            }
        }

        return result;
    }

    private static LocalDataFrame PartialW3(PartitionCursor cursor, LocalDataFrame df)
    {
        long rows = 0;
        double sum = 0;
        foreach (var b in df.AsBatches())
        {
            foreach (var c in ((PrimitiveColumn<double>)b.Column("c")).Values)
            {
                sum += c;
            }

            rows += b.Length;
        }

        return new ArrayDataFrame([[rows, sum]], Schema.Parse("rows:long,sum_c:double"));
    }

    private static LocalDataFrame PartialW4(PartitionCursor cursor, LocalDataFrame df)
    {
        long rows = 0;
        double sumRn = 0, sumCum = 0, sumARn = 0;
        foreach (var b in df.AsBatches())
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

        return new ArrayDataFrame([[rows, sumRn, sumCum, sumARn]], Schema.Parse("rows:long,sum_rn:double,sum_cum_a:double,sum_a_rn:double"));
    }

    private static LocalDataFrame PartialW5(PartitionCursor cursor, LocalDataFrame df)
    {
        long rows = 0;
        double sum = 0;
        foreach (var b in df.AsBatches())
        {
            var a = ((PrimitiveColumn<double>)b.Column("a")).Values;
            var weight = (PrimitiveColumn<double>)b.Column("weight");
            var w = weight.Values;
            for (var i = 0; i < b.Length; i++)
            {
                if (weight.IsValid(i))
                {
                    sum += w[i] * a[i];
                }
            }

            rows += b.Length;
        }

        return new ArrayDataFrame([[rows, sum]], Schema.Parse("n:long,s:double"));
    }
}
