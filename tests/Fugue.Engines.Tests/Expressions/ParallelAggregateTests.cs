using System.Globalization;
using Fugue.Columnar;
using Fugue.Expressions;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>
/// The parallel partial aggregation (contiguous batch ranges merged in order) gives exactly the sequential result:
/// the same groups in the same first-seen order and the same values, for every aggregation kind and key kind.
/// </summary>
public class ParallelAggregateTests
{
    private static ColumnarDataFrame Data(int rows, int batchRows)
    {
        var schema = Schema.Parse("k:int,s:str,a:long,d:double,e:double");
        var batches = new List<RecordBatch>();
        var builder = new RecordBatchBuilder(schema);
        for (var i = 0; i < rows; i++)
        {
            // keys first seen late, some null; values with nulls; d exact in binary64 so any summation order agrees
            object? k = i % 101 == 0 ? null : (i * 7919 % 5003) - 100;
            object? s = i % 89 == 0 ? null : "s" + (i % 37).ToString(CultureInfo.InvariantCulture);
            object? a = i % 13 == 0 ? null : (long)(i % 1000) - 500;
            object? d = i % 17 == 0 ? null : (i % 64) / 8.0;
            object? e = i % 29 == 0 ? null : (i % 16) / 4.0;
            builder.AppendRow([k, s, a, d, e]);
            if (builder.Length == batchRows)
            {
                batches.Add(builder.Build());
            }
        }

        if (builder.Length > 0)
        {
            batches.Add(builder.Build());
        }

        return new ColumnarDataFrame(schema, batches);
    }

    private static ColumnExpr[] Aggregations() =>
    [
        CountAll().Alias("n"), Count(Col("a")).Alias("na"), Sum(Col("a")).Alias("sa"), Avg(Col("d")).Alias("ad"),
        Sum(Col("d")).Alias("sd"), Min(Col("a")).Alias("mina"), Max(Col("d")).Alias("maxd"), Min(Col("s")).Alias("mins"),
        First(Col("a")).Alias("fa"), Last(Col("s")).Alias("ls"), CountDistinct(Col("s")).Alias("cds"),
    ];

    [Theory]
    [InlineData(null, 50_000)]
    [InlineData("k", 50_000)]
    [InlineData("k", 300_000)]
    [InlineData("s", 40_000)]
    [InlineData("k,s", 70_000)]
    public void ParallelEqualsSequential(string? by, int batchRows)
    {
        var df = Data(300_000, batchRows);
        var spec = by is null ? null : PartitionSpec.By(by.Split(','));
        var select = ExpressionValidation.AggregateColumns(spec, Aggregations());
        var sequential = ColumnarOperations.Select(df, select, parallelism: 1).AsArray();
        var parallel = new NativeExecutionEngine(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 3 })
            .Aggregate(df, spec, Aggregations()).AsArray();
        Assert.Equal(sequential.Count, parallel.Count);
        for (var r = 0; r < sequential.Count; r++)
        {
            Assert.Equal(sequential[r], parallel[r]);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("k")]
    public void FusedSumOfProductsEqualsTheMaterializedProduct(string? by)
    {
        var df = Data(200_000, 30_000);
        var spec = by is null ? null : PartitionSpec.By(by);
        var engine = new NativeExecutionEngine();
        var fused = engine.Aggregate(df, spec, Sum(Col("d") * Col("e")).Alias("s"), Avg(Col("e") * Col("d")).Alias("m")).AsArray();
        var product = (Col("d") * Col("e")).Cast(DataType.Float64);
        var plain = engine.Aggregate(df, spec, Sum(product).Alias("s"), Avg(product).Alias("m")).AsArray();
        Assert.Equal(plain.Count, fused.Count);
        for (var r = 0; r < plain.Count; r++)
        {
            Assert.Equal(plain[r], fused[r]);
        }
    }
}
