using Fugue.Api;
using Fugue.Columnar;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;
using static Fugue.Expressions.Functions;
using Fa = Fugue.Api.FugueApi;

namespace Fugue.Engines.Tests.Api;

// Every functional API method once, on the engine of an explicit, ambient or default choice.
[Collection(ApiCollection.Name)]
public sealed class FugueApiTests : IDisposable
{
    private readonly NativeExecutionEngine _engine = new(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 2 });

    private static DataFrame Events => new ArrayDataFrame(
        [["a", new DateTime(2020, 1, 2), 1.0], ["b", new DateTime(2020, 1, 1), 2.0], ["a", new DateTime(2020, 1, 1), 3.0]],
        Schema.Parse("key:str,ts:datetime,value:double"));

    private static DataFrame Ab(params object?[][] rows) => new ArrayDataFrame(rows, Schema.Parse("a:int,b:str"));

    public void Dispose() => _engine.Stop();

    [Fact]
    public void Transform_ByKeyWithPresort_RunsOnTheGivenEngine()
    {
        var r = Fa.Transform(Events, TestTransformers.RankWithinKey, partition: PartitionSpec.By("key").WithPresort("ts"), engine: _engine);
        DfAssert.Equal(
            r,
            "key:str,ts:datetime,value:double,rank:int",
            ["a", new DateTime(2020, 1, 1), 3.0, 1],
            ["a", new DateTime(2020, 1, 2), 1.0, 2],
            ["b", new DateTime(2020, 1, 1), 2.0, 1]);
        Assert.False(_engine.IsStopped);
    }

    [Fact]
    public void Transform_Params_HandleInstanceAndPersistAndAsLocal()
    {
        var handle = TransformerHandle.From(TestTransformers.RankWithinKey);
        var byHandle = Fa.Transform(Events, handle, partition: PartitionSpec.By("key"), @params: new Dictionary<string, object?> { ["start"] = 10 }, persist: true, engine: _engine);
        Assert.True(byHandle.IsLocal && byHandle.IsBounded);
        Assert.Equal([10, 10, 11], byHandle.AsArray().Select(r => (int)r[3]!).Order());

        var byInstance = Fa.Transform(Events, handle.Registration.CreateTransformer(null), asLocal: true, engine: _engine);
        Assert.True(byInstance.IsLocal);
        Assert.Equal(3, Fa.Count(byInstance));
    }

    [Fact]
    public void OutTransform_RunsNow()
    {
        var dir = Sink.NewDir();
        Fa.OutTransform(Events, TestTransformers.Record, partition: PartitionSpec.By("key"), @params: new Dictionary<string, object?> { ["dir"] = dir }, engine: _engine);
        Assert.Equal(["a/2", "b/1"], Sink.Take(dir));
    }

    [Fact]
    public void Join_AndItsShortcuts()
    {
        var left = Ab([1, "x"], [2, "y"], [3, null]);
        var right = new ArrayDataFrame([[1, 10L], [3, 30L], [4, 40L]], Schema.Parse("a:int,c:long"));
        using var scope = Fa.EngineContext(_engine);
        DfAssert.Equal(Fa.Join(left, right, JoinType.Inner), "a:int,b:str,c:long", [1, "x", 10L], [3, null, 30L]);
        DfAssert.Equal(Fa.Join(left, right, "left_outer", on: ["a"]), "a:int,b:str,c:long", [1, "x", 10L], [2, "y", null], [3, null, 30L]);
        DfAssert.Equal(Fa.InnerJoin(left, right), "a:int,b:str,c:long", [1, "x", 10L], [3, null, 30L]);
        DfAssert.Equal(Fa.LeftOuterJoin(left, right), "a:int,b:str,c:long", [1, "x", 10L], [2, "y", null], [3, null, 30L]);
        DfAssert.Equal(Fa.RightOuterJoin(left, right), "a:int,b:str,c:long", [1, "x", 10L], [3, null, 30L], [4, null, 40L]);
        DfAssert.Equal(Fa.FullOuterJoin(left, right), "a:int,b:str,c:long", [1, "x", 10L], [2, "y", null], [3, null, 30L], [4, null, 40L]);
        DfAssert.Equal(Fa.SemiJoin(left, right), "a:int,b:str", [1, "x"], [3, null]);
        DfAssert.Equal(Fa.AntiJoin(left, right), "a:int,b:str", [2, "y"]);
        var d = new ArrayDataFrame([[true], [false]], Schema.Parse("d:bool"));
        Assert.Equal(6, Fa.Count(Fa.CrossJoin(left, d)));
    }

    [Fact]
    public void Join_SeveralFrames_FoldsLeftToRight()
    {
        var a = new ArrayDataFrame([[1, "x"], [2, "y"]], Schema.Parse("k:int,a:str"));
        var b = new ArrayDataFrame([[1, 1.5], [2, 2.5]], Schema.Parse("k:int,b:double"));
        var c = new ArrayDataFrame([[2, true]], Schema.Parse("k:int,c:bool"));
        var r = Fa.Join([a, b, c], JoinType.Inner, engine: _engine);
        DfAssert.Equal(r, "k:int,a:str,b:double,c:bool", [2, "y", 2.5, true]);
        Assert.Throws<ArgumentException>(() => Fa.Join([a], JoinType.Inner, engine: _engine));
    }

    [Fact]
    public void SetOperations_PairsAndLists()
    {
        var x = Ab([1, "x"], [2, "y"], [2, "y"]);
        var y = Ab([2, "y"], [3, "z"]);
        var z = Ab([3, "z"], [4, "w"]);
        using var scope = Fa.EngineContext(_engine);
        DfAssert.Equal(Fa.Union(x, y), "a:int,b:str", [1, "x"], [2, "y"], [3, "z"]);
        DfAssert.Equal(Fa.Union(x, y, distinct: false), "a:int,b:str", [1, "x"], [2, "y"], [2, "y"], [2, "y"], [3, "z"]);
        DfAssert.Equal(Fa.Union([x, y, z]), "a:int,b:str", [1, "x"], [2, "y"], [3, "z"], [4, "w"]);
        DfAssert.Equal(Fa.Subtract(x, y), "a:int,b:str", [1, "x"]);
        DfAssert.Equal(Fa.Subtract([x, y, Ab([1, "x"])]), "a:int,b:str");
        DfAssert.Equal(Fa.Intersect(x, y), "a:int,b:str", [2, "y"]);
        DfAssert.Equal(Fa.Intersect([Union3(x, y, z), y, z]), "a:int,b:str", [3, "z"]);
    }

    private static DataFrame Union3(DataFrame a, DataFrame b, DataFrame c) => Fa.Union([a, b, c]);

    [Fact]
    public void RowOperations()
    {
        var df = Ab([1, "x"], [null, "y"], [null, null], [1, "x"]);
        using var scope = Fa.EngineContext(_engine);
        DfAssert.Equal(Fa.Distinct(df), "a:int,b:str", [1, "x"], [null, "y"], [null, null]);
        DfAssert.Equal(Fa.DropNa(df), "a:int,b:str", [1, "x"], [1, "x"]);
        DfAssert.Equal(Fa.DropNa(df, DropNaHow.All), "a:int,b:str", [1, "x"], [null, "y"], [1, "x"]);
        DfAssert.Equal(Fa.DropNa(df, subset: ["b"]), "a:int,b:str", [1, "x"], [null, "y"], [1, "x"]);
        DfAssert.Equal(Fa.FillNa(df, 0, subset: ["a"]), "a:int,b:str", [1, "x"], [0, "y"], [0, null], [1, "x"]);
        DfAssert.Equal(Fa.FillNa(df, new Dictionary<string, object?> { ["b"] = "?" }), "a:int,b:str", [1, "x"], [null, "y"], [null, "?"], [1, "x"]);
        Assert.Equal(2, Fa.Count(Fa.Sample(df, n: 2, seed: 1)));
        Assert.Throws<ArgumentException>(() => Fa.Sample(df, n: 1, frac: 0.5));
        DfAssert.EqualOrdered(Fa.Take(Events, 1, presort: "ts desc"), "key:str,ts:datetime,value:double", ["a", new DateTime(2020, 1, 2), 1.0]);
        DfAssert.Equal(
            Fa.Take(Events, 1, presort: "value", partition: PartitionSpec.By("key")),
            "key:str,ts:datetime,value:double",
            ["a", new DateTime(2020, 1, 2), 1.0],
            ["b", new DateTime(2020, 1, 1), 2.0]);
    }

    [Fact]
    public void PhysicalOperations()
    {
        using var scope = Fa.EngineContext(_engine);
        var lazy = Fa.Transform(Events, TestTransformers.RankWithinKey, partition: PartitionSpec.By("key"));
        Assert.False(lazy.IsBounded);
        DfAssert.Equal(Fa.Repartition(Events, PartitionSpec.Num(4)), Events);
        var persisted = Fa.Persist(lazy);
        Assert.True(persisted.IsBounded);
        Assert.Same(persisted, Fa.Persist(lazy));
        Assert.True(Fa.Broadcast(lazy).IsBounded);
        Assert.False(Fa.Persist(Events.On(_engine).Transform(TestTransformers.RankWithinKey), lazy: true).IsBounded);
    }

    [Fact]
    public void ExpressionOperations()
    {
        var df = new ArrayDataFrame([["a", 1.0], ["a", 2.0], ["b", 5.0], [null, 7.0]], Schema.Parse("k:str,v:double"));
        using var scope = Fa.EngineContext(_engine);
        DfAssert.Equal(Fa.Select(df, "k"), "k:str", ["a"], ["a"], ["b"], [null]);
        DfAssert.Equal(
            Fa.Select(df, global::Fugue.Expressions.SelectColumns.Of("k", Sum(Col("v")).Alias("s")), where: Col("v") > 1.0, having: Sum(Col("v")) > 3.0),
            "k:str,s:double",
            ["b", 5.0],
            [null, 7.0]);
        DfAssert.Equal(Fa.Filter(df, Col("v") >= 5.0), "k:str,v:double", ["b", 5.0], [null, 7.0]);
        DfAssert.Equal(Fa.Assign(df, (Col("v") * 2.0).Alias("v")).SelectColumns(["v"]), "v:double", [2.0], [4.0], [10.0], [14.0]);
        DfAssert.Equal(
            Fa.Assign(df, new Dictionary<string, object?> { ["one"] = 1, ["w"] = Col("v") + 1.0 }),
            "k:str,v:double,one:int,w:double",
            ["a", 1.0, 1, 2.0],
            ["a", 2.0, 1, 3.0],
            ["b", 5.0, 1, 6.0],
            [null, 7.0, 1, 8.0]);
        DfAssert.Equal(Fa.Aggregate(df, ["k"], Sum(Col("v")).Alias("s")), "k:str,s:double", ["a", 3.0], ["b", 5.0], [null, 7.0]);
        DfAssert.Equal(Fa.Aggregate(df, null, new Dictionary<string, global::Fugue.Expressions.ColumnExpr> { ["n"] = CountAll() }), "n:long", [4L]);
        DfAssert.Equal(
            Fa.RawSql("SELECT k, COUNT(*) AS n FROM t GROUP BY k HAVING COUNT(*) > 1", new Dictionary<string, AnyDataFrame> { ["t"] = df }),
            "k:str,n:long",
            ["a", 2L]);
    }

    [Fact]
    public void LoadAndSave_RoundTrip()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fugue-api-io-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "events.parquet");
            Fa.Save(Events, path, engine: _engine);
            DfAssert.Equal(Fa.Load(path, engine: _engine), Events);
            DfAssert.Equal(Fa.Load([path], columns: ["value", "key"], engine: _engine), Fa.SelectColumns(Events, ["value", "key"]));
            DfAssert.Equal(Fa.Load(path, null, Schema.Parse("value:float"), engine: _engine), "value:float", [1.0f], [2.0f], [3.0f]);
            Assert.Throws<IOException>(() => Fa.Save(Events, path, mode: SaveMode.Error, engine: _engine));
            var csv = Path.Combine(dir, "parts");
            Fa.Save(Events, csv, formatHint: "csv", partition: PartitionSpec.Num(2), options: new Dictionary<string, object?> { ["header"] = true }, engine: _engine);
            Assert.Equal(3, Fa.Count(Fa.Load(csv, "csv", options: new Dictionary<string, object?> { ["header"] = true }, engine: _engine, asLocal: true)));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void FrameHelpers()
    {
        var df = Ab([1, "x"], [2, null]);
        Assert.Equal([[1, "x"], [2, null]], Fa.AsArray(df));
        Assert.Equal([[1], [2]], Fa.AsArrayIterable(df, ["a"]).ToList());
        Assert.Equal("x", Fa.AsDicts(df)[0]["b"]);
        Assert.Equal(2, Fa.Count(df));
        Assert.False(Fa.IsEmpty(df));
        Assert.True(Fa.IsLocal(df));
        Assert.True(Fa.IsBounded(df));
        Assert.Equal("a:int,b:str", Fa.GetSchema(df).ToString());
        Assert.Equal(["a", "b"], Fa.GetColumnNames(df));
        Assert.Equal(1, Fa.Head(df, 1).Count());
        Assert.Equal([1, "x"], Fa.PeekArray(df));
        Assert.Equal(1, Fa.PeekDict(df)["a"]);
        Assert.True(Fa.AsLocal(df).IsLocal);
        Assert.Equal(2, Fa.AsLocalBounded(df).Count());
        Assert.Equal(["b"], Fa.SelectColumns(df, ["b"]).Schema.Names);
        Assert.Equal(["a"], Fa.DropColumns(df, ["b"]).Schema.Names);
        Assert.Equal(["a", "c"], Fa.Rename(df, new Dictionary<string, string> { ["b"] = "c" }).Schema.Names);
        Assert.Equal("a:long,b:str", Fa.AlterColumns(df, "a:long").Schema.ToString());
        var text = new StringWriter();
        Fa.Show(df, text, title: "ab");
        Assert.Contains("ab", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("x", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_AcceptRowsBatchesDictsAndTypedRows()
    {
        object?[][] rows = [[1, "x"], [1, "x"]];
        var schema = Schema.Parse("a:int,b:str");
        using var scope = Fa.EngineContext(_engine);
        Assert.Equal(1, Fa.Count(Fa.Distinct((rows, schema))));
        Assert.Equal(1, Fa.Count(Fa.Distinct((rows, "a:int,b:str"))));
        Assert.Equal(1, Fa.Count(Fa.Distinct(AnyDataFrame.From(rows, schema))));
        Assert.Equal(2, Fa.Count(Fa.AsFugueDf(rows, schema)));

        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow([5, "b"]);
        Assert.Equal([[5, "b"]], Fa.AsArray(Fa.Distinct(builder.Build())));

        var dicts = new[] { new Dictionary<string, object?> { ["b"] = "y", ["a"] = 2, ["extra"] = 0 } };
        Assert.Equal([[2, "y"]], Fa.AsArray(AnyDataFrame.FromDicts(dicts, schema)));

        var typed = new[] { new Event("k", new DateTime(2021, 1, 1), 1.5) };
        var fromTyped = AnyDataFrame.From(typed, Schema.Parse("key:str,ts:datetime,value:double"), e => [e.Key, e.Ts, e.Value]);
        DfAssert.Equal(Fa.Transform(fromTyped, TestTransformers.RankWithinKey), "key:str,ts:datetime,value:double,rank:int", ["k", new DateTime(2021, 1, 1), 1.5, 1]);
        var records = new[] { new Event("k", new DateTime(2021, 1, 1), 1.5), new Event("j", new DateTime(2021, 1, 2), 2.5) };
        DfAssert.Equal(Fa.Take(AnyDataFrame.FromRecords(records), 1, presort: "value"), "key:str,ts:datetime,value:double", ["k", new DateTime(2021, 1, 1), 1.5]);
        DfAssert.Equal(Fa.AsFugueDf(AnyDataFrame.FromRecords(records, Schema.Parse("value:float,key:str"))), "value:float,key:str", [1.5f, "k"], [2.5f, "j"]);
        DfAssert.Equal(
            Fa.AsFugueDf(AnyDataFrame.FromRecords([new Plain { Id = 1, Name = null, When = new DateOnly(2020, 1, 1), Price = 1.25m }])),
            "Id:int,Name:str,When:date,Price:decimal(28,10)",
            [1, null, new DateOnly(2020, 1, 1), 1.25m]);
        var missing = Assert.Throws<ArgumentException>(() => AnyDataFrame.FromRecords(records, Schema.Parse("nope:int")));
        Assert.Contains("column 'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AnyDataFrame.FromRecords([new Nested { Inner = [1] }]));

        var engineDf = Fa.AsFugueEngineDf((rows, schema), engine: _engine);
        Assert.True(engineDf.IsLocal);
        Assert.Equal(2, engineDf.Count());
    }

    [Fact]
    public void Results_AreFramesOfTheEngine_AndEngineMadeForACallIsStopped()
    {
        var made = new List<ExecutionEngine>();
        ExecutionEngineFactory.Register("api-test-tracked", conf =>
        {
            var e = new NativeExecutionEngine(conf);
            made.Add(e);
            return e;
        });
        try
        {
            var r = Fa.Distinct(Events, engine: "api-test-tracked", asLocal: true);
            Assert.True(r.IsLocal);
            Assert.Equal(3, Fa.Count(r));
            Assert.True(Assert.Single(made).IsStopped);

            var conf = new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 3 };
            Assert.Equal(3, Fa.GetCurrentParallelism(engine: ("api-test-tracked", conf)));
            Assert.Equal(3, Fa.GetCurrentParallelism(engine: "api-test-tracked", engineConf: conf));
            Assert.Equal(3, made.Count);
            Assert.All(made, e => Assert.True(e.IsStopped));
        }
        finally
        {
            ExecutionEngineFactory.Unregister("api-test-tracked");
        }
    }

    public sealed class Plain
    {
        public int Id { get; init; }

        public string? Name { get; init; }

        public DateOnly? When { get; init; }

        public decimal Price { get; init; }
    }

    public sealed class Nested
    {
        public int[]? Inner { get; init; }
    }
}
