using Fugue.Partitioning;
using Fugue.Frames;
using Fugue.Transformers.Codecs;

namespace Fugue.Engines.Tests.Conformance;

// ToDf of typed rows: the row type's generated codec (registered when the assembly loaded) writes the frame.
public abstract partial class ExecutionEngineTests
{
    [Fact]
    public void ToDf_TypedRowsGoThroughTheGeneratedCodec()
    {
        Assert.True(RowCodecRegistry.TryGet<Event>(out var codec));
        Assert.Equal("key:str,ts:datetime,value:double", codec.Schema.ToString());

        var rows = new[] { new Event("a", new DateTime(2024, 1, 2), 1.5), new Event("b", new DateTime(2024, 1, 3), -2.0) };
        var df = Engine.ToDf(rows);
        DfAssert.EqualOrdered(df, "key:str,ts:datetime,value:double", ["a", new DateTime(2024, 1, 2), 1.5], ["b", new DateTime(2024, 1, 3), -2.0]);

        // the frame feeds a typed transformer like any other
        DfAssert.Equal(
            Engine.Transform(df, TestTransformers.RankWithinKey, PartitionSpec.By("key")),
            "key:str,ts:datetime,value:double,rank:int",
            ["a", new DateTime(2024, 1, 2), 1.5, 1], ["b", new DateTime(2024, 1, 3), -2.0, 1]);

        Assert.Equal(0, Engine.ToDf(Array.Empty<Sale>()).Count());
    }

    [Fact]
    public void ToDf_RowTypeWithoutCodecIsAClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Engine.ToDf(new[] { new Uncoded(1) }));
        Assert.Contains("No generated codec for row type Uncoded", ex.Message, StringComparison.Ordinal);
    }

    private sealed record Uncoded(int A);
}
