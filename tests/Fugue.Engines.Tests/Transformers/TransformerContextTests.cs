using Fugue.Configuration;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Transformers;

public class TransformerContextTests
{
    private static TransformerContext Context(string name) =>
        new(name, new ParamDict(), PartitionSpec.By("k"), Schema.Parse("k:int"), Schema.Parse("k:int,v:str"));

    [Fact]
    public void Current_IsNullOutsideAScope()
    {
        Assert.Null(TransformerContext.Current);
    }

    [Fact]
    public void Enter_NestsAndRestoresThePreviousContext()
    {
        var outer = Context("outer");
        var inner = Context("inner");
        using (TransformerContext.Enter(outer))
        {
            Assert.Same(outer, TransformerContext.Current);
            using (TransformerContext.Enter(inner))
            {
                Assert.Same(inner, TransformerContext.Current);
            }

            Assert.Same(outer, TransformerContext.Current);
        }

        Assert.Null(TransformerContext.Current);
    }

    [Fact]
    public void Constructor_RejectsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => new TransformerContext("t", null!, PartitionSpec.Empty, Schema.Empty, Schema.Empty));
        Assert.Throws<ArgumentNullException>(() => TransformerContext.Enter(null!));
    }
}
