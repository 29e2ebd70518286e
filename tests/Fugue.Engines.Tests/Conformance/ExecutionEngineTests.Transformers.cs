using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Conformance;

// Typed transformers through the engine (issue #4): engine-independent, so every engine runs them. The transformers
// live in Conformance/TestTransformers.cs, compiled (and run through the generator) in every engine's test assembly,
// so distributed workers load them from there. Assertions avoid what engines may
// legitimately differ in: partition numbers, row order across partitions, and how a worker failure is wrapped. Every
// case uses registered (annotated) transformers, which a distributed engine can ship by name: it overrides the virtual
// TransformerHandle overloads of ExecutionEngine. Hand-written ITransformer instances (the OnInit-once case) are
// in-process only and tested in Transformers/NativeTransformerTests.
public abstract partial class ExecutionEngineTests
{
    private const string TransformerPrefix = "Fugue.Engines.Tests.Conformance.TestTransformers.";

    private static DateTime Day(int d) => new(2020, 1, d);

    private static DataFrame Events => Df(
        "key:str,ts:datetime,value:double",
        ["a", Day(3), 1.0],
        ["a", Day(1), 2.0],
        ["b", Day(5), 4.0],
        ["a", Day(2), 3.0],
        ["b", Day(4), 5.0]);

    private static DataFrame Sales => Df("key:str,amount:double", ["a", 1.0], ["a", 2.0], ["b", 3.0], ["d", 4.0]);

    private static DataFrame Dims => Df("key:str,label:str", ["a", "x"], ["b", "y"], ["b", "z"], ["c", "w"]);

    private static PartitionSpec ByKeyTs => PartitionSpec.By("key").WithPresort("ts");

