using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Expressions;
using Fugue.Partitioning;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Expressions;

public class ColumnarEvaluatorTests
{
    private static RecordBatch Batch(string schema, params object?[][] rows)
    {
        var builder = new RecordBatchBuilder(Schema.Parse(schema));
        foreach (var r in rows)
        {
            builder.AppendRow(r);
        }

        return builder.Build();
    }

    [Fact]
    public void ColumnReferencesAreZeroCopy()
    {
        var batch = Batch("a:int", [1], [2]);
        Assert.Same(batch.Column(0), ColumnarEvaluator.Evaluate(Col("a"), batch));
    }

    [Fact]
    public void ArithmeticWithNulls()
    {
        var batch = Batch("a:int,b:long,d:double", [1, 10L, 0.5], [null, 20L, 1.5], [3, null, null]);
        var sum = ColumnarEvaluator.Evaluate(Col("a") + Col("b"), batch);
        Assert.Equal(DataType.Int64, sum.Type);
        Assert.Equal(new object?[] { 11L, null, null }, Enumerable.Range(0, 3).Select(sum.GetValue));
        var mixed = ColumnarEvaluator.Evaluate(Col("a") * Col("d") - 1, batch);
        Assert.Equal(new object?[] { -0.5, null, null }, Enumerable.Range(0, 3).Select(mixed.GetValue));
        var neg = ColumnarEvaluator.Evaluate(-Col("a"), batch);
        Assert.Equal(DataType.Int32, neg.Type);
        Assert.Equal(new object?[] { -1, null, -3 }, Enumerable.Range(0, 3).Select(neg.GetValue));
    }

    [Fact]
    public void ThreeValuedLogic()
    {
        var batch = Batch("p:bool,q:bool", [true, null], [false, null], [null, null], [true, true], [false, true]);
        var and = ColumnarEvaluator.Evaluate(Col("p") & Col("q"), batch);
        var or = ColumnarEvaluator.Evaluate(Col("p") | Col("q"), batch);
        Assert.Equal(new object?[] { null, false, null, true, false }, Enumerable.Range(0, 5).Select(and.GetValue));
        Assert.Equal(new object?[] { true, null, null, true, true }, Enumerable.Range(0, 5).Select(or.GetValue));
        Assert.Equal([3], ColumnarEvaluator.Where(Col("p") & Col("q"), batch));
    }

    [Fact]
    public void ComparisonsAcrossTypes()
    {
        var t0 = new DateTime(2020, 1, 1, 0, 0, 1);
        var batch = Batch(
            "s:str,b:bytes,d:date,ts:timestamp(ms),tu:datetime,m:decimal(5,2),u:ulong,x:double",
            ["b", new byte[] { 2 }, new DateOnly(2020, 1, 2), t0, t0, 1.5m, 5UL, 5.0],
            ["a", new byte[] { 1, 0 }, new DateOnly(2019, 1, 1), t0.AddSeconds(1), t0, 2.5m, 4UL, 4.5]);
        void Check(ColumnExpr e, params bool[] expected)
        {
            var c = ColumnarEvaluator.Evaluate(e, batch);
            Assert.Equal(expected.Cast<object?>(), Enumerable.Range(0, batch.Length).Select(c.GetValue));
        }

        Check(Col("s") > "a", true, false);
        Check(Col("b") > Lit(new byte[] { 1, 5 }), true, false);
        Check(Col("d") >= new DateOnly(2020, 1, 2), true, false);
        Check(Col("ts") > Col("tu"), false, true);
        Check(Col("m") < 2m, true, false);
        Check(Col("m") < Col("x"), true, true);
        Check(Col("u") == Col("x"), true, false);
    }

    [Fact]
    public void CastUsesValueConversion()
    {
        var batch = Batch("a:double,s:str", [1.7, "3"], [null, "x"]);
        var ints = ColumnarEvaluator.Evaluate(Col("a").Cast("int"), batch);
        Assert.Equal(new object?[] { 1, null }, [ints.GetValue(0), ints.GetValue(1)]);
        Assert.Throws<FugueValueConversionException>(() => ColumnarEvaluator.Evaluate(Col("s").Cast("int"), batch));
        var text = ColumnarEvaluator.Evaluate(Col("a").Cast("str"), batch);
        Assert.Equal("1.7", text.GetValue(0));
    }

