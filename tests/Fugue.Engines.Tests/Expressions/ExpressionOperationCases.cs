using Fugue.Frames;
using Fugue.Execution;
using Fugue.Expressions;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;
using Fugue.Engines.Tests.Conformance;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>
/// The bodies of Fugue's test_select, test_filter, test_assign and test_aggregate (execution suite 7.1) plus edge cases, for any
/// engine: run by the conformance suite (ExecutionEngineTests.Sql.cs) and by <see cref="ExpressionOperationTests"/>. Deviation from Fugue: a C# <c>int</c> literal is int, so Fugue's Python <c>1</c> (long) is written <c>1L</c>.
/// </summary>
internal static class ExpressionOperationCases
{
    private static ArrayDataFrame A5() =>
        new([[1.0, 2], [null, 2], [null, 1], [3.0, 4], [null, 4]], Schema.Parse("a:double,b:int"));

    public static void FilterPort(ExecutionEngine e)
    {
        var a = A5();
        DfAssert.Equal(e.Filter(a, Col("a").NotNull()), "a:double,b:int", [1.0, 2], [3.0, 4]);
        DfAssert.Equal(e.Filter(a, Col("a").NotNull() & (Col("b") < 3)), "a:double,b:int", [1.0, 2]);
        DfAssert.Equal(e.Filter(a, Col("a") + Col("b") == 3), "a:double,b:int", [1.0, 2]);
    }

    public static void SelectPort(ExecutionEngine e)
    {
        var a = A5();
        DfAssert.Equal(
            e.Select(a, SelectColumns.Of("b", (Col("b") + 1).Alias("c").Cast("str"))),
            "b:int,c:str",
            [2, "3"], [2, "3"], [1, "2"], [4, "5"], [4, "5"]);
        DfAssert.Equal(
            e.Select(a, new SelectColumns([Col("b"), (Col("b") + 1).Alias("c").Cast("str")], distinct: true)),
            "b:int,c:str",
            [2, "3"], [1, "2"], [4, "5"]);
        DfAssert.Equal(e.Select(a, new SelectColumns(All()), where: Col("a") + Col("b") == 3), "a:double,b:int", [1.0, 2]);
        DfAssert.Equal(
            e.Select(a, SelectColumns.Of(Col("a"), Sum(Col("b")).Cast("double").Alias("b"))),
            "a:double,b:double",
            [1.0, 2.0], [3.0, 4.0], [null, 7.0]);
        DfAssert.Equal(
            e.Select(a, SelectColumns.Of(Col("a"), Sum(Col("b")).Cast("double").Alias("c")), having: (Sum(Col("b")) >= 7) | (Col("a") == 1)),
            "a:double,c:double",
            [1.0, 2.0], [null, 7.0]);
        DfAssert.Equal(
            e.Select(
                a,
                SelectColumns.Of(Col("a"), Lit(1L, "o").Cast("str"), Sum(Col("b")).Cast("double").Alias("c")),
                having: (Sum(Col("b")) >= 7) | (Col("a") == 1)),
            "a:double,o:str,c:double",
            [1.0, "1", 2.0], [null, "1", 7.0]);
    }

    public static void AssignPort(ExecutionEngine e)
    {
        DfAssert.Equal(
            e.Assign(A5(), Lit(1L).Alias("x"), Col("b").Cast("str"), (Col("b") + 1).Cast("int").Alias("c")),
            "a:double,b:str,x:long,c:int",
            [1.0, "2", 1L, 3], [null, "2", 1L, 3], [null, "1", 1L, 2], [3.0, "4", 1L, 5], [null, "4", 1L, 5]);
    }

    public static void AggregatePort(ExecutionEngine e)
    {
        var a = A5();
        DfAssert.Equal(
            e.Aggregate(a, null, Max(Col("b")).Alias("b"), (Max(Col("b")) * 2).Cast("int32").Alias("c")),
            "b:int,c:int",
            [4, 8]);
        DfAssert.Equal(
            e.Aggregate(a, PartitionSpec.By("a"), Max(Col("b")).Alias("b"), (Max(Col("b")) * 2).Cast("int32").Alias("c")),
            "a:double,b:int,c:int",
            [null, 4, 8], [1.0, 2, 4], [3.0, 4, 8]);
        Assert.Throws<FugueExpressionException>(() => e.Aggregate(a, PartitionSpec.By("a"), Lit(1L).Alias("x")));
        Assert.Throws<FugueExpressionException>(() => e.Aggregate(a, PartitionSpec.By("a")));
    }