    private static Dictionary<string, object?> Params(params (string Key, object? Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>Asserts that <paramref name="action"/> fails with <typeparamref name="T"/> somewhere in the exception chain.</summary>
    private static T ThrowsInChain<T>(Action action)
        where T : Exception
    {
        var e = Assert.ThrowsAny<Exception>(action);
        for (Exception? x = e; x is not null; x = x.InnerException ?? (x as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (x is T found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name} in the chain, got {e}");
    }

    [Fact]
    public void Transform_RankWithinKeyByKeyWithPresort()
    {
        var r = Engine.Transform(Events, TestTransformers.RankWithinKey, ByKeyTs);
        DfAssert.Equal(
            r,
            "key:str,ts:datetime,value:double,rank:int",
            ["a", Day(1), 2.0, 1],
            ["a", Day(2), 3.0, 2],
            ["a", Day(3), 1.0, 3],
            ["b", Day(4), 5.0, 1],
            ["b", Day(5), 4.0, 2]);
    }

    [Fact]
    public void Transform_ParamsOverrideDefaults()
    {
        var r = Engine.Transform(Events, TestTransformers.RankWithinKey, PartitionSpec.By("key").WithPresort("ts desc"), Params(("start", 10)));
        DfAssert.Equal(
            r,
            "key:str,ts:datetime,value:double,rank:int",
            ["a", Day(3), 1.0, 10],
            ["a", Day(2), 3.0, 11],
            ["a", Day(1), 2.0, 12],
            ["b", Day(5), 4.0, 10],
            ["b", Day(4), 5.0, 11]);
    }

    [Fact]
    public void Transform_ParamsAreConvertedAndCheckedAtTheCall()
    {
        // A long given as int converts; an unknown name fails at the call, naming the parameters.
        var r = Engine.Transform(Df("x:int", [1], [2]), TestTransformers.Number, @params: Params(("factor", 3)));
        DfAssert.Equal(r, "x:int,n:long", [1, 3L], [2, 6L]);
        var e = Assert.Throws<FugueTransformerException>(() => Engine.Transform(Events, TestTransformers.RankWithinKey, ByKeyTs, Params(("begin", 2))));
        Assert.Contains("start", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_StarHintsResolveAgainstEachInput()
    {
        var one = Engine.Transform(Df("x:int,y:str", [1, "p"], [2, "q"]), TestTransformers.Number, PartitionSpec.By("x"));
        DfAssert.Equal(one, "x:int,y:str,n:long", [1, "p", 1L], [2, "q", 1L]);
        var other = Engine.Transform(Df("key:str", ["a"], ["b"], ["c"]), TestTransformers.Number);
        Assert.Equal("key:str,n:long", other.Schema.ToString());
        Assert.Equal([1L, 2L, 3L], other.AsArray().Select(row => (long)row[1]!).Order());
        var relabeled = Engine.Transform(Events, TestTransformers.Relabel, PartitionSpec.By("key"), Params(("prefix", "#")));
        Assert.Equal("key:str,ts:datetime,label:str", relabeled.Schema.ToString());
        Assert.All(relabeled.AsArray(), row => Assert.Equal("#" + (string)row[0]!, row[2]));
    }

    [Fact]
    public void Transform_CursorIsTheFirstPresortedRowOfThePartition()
    {
        var r = Engine.Transform(Events, TestTransformers.Summarize, PartitionSpec.By("key").WithPresort("ts desc"));
        Assert.Equal("key:str,partition_no:int,first_ts:datetime,n:long", r.Schema.ToString());
        DfAssert.Equal(r.SelectColumns("key", "first_ts", "n"), "key:str,first_ts:datetime,n:long", ["a", Day(3), 3L], ["b", Day(5), 2L]);
        Assert.Equal(2, r.AsArray().Select(row => row[1]).Distinct().Count());
    }

    [Fact]
    public void Transform_ReadsTheEngineConfAndKeysFromTheContext()
    {
        var dialect = Engine.Conf.Get<string?>(FugueConf.SqlDialect, null);
        var r = Engine.Transform(Events, TestTransformers.ProbeContext, PartitionSpec.By("key"));
        const string output = "key:str,dialect:str,keys:str,output:str";
        DfAssert.Equal(r, output, ["a", dialect, "key:str", output], ["b", dialect, "key:str", output]);
        Assert.Null(TransformerContext.Current);
    }

    [Fact]
    public void Transform_IgnoreErrorsEmptiesTheFailingPartitionOnly()
    {
        var failFirst = Engine.Transform(Events, TestTransformers.FailOn, ByKeyTs, Params(("bad", "a")), [typeof(InvalidOperationException)]);
        DfAssert.Equal(failFirst, "key:str,ts:datetime,value:double", ["b", Day(4), 5.0], ["b", Day(5), 4.0]);

        // Rows the partition produced before failing are dropped too; a base type matches its subclasses.
        var failLate = Engine.Transform(Events, TestTransformers.FailAfter, ByKeyTs, Params(("bad", "b")), [typeof(SystemException)]);
        DfAssert.Equal(failLate, "key:str,ts:datetime,value:double", ["a", Day(1), 2.0], ["a", Day(2), 3.0], ["a", Day(3), 1.0]);
    }

    [Fact]
    public void Transform_UnlistedErrorsFail()
    {
        var e = ThrowsInChain<InvalidOperationException>(() =>
            Engine.Transform(Events, TestTransformers.FailOn, ByKeyTs, Params(("bad", "a")), [typeof(ArgumentException)]).AsArray());
        Assert.Contains("bad key a", e.Message, StringComparison.Ordinal);
        ThrowsInChain<InvalidOperationException>(() => Engine.Transform(Events, TestTransformers.FailOn, ByKeyTs, Params(("bad", "b"))).AsArray());
        Assert.Throws<ArgumentException>(() => Engine.Transform(Events, TestTransformers.FailOn, ByKeyTs, Params(("bad", "b")), [typeof(string)]));
    }

    [Fact]
    public void Transform_ByRegistryNameMatchesTheMethodGroup()
    {
        var handle = TransformerHandle.FromName(TransformerPrefix + nameof(TestTransformers.RankWithinKey));
        Assert.Equal(TransformerHandle.From(TestTransformers.RankWithinKey), handle);
        DfAssert.Equal(Engine.Transform(Events, handle, ByKeyTs), Engine.Transform(Events, TestTransformers.RankWithinKey, ByKeyTs));

        // A handle of another kind is rejected at the call.
        var zipped = Engine.Zip(new DataFrames(Sales, Dims));
        Assert.Throws<FugueTransformerException>(() => Engine.CoTransform(zipped, handle));
        Assert.Throws<FugueTransformerException>(() => Engine.Transform(Events, TransformerHandle.FromName(TransformerPrefix + nameof(TestTransformers.CountBoth))));
        Assert.Throws<ArgumentException>(() => Engine.Transform(Events, default(TransformerHandle)));
    }

    [Fact]
    public void Out_RunsEagerlyPerPartition()
    {
        var dir = Sink.NewDir();
        Engine.Out(Events, TestTransformers.Record, PartitionSpec.By("key"), Params(("dir", dir)));
        Assert.Equal(["a/3", "b/2"], Sink.Take(dir));

        var byName = Sink.NewDir();
        Engine.OutTransform(Events, TransformerHandle.FromName(TransformerPrefix + nameof(TestTransformers.Record)), @params: Params(("dir", byName)));
        Assert.Equal(["a/5"], Sink.Take(byName));
    }

    [Fact]
    public void CoTransform_NamedZipBindsByName()
    {
        var zipped = Engine.Zip(new DataFrames(new Dictionary<string, DataFrame> { ["dims"] = Dims, ["sales"] = Sales }));
        DfAssert.Equal(Engine.CoTransform(zipped, TestTransformers.CountBoth), "key:str,sales:long,dims:long", ["a", 2L, 1L], ["b", 1L, 2L]);

        var misnamed = Engine.Zip(new DataFrames(new Dictionary<string, DataFrame> { ["s"] = Sales, ["dims"] = Dims }));
        var e = ThrowsInChain<FugueTransformerException>(() => Engine.CoTransform(misnamed, TestTransformers.CountBoth).AsArray());
        Assert.Contains("'sales'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoTransform_PositionalZipBindsByPosition()
    {
        var zipped = Engine.Zip(new DataFrames(Sales, Dims), JoinType.Inner, PartitionSpec.By("key"));
        DfAssert.Equal(Engine.CoTransform(zipped, TestTransformers.CountBoth), "key:str,sales:long,dims:long", ["a", 2L, 1L], ["b", 1L, 2L]);
        var byName = Engine.CoTransform(zipped, TransformerHandle.FromName(TransformerPrefix + nameof(TestTransformers.CountBoth)));
        DfAssert.Equal(byName, "key:str,sales:long,dims:long", ["a", 2L, 1L], ["b", 1L, 2L]);
    }

    [Fact]
    public void OutCoTransform_RunsEagerlyPerKeyGroup()
    {
        var dir = Sink.NewDir();
        var zipped = Engine.Zip(new DataFrames(new Dictionary<string, DataFrame> { ["sales"] = Sales, ["dims"] = Dims }), JoinType.FullOuter);
        Engine.OutCoTransform(zipped, TestTransformers.RecordBoth, @params: Params(("dir", dir), ("separator", ":")));
        Assert.Equal(["a:2:x", "b:1:y,z", "c:0:w", "d:1:"], Sink.Take(dir));
    }
}