    [Fact]
    public void AggregationOverManyBatchesWithIntegerKeys()
    {
        var schema = Schema.Parse("k:int,v:double");
        var batches = Enumerable.Range(0, 5).Select(b =>
        {
            var builder = new RecordBatchBuilder(schema);
            for (var i = 0; i < 1000; i++)
            {
                builder.AppendRow([i % 7 == 0 ? null : (object)(i % 10), (double)(b * 1000 + i)]);
            }

            return builder.Build();
        }).ToList();
        var df = new ColumnarDataFrame(schema, batches);
        var rows = df.AsArray();
        var result = ColumnarOperations.Aggregate(df, PartitionSpec.By("k"), [Sum(Col("v")).Alias("s"), CountAll().Alias("n"), Max(Col("v")).Alias("m")]);
        var expected = rows.GroupBy(r => r[0]).Select(g => new object?[]
        {
            g.Key, g.Sum(r => (double)r[1]!), (long)g.Count(), g.Max(r => (double)r[1]!),
        });
        DfAssert.Equal(result, "k:int,s:double,n:long,m:double", expected, checkOrder: false);
    }

    [Fact]
    public void AggregationWithCompositeKeys()
    {
        var df = new ArrayDataFrame(
            [["a", 1, 1.0], ["a", 1, 2.0], ["a", null, 3.0], [null, null, 4.0], [null, null, 5.0], ["b", 2, null]],
            Schema.Parse("s:str,i:int,v:double"));
        DfAssert.Equal(
            ColumnarOperations.Aggregate(df, PartitionSpec.By("s", "i"), [Avg(Col("v")).Alias("avg"), Min(Col("v")).Alias("min"), Count(Col("v")).Alias("c")]),
            "s:str,i:int,avg:double,min:double,c:long",
            ["a", 1, 1.5, 1.0, 2L], ["a", null, 3.0, 3.0, 1L], [null, null, 4.5, 4.0, 2L], ["b", 2, null, null, 0L]);
    }

    [Fact]
    public void MinMaxOfStringsDatesAndDecimals()
    {
        var df = new ArrayDataFrame(
            [["b", new DateOnly(2020, 1, 2), 1.5m, new byte[] { 2 }], ["é", null, 0.25m, new byte[] { 1, 9 }], [null, new DateOnly(2019, 5, 5), null, null]],
            Schema.Parse("s:str,d:date,m:decimal(5,2),b:bytes"));
        DfAssert.Equal(
            ColumnarOperations.Aggregate(df, null, [Min(Col("s")).Alias("s0"), Max(Col("s")).Alias("s1"), Min(Col("d")).Alias("d0"), Max(Col("m")).Alias("m1"), Min(Col("b")).Alias("b0")]),
            "s0:str,s1:str,d0:date,m1:decimal(5,2),b0:bytes",
            ["b", "é", new DateOnly(2019, 5, 5), 1.50m, new byte[] { 1, 9 }]);
    }

    [Fact]
    public void AggregateExpressionsMixKeysAndAggregations()
    {
        var df = new ArrayDataFrame([[1, 2], [1, 3], [2, 5]], Schema.Parse("a:int,b:int"));
        DfAssert.Equal(
            ColumnarOperations.Select(df, SelectColumns.Of(Col("a"), (Sum(Col("b")) + Col("a")).Alias("x"))),
            "a:int,x:long",
            [1, 6L], [2, 7L]);
        Assert.Throws<FugueExpressionException>(() => ColumnarOperations.Select(df, SelectColumns.Of((Sum(Col("b")) + Col("a")).Alias("x"))));
    }

    [Fact]
    public void ParallelBatchesKeepOrderAndRethrowFailures()
    {
        var schema = Schema.Parse("a:int,s:str");
        var batches = Enumerable.Range(0, 20).Select(b => Batch("a:int,s:str", Enumerable.Range(0, 50).Select(i => new object?[] { b * 50 + i, b == 13 && i == 7 ? "x" : "1" }).ToArray())).ToList();
        var df = new ColumnarDataFrame(schema, batches);
        var result = ColumnarOperations.Select(df, SelectColumns.Of((Col("a") * 2).Alias("d")), where: Col("a") > 10, parallelism: 4);
        Assert.Equal(Enumerable.Range(11, 989).Select(i => (object?)(2L * i)), result.AsArray().Select(r => r[0]));
        Assert.Throws<FugueValueConversionException>(() => ColumnarOperations.Select(df, SelectColumns.Of(Col("s").Cast("int")), parallelism: 4));
    }

    [Fact]
    public void NativeEngineSelectIsLazyAndValidatedEagerly()
    {
        using var engine = new Fugue.Native.NativeExecutionEngine(new Dictionary<string, object?> { [Fugue.Native.NativeExecutionEngine.ParallelismKey] = 2 });
        var df = new ArrayDataFrame([[1, 2], [3, 4]], Schema.Parse("a:int,b:int"));
        Assert.Throws<FugueExpressionException>(() => engine.Select(df, SelectColumns.Of("nope")));
        var result = engine.Filter(df, Col("a") > 1);
        Assert.Equal(Schema.Parse("a:int,b:int"), result.Schema);
        DfAssert.Equal(result, "a:int,b:int", [3, 4]);
    }
}