    public static void OutputTypesFollowTheRules(ExecutionEngine e)
    {
        var df = new ArrayDataFrame(
            [[1, 2L, 1.5, 2.5f, true, "x", new DateOnly(2020, 1, 2)], [3, null, null, 1f, false, null, null]],
            Schema.Parse("i:int,l:long,d:double,f:float,t:bool,s:str,dt:date"));
        var result = e.Select(
            df,
            SelectColumns.Of(
                Col("i"), (Col("i") + Col("i")).Alias("ii"), (Col("i") * Col("d")).Alias("id"), (Col("f") - Col("f")).Alias("ff"),
                (Col("i") / 2).Alias("div"), (-Col("i")).Alias("neg"), (Col("i") > 1).Alias("gt"), (!Col("t")).Alias("nt"),
                Col("s").IsNull().Alias("sn"), Lit(1).Alias("one"), Lit("z").Alias("z"), Lit(null).Alias("n"),
                Col("dt"), (Col("dt") > new DateOnly(2020, 1, 1)).Alias("late"), Lit(2.5).Alias("lit_d")));
        DfAssert.Equal(
            result,
            "i:int,ii:long,id:double,ff:float,div:double,neg:int,gt:bool,nt:bool,sn:bool,one:int,z:str,n:null,dt:date,late:bool,lit_d:double",
            [1, 2L, 1.5, 0f, 0.5, -1, false, false, false, 1, "z", null, new DateOnly(2020, 1, 2), true, 2.5],
            [3, 6L, null, 0f, 1.5, -3, true, true, true, 1, "z", null, null, null, 2.5]);
    }

    public static void AggregationTypes(ExecutionEngine e)
    {
        var df = new ArrayDataFrame(
            [["a", 1, 1.5, true], ["a", 2, null, false], ["b", null, 2.0, true], [null, 4, 0.5, null]],
            Schema.Parse("k:str,i:int,d:double,t:bool"));
        var result = e.Aggregate(
            df,
            PartitionSpec.By("k"),
            Sum(Col("i")).Alias("si"), Sum(Col("d")).Alias("sd"), Avg(Col("i")).Alias("ai"), Count(Col("d")).Alias("cd"),
            CountAll().Alias("n"), Min(Col("t")).Alias("mt"), Max(Col("i")).Alias("mi"), CountDistinct(Col("t")).Alias("dt"));
        DfAssert.Equal(
            result,
            "k:str,si:long,sd:double,ai:double,cd:long,n:long,mt:bool,mi:int,dt:long",
            ["a", 3L, 1.5, 1.5, 1L, 2L, false, 2, 2L],
            ["b", null, 2.0, null, 1L, 1L, true, null, 1L],
            [null, 4L, 0.5, 4.0, 1L, 1L, null, 4, 0L]);
    }

    public static void FirstAndLastTakeTheGroupsValues(ExecutionEngine e)
    {
        var df = new ArrayDataFrame([["a", 1], ["a", 1], ["b", null]], Schema.Parse("k:str,v:int"));
        DfAssert.Equal(
            e.Aggregate(df, PartitionSpec.By("k"), First(Col("v")).Alias("f"), Last(Col("v")).Alias("l")),
            "k:str,f:int,l:int",
            ["a", 1, 1], ["b", null, null]);
    }

    public static void AggregateOverEmptyFrame(ExecutionEngine e)
    {
        var empty = new ArrayDataFrame([], Schema.Parse("k:str,v:int"));
        DfAssert.Equal(e.Aggregate(empty, null, Sum(Col("v")).Alias("s"), CountAll().Alias("n")), "s:long,n:long", [null, 0L]);
        DfAssert.Equal(e.Aggregate(empty, PartitionSpec.By("k"), Sum(Col("v")).Alias("s")), "k:str,s:long");
    }

    public static void FilterWithNullConditionDropsRow(ExecutionEngine e)
    {
        var df = new ArrayDataFrame([[1, true], [2, null], [3, false]], Schema.Parse("a:int,c:bool"));
        DfAssert.Equal(e.Filter(df, Col("c")), "a:int,c:bool", [1, true]);
        DfAssert.Equal(e.Filter(df, !Col("c")), "a:int,c:bool", [3, false]);
        DfAssert.Equal(e.Filter(df, Col("c") | (Col("a") == 2)), "a:int,c:bool", [1, true], [2, null]);
        DfAssert.Equal(e.Filter(df, Col("c") & (Col("a") == 2)), "a:int,c:bool");
    }

    public static void DivisionIsTrueDivisionAndByZeroIsNull(ExecutionEngine e)
    {
        var df = new ArrayDataFrame([[7, 2], [1, 0], [null, 1]], Schema.Parse("a:int,b:int"));
        DfAssert.Equal(e.Select(df, SelectColumns.Of((Col("a") / Col("b")).Alias("q"))), "q:double", [3.5], [null], [null]);
    }

