using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Transformers;

// What the native engine adds to the engine-independent transformer cases (Conformance/ExecutionEngineTests.Transformers.cs):
// laziness, the user's conf reaching the transformer, cancellation, and failures surfacing unwrapped.
public sealed class NativeTransformerTests : IDisposable
{
    private readonly NativeExecutionEngine _engine = new(new Dictionary<string, object?>
    {
        [NativeExecutionEngine.ParallelismKey] = 2,
        [FugueConf.SqlDialect] = "duckdb-test",
    });

    private static DataFrame Events => new ArrayDataFrame(
        [["a", new DateTime(2020, 1, 2), 1.0], ["b", new DateTime(2020, 1, 1), 2.0], ["a", new DateTime(2020, 1, 1), 3.0]],
        Schema.Parse("key:str,ts:datetime,value:double"));

    public void Dispose() => _engine.Stop();

    [Fact]
    public void Transform_IsLazyAndRerunsOnEachRead()
    {
        var r = _engine.Transform(Events, TestTransformers.FailOn, PartitionSpec.By("key"), new Dictionary<string, object?> { ["bad"] = "b" });
        var e = Assert.Throws<InvalidOperationException>(() => r.AsArray());
        Assert.Equal("bad key b", e.Message);
        Assert.Throws<InvalidOperationException>(() => r.AsArray());
    }

    [Fact]
    public void Transform_SeesTheUsersConf()
    {
        var r = _engine.Transform(Events, TestTransformers.ProbeContext);
        Assert.Equal("duckdb-test", r.AsArray().Single()[1]);
    }

    [Fact]
    public void Transform_HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        var r = _engine.Transform(Events, TestTransformers.RankWithinKey, PartitionSpec.By("key"), cancellationToken: cts.Token);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => r.AsArray());
    }

    [Fact]
    public void Transform_OnInitSeesTheWholeInputOnce()
    {
        // Native has one physical partition: OnInit runs once with physical number 0, before every group's call.
        var r = _engine.Transform(Events, new InitCountingTransformer(), PartitionSpec.By("key").WithPresort("ts"));
        DfAssert.Equal(
            r,
            "key:str,ts:datetime,value:double,inits:int,physical_ok:bool",
            ["a", new DateTime(2020, 1, 1), 3.0, 1, true],
            ["a", new DateTime(2020, 1, 2), 1.0, 1, true],
            ["b", new DateTime(2020, 1, 1), 2.0, 1, true]);
    }
}
