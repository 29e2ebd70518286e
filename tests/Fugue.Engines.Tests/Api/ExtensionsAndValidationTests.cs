using Fugue.Api;
using Fugue.Engines.Tests.Conformance;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Api;

// Creators, processors and outputters through the engine, the functional API and the fluent form; validation rules
// checked at the engine's entry points.
[Collection(ApiCollection.Name)]
public sealed class ExtensionsAndValidationTests : IDisposable
{
    private readonly NativeExecutionEngine _engine = new();

    private static DataFrame Events => new ArrayDataFrame(
        [["a", new DateTime(2020, 1, 2), 1.0], ["b", new DateTime(2020, 1, 1), 2.0], ["a", new DateTime(2020, 1, 1), 3.0]],
        Schema.Parse("key:str,ts:datetime,value:double"));

    public void Dispose() => _engine.Stop();

    /// <summary>A spec the analyzer can't read at compile time (constant specs are checked there, as FUG019).</summary>
    private static PartitionSpec AtRuntime(string[] by, string? presort = null) => new(by: by, presort: presort);

    [Fact]
    public void Creator_RunsWithTheEngineAndParams()
    {
        var created = _engine.Create(ApiExtensions.MakeEvents, new Dictionary<string, object?> { ["n"] = 3 });
        DfAssert.Equal(
            created,
            "key:str,ts:datetime,value:double",
            ["even", new DateTime(2020, 1, 1), 0.0],
            ["odd", new DateTime(2020, 1, 2), 1.0],
            ["even", new DateTime(2020, 1, 3), 2.0]);
        Assert.Equal(2, FugueApi.Count(FugueApi.Create(ApiExtensions.MakeEvents, engine: _engine)));
    }

    [Fact]
    public void Processor_RunsOnWholeFrames_WithItsRules()
    {
        var byKey = PartitionSpec.By("key");
        DfAssert.Equal(_engine.Process(Events, ApiExtensions.CountPerKey, byKey), "key:str,n:long", ["a", 2L], ["b", 1L]);
        DfAssert.Equal(
            FugueApi.Process(Events, ApiExtensions.CountPerKey, byKey, new Dictionary<string, object?> { ["bonus"] = 10L }, engine: _engine),
            "key:str,n:long",
            ["a", 12L],
            ["b", 11L]);
        DfAssert.Equal(_engine.From(Events).Process(ApiExtensions.CountPerKey, byKey).Frame, "key:str,n:long", ["a", 2L], ["b", 1L]);
        var other = new ArrayDataFrame([[1]], Schema.Parse("x:int"));
        Assert.Same(other, FugueApi.Process([Events, other], ApiExtensions.Second, engine: _engine));

        var noKeys = Assert.Throws<FugueValidationException>(() => _engine.Process(Events, ApiExtensions.CountPerKey, AtRuntime([])));
        Assert.Contains("PartitionByHas", noKeys.Message, StringComparison.Ordinal);
        var wrongInput = Assert.Throws<FugueValidationException>(() =>
            _engine.Process(new ArrayDataFrame([[1]], Schema.Parse("key:int")), ApiExtensions.CountPerKey, byKey));
        Assert.True(wrongInput.IsInputRule);
    }

    [Fact]
    public void Outputter_RunsNow_WithItsRules()
    {
        var dir = Sink.NewDir();
        var p = new Dictionary<string, object?> { ["dir"] = dir };
        _engine.Output(Events, ApiExtensions.Record, @params: p);
        FugueApi.Output([Events], ApiExtensions.Record, @params: p, engine: _engine);
        _engine.From(Events).Output(ApiExtensions.Record, @params: p);
        Assert.Equal(["a", "a", "a", "a", "a", "a", "b", "b", "b"], Sink.Take(dir));
        Assert.Throws<FugueValidationException>(() => FugueApi.Output(new ArrayDataFrame([[1]], Schema.Parse("x:int")), ApiExtensions.Record, @params: p, engine: _engine));
    }

    [Fact]
    public void TransformEntryPoints_CheckValidationRules()
    {
        var ok = new PartitionSpec(by: ["key"], presort: "ts desc");
        Assert.Equal(3, _engine.Transform(Events, ApiExtensions.Ordered, ok).AsArray().Count);
        var e = Assert.Throws<FugueValidationException>(() => _engine.Transform(Events, ApiExtensions.Ordered, AtRuntime(["key"])));
        Assert.Equal("PresortHas", e.Rule);
        Assert.Throws<FugueValidationException>(() => FugueApi.Transform(Events, ApiExtensions.Ordered, AtRuntime(["key", "ts"], "value desc"), engine: _engine));
        Assert.Throws<FugueValidationException>(() => _engine.From(Events.AlterColumns("value:float")).Transform(ApiExtensions.NeedsValue));
        Assert.Equal(3, _engine.From(Events).Transform(ApiExtensions.NeedsValue).Count());
        Assert.Throws<FugueValidationException>(() => _engine.Out(Events, ApiExtensions.NeedsMissing));
    }
}