    public static void StringsAndOddNames(ExecutionEngine e)
    {
        var df = new ArrayDataFrame([["x", 1], ["y'z", 2], [null, 3]], new Schema(new Field("a b", DataType.String), new Field("c\"d", DataType.Int32)));
        var result = e.Select(df, SelectColumns.Of(Col("a b"), (Col("c\"d") * 2).Alias("é")), where: Col("a b") != "x");
        Assert.Equal(new Schema(new Field("a b", DataType.String), new Field("é", DataType.Int64)), result.Schema);
        Assert.Equal(new object?[] { "y'z", 4L }, Assert.Single(result.AsArray()));
        DfAssert.Equal(e.Filter(df, Col("a b") < "y"), "`a b`:str,`c\"d`:int", ["x", 1]);
    }

    public static void InvalidCallsAreRejected(ExecutionEngine e)
    {
        var a = A5();
        Assert.Throws<FugueExpressionException>(() => e.Select(a, SelectColumns.Of("*", "a")));
        Assert.Throws<FugueExpressionException>(() => e.Select(a, SelectColumns.Of("nope")));
        Assert.Throws<FugueExpressionException>(() => e.Select(a, SelectColumns.Of(Col("a") + Lit("x"))));
        Assert.Throws<FugueExpressionException>(() => e.Filter(a, Col("a")));
        Assert.Throws<FugueExpressionException>(() => e.Filter(a, Sum(Col("a")) > 1));
        Assert.Throws<FugueExpressionException>(() => e.Select(a, SelectColumns.Of("a"), having: Col("a") > 1));
        Assert.Throws<FugueExpressionException>(() => e.Assign(a, Sum(Col("b")).Alias("s")));
        Assert.Throws<FugueExpressionException>(() => e.Assign(a, Col("b") + 1));
        Assert.Throws<FugueExpressionException>(() => e.Assign(a, All()));
    }

    public static void WildcardWithExtraColumns(ExecutionEngine e)
    {
        DfAssert.Equal(
            e.Select(A5(), SelectColumns.Of("*", (Col("b") * 10).Alias("x")), where: Col("a") == 3),
            "a:double,b:int,x:long",
            [3.0, 4, 40L]);
    }

    public static void LiteralsOnlyGiveOneRowPerInputRow(ExecutionEngine e)
    {
        DfAssert.Equal(e.Select(A5(), SelectColumns.Of(Lit(true).Alias("t"))), "t:bool", [true], [true], [true], [true], [true]);
    }

    public static void GroupByExpressionKey(ExecutionEngine e)
    {
        DfAssert.Equal(
            e.Select(A5(), SelectColumns.Of((Col("b") > 1).Alias("big"), CountAll().Alias("n"))),
            "big:bool,n:long",
            [true, 4L], [false, 1L]);
    }

    public static void SqlSelectThroughEngine(ExecutionEngine e)
    {
        e.SqlEngine = new SqliteEngine(e);
        var x = new ArrayDataFrame([[0L, 1L], [1L, 2L]], Schema.Parse("a:long,b:long"));
        var y = new ArrayDataFrame([[1L, 1L], [2L, 2L]], Schema.Parse("a:long,c:long"));
        var dfs = new DataFrames([KeyValuePair.Create("x", (DataFrame)x), KeyValuePair.Create("y", (DataFrame)y)]);
        DfAssert.Equal(e.Select(dfs, "SELECT x.*,c FROM x INNER JOIN y ON x.a=y.a"), "a:long,b:long,c:long", [1L, 2L, 1L]);
        var typed = new ArrayDataFrame([[true, new DateOnly(2020, 1, 1), "s"]], Schema.Parse("t:bool,d:date,s:str"));
        var result = e.Select(new DataFrames([KeyValuePair.Create("t", (DataFrame)typed)]), "SELECT * FROM t WHERE t");
        DfAssert.Equal(result, "t:bool,d:date,s:str", [true, new DateOnly(2020, 1, 1), "s"]);
        Assert.Same(result, e.ToDf(result));
    }

    public static void UnreferencedNestedColumnsDoNotMatter(ExecutionEngine e)
    {
        var df = new ArrayDataFrame([[1, new object?[] { 1, 2 }], [2, null]], Schema.Parse("a:int,l:[int]"));
        DfAssert.Equal(e.Select(df, SelectColumns.Of((Col("a") + 1).Alias("b")), where: Col("a") > 1), "b:long", [3L]);
        DfAssert.Equal(e.Aggregate(df, null, CountAll().Alias("n")), "n:long", [2L]);
    }
}
