using Fugue.Api;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Api;

// Which engine a functional call uses: explicit, context (nested), global, inferred from an EngineFrame, default.
[Collection(ApiCollection.Name)]
public sealed class EngineContextTests
{
    private static DataFrame Data => new ArrayDataFrame([[1], [1], [2]], Schema.Parse("a:int"));

    [Fact]
    public void Contexts_Nest_AndEachEngineStopsWhenItsLastScopeEnds()
    {
        using var outer = new NativeExecutionEngine();
        using var inner = new NativeExecutionEngine();
        var outerLog = new TestLogger();
        var innerLog = new TestLogger();
        outer.Logger = outerLog;
        inner.Logger = innerLog;

        Assert.Null(FugueApi.GetContextEngine());
        using (var o = FugueApi.EngineContext(outer))
        {
            Assert.Same(outer, o.Engine);
            Assert.Same(outer, FugueApi.GetContextEngine());
            using (inner.AsContext())
            {
                Assert.Same(inner, FugueApi.GetContextEngine());
                FugueApi.Distinct(Data);
                using (outer.AsContext())
                {
                    Assert.Same(outer, FugueApi.GetContextEngine());
                }

                Assert.False(outer.IsStopped);
                Assert.Same(inner, ExecutionEngineContext.Current);
            }

            Assert.True(inner.IsStopped);
            Assert.Same(outer, FugueApi.GetContextEngine());
            FugueApi.Union(Data, Data);
        }

        Assert.True(outer.IsStopped);
        Assert.Null(FugueApi.GetContextEngine());
        Assert.Contains(innerLog.Messages, m => m.StartsWith("distinct on", StringComparison.Ordinal));
        Assert.DoesNotContain(innerLog.Messages, m => m.StartsWith("union on", StringComparison.Ordinal));
        Assert.Contains(outerLog.Messages, m => m.StartsWith("union on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Context_FlowsIntoTasks_AndByNameMakesAnEngine()
    {
        ExecutionEngine engine;
        using (var scope = FugueApi.EngineContext("native"))
        {
            engine = scope.Engine;
            Assert.IsType<NativeExecutionEngine>(engine);
            var seen = await Task.Run(FugueApi.GetContextEngine);
            Assert.Same(engine, seen);
        }

        Assert.True(engine.IsStopped);
    }

    [Fact]
    public void GlobalEngine_IsTheDefault_AndSurvivesItsContextScopes()
    {
        var global = FugueApi.SetGlobalEngine("native");
        try
        {
            Assert.True(global.IsGlobal);
            Assert.Same(global, FugueApi.GetContextEngine());
            Assert.Same(global, FugueApi.MakeExecutionEngine());
            Assert.Same(global.Conf, FugueApi.GetCurrentConf());
            using (FugueApi.EngineContext())
            {
                Assert.Same(global, FugueApi.GetContextEngine());
            }

            Assert.False(global.IsStopped);
            using var other = new NativeExecutionEngine();
            using (other.AsContext())
            {
                Assert.Same(other, FugueApi.GetContextEngine()); // a context engine wins over the global one
            }
        }
        finally
        {
            FugueApi.ClearGlobalEngine();
            global.Stop();
        }

        Assert.Null(FugueApi.GetContextEngine());
    }

    [Fact]
    public void ExplicitEngine_WinsOverContext_AndEngineFrameIsUsedOnlyWithoutContext()
    {
        using var ambient = new NativeExecutionEngine();
        using var bound = new NativeExecutionEngine();
        using var explicitEngine = new NativeExecutionEngine();
        var ambientLog = new TestLogger();
        var boundLog = new TestLogger();
        var explicitLog = new TestLogger();
        ambient.Logger = ambientLog;
        bound.Logger = boundLog;
        explicitEngine.Logger = explicitLog;
        var frame = Data.On(bound);

        FugueApi.Distinct(frame);
        Assert.Single(boundLog.Messages, m => m.StartsWith("distinct", StringComparison.Ordinal));

        using (ambient.AsContext())
        {
            FugueApi.Distinct(frame);
            FugueApi.Distinct(frame, engine: explicitEngine);
        }

        Assert.Single(ambientLog.Messages, m => m.StartsWith("distinct", StringComparison.Ordinal));
        Assert.Single(explicitLog.Messages, m => m.StartsWith("distinct", StringComparison.Ordinal));
        Assert.Single(boundLog.Messages, m => m.StartsWith("distinct", StringComparison.Ordinal));
        Assert.False(explicitEngine.IsStopped); // an instance is the caller's: never stopped by a call
    }

    [Fact]
    public void EngineOfAnIEngineFrame_IsInferred()
    {
        using var owner = new NativeExecutionEngine();
        var log = new TestLogger();
        owner.Logger = log;
        var bound = new BoundDataFrame(new ArrayDataFrame([[1], [1]], Schema.Parse("a:int")), owner);
        Assert.Equal(1, FugueApi.Count(FugueApi.Distinct(bound)));
        Assert.Equal(2, FugueApi.Count(FugueApi.Union(Data, bound, distinct: false)) - 3);
        Assert.Equal(["distinct on NativeExecutionEngine", "union on NativeExecutionEngine"], log.Messages);
        Assert.False(owner.IsStopped);
    }

    [Fact]
    public void NoEngineAnywhere_MakesANativeEngineForTheCall()
    {
        Assert.Null(FugueApi.GetContextEngine());
        var r = FugueApi.Distinct(Data);
        Assert.Equal(2, FugueApi.Count(r));
        Assert.Equal(Environment.ProcessorCount, FugueApi.GetCurrentParallelism());

        // Lazy results outlive the engine made (and stopped) for their call.
        var counted = FugueApi.RawSql("SELECT a, COUNT(*) AS n FROM t GROUP BY a", new Dictionary<string, AnyDataFrame> { ["t"] = Data });
        Assert.Equal(2, FugueApi.Count(counted));
        var ranked = FugueApi.Transform(new ArrayDataFrame([["k", new DateTime(2020, 1, 1), 1.0]], Schema.Parse("key:str,ts:datetime,value:double")), Conformance.TestTransformers.RankWithinKey);
        Assert.False(ranked.IsBounded);
        Assert.Equal(1, FugueApi.Count(ranked));
    }
}
