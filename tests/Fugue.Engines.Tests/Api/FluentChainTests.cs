using Fugue.Api;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using static Fugue.Expressions.Functions;

namespace Fugue.Engines.Tests.Api;

// The fluent chain end to end on real files, and the chain's other operations.
[Collection(ApiCollection.Name)]
public sealed class FluentChainTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fugue-fluent-" + Guid.NewGuid().ToString("N"));
    private readonly NativeExecutionEngine _engine = new(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 2 });

    private static DataFrame Sales => new ArrayDataFrame(
        [
            ["a", new DateTime(2020, 1, 3), 5.0],
            ["b", new DateTime(2020, 1, 1), 2.0],
            ["a", new DateTime(2020, 1, 1), 3.0],
            ["c", new DateTime(2020, 1, 2), 7.0],
            ["a", new DateTime(2020, 1, 2), 1.0],
        ],
        Schema.Parse("key:str,ts:datetime,value:double"));

    private static DataFrame Dims => new ArrayDataFrame([["a", "Alpha"], ["b", "Beta"]], Schema.Parse("key:str,label:str"));

    public void Dispose()
    {
        _engine.Stop();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void LoadTransformJoinSave_ThenReload()
    {
        var sales = Path.Combine(_dir, "sales.parquet");
        var output = Path.Combine(_dir, "out.parquet");
        _engine.SaveDf(Sales, sales);

        _engine.Load(sales)
            .Transform(TestTransformers.RankWithinKey, partition: PartitionSpec.By("key").WithPresort("ts"))
            .Join(Dims, JoinType.LeftOuter)
            .Save(output);

        DfAssert.Equal(
            _engine.LoadDf(output),
            "key:str,ts:datetime,value:double,rank:int,label:str",
            ["a", new DateTime(2020, 1, 1), 3.0, 1, "Alpha"],
            ["a", new DateTime(2020, 1, 2), 1.0, 2, "Alpha"],
            ["a", new DateTime(2020, 1, 3), 5.0, 3, "Alpha"],
            ["b", new DateTime(2020, 1, 1), 2.0, 1, "Beta"],
            ["c", new DateTime(2020, 1, 2), 7.0, 1, null]);
    }

    [Fact]
    public void Chain_KeepsItsEngine_AndConvertsOtherData()
    {
        var frame = _engine.From(Sales);
        Assert.Same(_engine, frame.Engine);
        var joined = frame.InnerJoin(Dims.On(_engine)).SemiJoin(Dims).AntiJoin(new ArrayDataFrame([["b"]], Schema.Parse("key:str")));
        Assert.Same(_engine, joined.Engine);
        Assert.Equal(3, joined.Count());

        DataFrame plain = frame; // implicit
        Assert.Same(frame.Frame, plain);
        Assert.Equal(5, frame.ToDataFrame().Count());
    }

    [Fact]
    public void Chain_CoversTheOperations()
    {
        var f = _engine.From(Sales);
        var keys = new ArrayDataFrame([["a"], ["z"]], Schema.Parse("key:str"));
        Assert.Equal(2, f.Select("key").Distinct().Subtract(_engine.From(keys)).Count());
        Assert.Equal(1, f.Select("key").Distinct().Intersect(keys).Count());
        Assert.Equal(4, f.Select("key").Union(keys, distinct: false).Subtract(keys).Union(keys).Count());
        Assert.Equal(8, f.LeftOuterJoin(Dims).RightOuterJoin(Dims).FullOuterJoin(Dims).CrossJoin(new ArrayDataFrame([[1], [2]], Schema.Parse("n:int"))).Count());
        DfAssert.Equal(
            f.Filter(Col("value") > 2.0).Assign((Col("value") + 1.0).Alias("value")).Aggregate(["key"], Max(Col("value")).Alias("top")).Take(1, presort: "top desc"),
            "key:str,top:double",
            ["c", 8.0]);
        DfAssert.Equal(f.Assign(new Dictionary<string, object?> { ["one"] = 1 }).Select("one").Distinct(), "one:int", [1]);
        var nulls = _engine.From([[1, null], [null, null]], Schema.Parse("a:int,b:str"));
        Assert.Equal(1, nulls.DropNa(DropNaHow.All).Count());
        Assert.Equal([[1, "z"], [0, "z"]], nulls.FillNa("z", ["b"]).FillNa(new Dictionary<string, object?> { ["a"] = 0 }).AsArray());
        Assert.Equal(2, f.Sample(n: 2, seed: 3).Count());
        Assert.True(f.Transform(TestTransformers.RankWithinKey).Persist().Frame.IsBounded);
        Assert.True(f.Repartition(PartitionSpec.Num(2)).Broadcast().Frame.IsBounded);
        Assert.True(f.AsLocal().Frame.IsLocal);
        Assert.Equal("b", f.Take(1, presort: "ts,value").AsDicts()[0]["key"]);
        var text = new StringWriter();
        f.Show(text, 2, title: "sales");
        Assert.Contains("sales", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_SavesWithModeAndPartition_AndRunsOutputTransformers()
    {
        var path = Path.Combine(_dir, "hive");
        _engine.From(Sales).Save(path, formatHint: "parquet", partition: PartitionSpec.By("key"));
        Assert.True(Directory.Exists(Path.Combine(path, "key=a")));
        Assert.Throws<IOException>(() => _engine.From(Sales).Save(path, formatHint: "parquet", mode: SaveMode.Error));
        Assert.Equal(5, _engine.Load([path], formatHint: "parquet").Count());

        var dir = Sink.NewDir();
        _engine.From(Sales).OutTransform(TestTransformers.Record, PartitionSpec.By("key"), new Dictionary<string, object?> { ["dir"] = dir });
        Assert.Equal(["a/3", "b/1", "c/1"], Sink.Take(dir));
    }

    [Fact]
    public void EngineFrame_InputTellsTheFunctionalApiWhichEngineToUse()
    {
        var frame = _engine.From(Sales);
        var logger = new TestLogger();
        _engine.Logger = logger;
        Assert.Equal(5, FugueApi.Count(FugueApi.Select(frame, FugueApi.GetColumnNames(frame).Take(1).ToArray<object>())));
        Assert.Equal(5, FugueApi.Count(FugueApi.Distinct(frame)));
        Assert.Equal(["select on NativeExecutionEngine", "distinct on NativeExecutionEngine"], logger.Messages);

        // A plain frame (a functional call's result) has no engine: the next call makes its own.
        _ = FugueApi.Distinct(FugueApi.Select(frame, "key"));
        Assert.Equal(3, logger.Messages.Count);
    }
}
