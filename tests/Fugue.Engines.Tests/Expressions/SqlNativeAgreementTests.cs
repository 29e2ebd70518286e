using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Engines.Tests.Sql;
using Fugue.Expressions;
using Fugue.Partitioning;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>The default SQL path (SQLite) and the native columnar evaluator give the same schema and rows.</summary>
public class SqlNativeAgreementTests
{
    private static readonly DataFrame Data = MakeData();

    private static DataFrame MakeData()
    {
        var rows = new List<object?[]>();
        var random = new Random(42);
        string?[] words = ["a", "b", "B", "é", null, "a b"];
        for (var i = 0; i < 300; i++)
        {
            rows.Add(
            [
                random.Next(5) == 0 ? null : random.Next(-5, 6),
                random.Next(6) == 0 ? null : (long)random.Next(-1000, 1000),
                random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 10 - 5, 3),
                words[random.Next(words.Length)],
                random.Next(4) == 0 ? null : random.Next(2) == 0,
                random.Next(5) == 0 ? null : new DateOnly(2020, 1, 1).AddDays(random.Next(20)),
                random.Next(5) == 0 ? null : new DateTime(2020, 1, 1).AddSeconds(random.Next(100000) * 1.5),
                random.Next(5) == 0 ? null : (float)random.Next(-100, 100) / 4,
            ]);
        }

        return new ArrayDataFrame(rows, Schema.Parse("i:int,l:long,d:double,s:str,t:bool,dt:date,ts:datetime,f:float"));
    }

    public static TheoryData<string> Selects() =>
    [
        "arith", "compare", "logic", "nulls", "strings", "dates", "casts", "div",
    ];

    private static SelectColumns Columns(string name) => name switch
    {
        "arith" => SelectColumns.Of((Col("i") + Col("l")).Alias("a"), (Col("i") * Col("d")).Alias("b"), (Col("f") - Col("f") * 2).Alias("c"), (-Col("l")).Alias("n"), (Col("i") - 1.5).Alias("m"), (10 - Col("i")).Alias("r"), (2.5f * Col("f")).Alias("g"), (Col("l") * 3L).Alias("h")),
        "compare" => SelectColumns.Of((Col("i") < Col("d")).Alias("a"), (Col("l") >= 3).Alias("b"), (Col("i") == Col("l")).Alias("c"), (Col("f") != Col("d")).Alias("e"), (0 < Col("i")).Alias("p"), (1.5 >= Col("f")).Alias("q"), (Col("i") == 2).Alias("r")),
        "logic" => SelectColumns.Of((Col("t") & (Col("i") > 0)).Alias("a"), (Col("t") | (Col("d") < 0)).Alias("b"), (!Col("t")).Alias("c")),
        "nulls" => SelectColumns.Of(Col("i").IsNull().Alias("a"), Col("s").NotNull().Alias("b"), (Col("i") + Null).Alias("c"), Lit(null).Alias("n")),
        "strings" => SelectColumns.Of(Col("s"), (Col("s") > "a").Alias("gt"), (Col("s") == "a b").Alias("eq")),
        "dates" => SelectColumns.Of(Col("dt"), Col("ts"), (Col("dt") > new DateOnly(2020, 1, 10)).Alias("a"), (Col("ts") <= new DateTime(2020, 1, 2, 3, 0, 0)).Alias("b")),
        "casts" => SelectColumns.Of(Col("i").Cast("str").Alias("a"), Col("d").Cast("long").Alias("b"), Col("t").Cast("int").Alias("c"), Col("l").Cast("double").Alias("e"), Col("dt").Cast("str").Alias("g")),
        _ => SelectColumns.Of((Col("l") / Col("i")).Alias("q"), (Col("d") / 2).Alias("h")),
    };

    [Theory]
    [MemberData(nameof(Selects))]
    public void RowLevelSelectsAgree(string name)
    {
        var sql = new SqlTestEngine().Select(Data, Columns(name));
        var native = ColumnarOperations.Select(Data, Columns(name));
        DfAssert.Equal(native, sql, checkOrder: true);
    }

    public static TheoryData<string> Aggregations() => ["by_i", "by_s_t", "by_dt", "whole", "having", "distinct", "where"];

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void AggregationsAgree(string name)
    {
        ColumnExpr[] aggs =
        [
            Sum(Col("l")).Alias("sl"), Sum(Col("d")).Alias("sd"), Avg(Col("i")).Alias("ai"), Count(Col("s")).Alias("cs"),
            CountAll().Alias("n"), Min(Col("s")).Alias("ms"), Max(Col("dt")).Alias("mdt"), Min(Col("ts")).Alias("mts"),
            Max(Col("t")).Alias("mt"), Min(Col("f")).Alias("mf"), CountDistinct(Col("s")).Alias("ds"), Sum(Col("t")).Alias("st"),
            (Max(Col("i")) - Min(Col("i"))).Alias("range"),
        ];
        var sqlEngine = new SqlTestEngine();
        var nativeEngine = new ColumnarTestEngine();
        DataFrame Run(Fugue.Execution.ExecutionEngine e) => name switch
        {
            "by_i" => e.Aggregate(Data, PartitionSpec.By("i"), aggs),
            "by_s_t" => e.Aggregate(Data, PartitionSpec.By("s", "t"), aggs),
            "by_dt" => e.Aggregate(Data, PartitionSpec.By("dt"), aggs),
            "whole" => e.Aggregate(Data, null, aggs),
            "having" => e.Select(Data, SelectColumns.Of(Col("s"), Sum(Col("l")).Alias("x"), Avg(Col("d")).Alias("y")), having: (Sum(Col("l")) > 0) | Col("s").IsNull()),
            "distinct" => e.Select(Data, new SelectColumns([Col("s"), Col("t"), (Col("i") > 0).Alias("p")], distinct: true)),
            _ => e.Select(Data, SelectColumns.Of((Col("i") * 2).Alias("k"), Max(Col("d")).Alias("m")), where: Col("t") & Col("d").NotNull()),
        };

        DfAssert.Equal(Run(nativeEngine), Run(sqlEngine), checkOrder: false);
    }
}
