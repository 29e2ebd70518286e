using Fugue.Configuration;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Generators.Tests.EndToEnd;

/// <summary>Generated Creator, Processor and Outputter adapters executed through the registry.</summary>
[Collection("Pipelines.Seen")]
public class ExtensionTests
{
    private const string Prefix = "Fugue.Generators.Tests.EndToEnd.Extensions.";
    private static readonly DateTime T0 = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);

    private static ExtensionContext Context(object? engine = null) => new(engine ?? new TestEngine(), new ParamDict().Set("x", 1));

    private static LocalDataFrame Sales() =>
        new ArrayDataFrame(
            [
                new object?[] { "east", 1, 10.5, T0, "x" },
                new object?[] { "west", 2, 20.0, T0, "y" },
                new object?[] { "east", 1, 30.0, T0, "z" },
            ],
            Schema.Parse("Region:str,Key:int,Amount:double,Ts:datetime,Unused:str"));

    [Fact]
    public void Creator_GetsTheEngine_AndParams()
    {
        Extensions.Seen.Clear();
        var creator = TransformerRegistry.Get(Prefix + nameof(Extensions.MakeSales)).CreateCreator(new ParamDict().Set("n", 3));
        Assert.Equal("Region:str,Key:int,Amount:double,Ts:datetime", creator.OutputSchema!.ToString());
        var df = creator.Create(Context());
        Assert.Equal(creator.OutputSchema, df.Schema);
        var rows = df.AsLocal().AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { "r2", 2, 3.0, T0.AddDays(2) }, rows[2]);
        Assert.Equal(["engine TestEngine"], Extensions.Seen);
    }

    [Fact]
    public void Creator_OnAnotherEngineType_NamesTheCreator()
    {
        var creator = TransformerRegistry.Get(Prefix + nameof(Extensions.MakeSales)).CreateCreator();
        var e = Assert.Throws<FugueTransformerException>(() => creator.Create(Context("not an engine")).AsLocal().AsArray());
        Assert.Equal("'" + Prefix + "MakeSales' takes an engine of type ExecutionEngine, but it runs on a String.", e.Message);
    }

    [Fact]
    public void Creator_UntypedRowsWithSchema()
    {
        var creator = TransformerRegistry.Get(Prefix + nameof(Extensions.MakeArrays)).CreateCreator(new ParamDict().Set("n", 2));
        var df = creator.Create(Context());
        Assert.Equal("a:int,b:str", df.Schema.ToString());
        Assert.Equal([new object?[] { 0, "v0" }, new object?[] { 1, "v1" }], df.AsLocal().AsArray());
    }

    [Fact]
    public void Processor_BindsFramesByPosition()
    {
        var processor = TransformerHandle.FromName(Prefix + nameof(Extensions.CountJoin)).Registration.CreateProcessor(new ParamDict().Set("bonus", 10L));
        var dims = new ArrayDataFrame([new object?[] { 1 }, new object?[] { 2 }, new object?[] { 3 }], Schema.Parse("k:int"));
        var result = processor.Process(Context(), new DataFrames(Sales(), dims));
        Assert.Equal("Key:int,Sales:long,Dims:long", result.Schema.ToString());
        Assert.Equal([new object?[] { 1, 12L, 3L }, new object?[] { 2, 11L, 3L }], result.AsLocal().AsArray());
    }

    [Fact]
    public void Processor_BindsNamedFramesByParameterName()
    {
        var processor = TransformerRegistry.Get(Prefix + nameof(Extensions.CountJoin)).CreateProcessor();
        var dims = new ArrayDataFrame([new object?[] { 1 }], Schema.Parse("k:int"));
        var named = new DataFrames(new Dictionary<string, DataFrame> { ["dims"] = dims, ["sales"] = Sales() });
        Assert.Equal([new object?[] { 1, 2L, 1L }, new object?[] { 2, 1L, 1L }], processor.Process(Context(), named).AsLocal().AsArray());

        var wrong = new DataFrames(new Dictionary<string, DataFrame> { ["a"] = dims, ["sales"] = Sales() });
        var e = Assert.Throws<FugueTransformerException>(() => processor.Process(Context(), wrong));
        Assert.Equal("Processor '" + Prefix + "CountJoin' binds its input frames by name, but there is no frame named 'dims'; the frames are: a, sales.", e.Message);
    }

    [Fact]
    public void Processor_ReturnsAFrameAsIs_AndSeesTheContext()
    {
        Extensions.Seen.Clear();
        var processor = TransformerRegistry.Get(Prefix + nameof(Extensions.Second)).CreateProcessor();
        Assert.Null(processor.OutputSchema);
        var dims = new ArrayDataFrame([new object?[] { 1 }], Schema.Parse("k:int"));
        Assert.Same(dims, processor.Process(Context(), new DataFrames(Sales(), dims)));
        Assert.Equal(["conf 1"], Extensions.Seen);
    }

    [Fact]
    public void Processor_SingleBatch()
    {
        var processor = TransformerRegistry.Get(Prefix + nameof(Extensions.CountRows)).CreateProcessor();
        var result = processor.Process(Context(), new DataFrames(Sales()));
        Assert.Equal([new object?[] { 3L }], result.AsLocal().AsArray());
    }

    [Fact]
    public void Outputter_RunsForItsSideEffects()
    {
        Extensions.Seen.Clear();
        var outputter = TransformerRegistry.Get(Prefix + nameof(Extensions.Collect)).CreateOutputter(new ParamDict().Set("label", "s"));
        outputter.Process(Context(), new DataFrames(Sales()));
        Assert.Equal(["s:east", "s:west", "s:east"], Extensions.Seen);
    }

    [Fact]
    public void Registration_OfAnotherKind_IsAnError()
    {
        var registration = TransformerRegistry.Get(Prefix + nameof(Extensions.Collect));
        Assert.Equal(TransformerKind.Outputter, registration.Kind);
        var e = Assert.Throws<FugueTransformerException>(() => registration.CreateProcessor());
        Assert.Equal("'" + Prefix + "Collect' is an Outputter, but a Processor is needed here.", e.Message);
        var missing = Assert.Throws<FugueTransformerException>(() => registration.CreateOutputter());
        Assert.Equal("Outputter '" + Prefix + "Collect' needs the parameter 'label' (String), but the params do not contain it.", missing.Message);
    }

    [Fact]
    public void Adapters_ExposeTheirRules_ForTheRuntimeValidator()
    {
        var processor = TransformerRegistry.Get(Prefix + nameof(Extensions.CountJoin)).CreateProcessor();
        Assert.Equal(["Key"], processor.ValidationRules.PartitionByHas);
        Assert.Equal(["Key:int"], processor.ValidationRules.InputHas);
        TransformerValidation.Validate(processor.ValidationRules, PartitionSpec.By("Key"), [Sales().Schema]);
        var e = Assert.Throws<FugueValidationException>(() => TransformerValidation.Validate(processor.ValidationRules, PartitionSpec.By("Region"), [Sales().Schema]));
        Assert.Equal(Prefix + "CountJoin", e.Extension);
        Assert.Equal("PartitionByHas", e.Rule);
        Assert.Equal("'" + Prefix + "CountJoin' requires PartitionByHas = \"Key\", but 'Key' is not a partition key; the call has partition keys Region.", e.Message);

        var transformer = TransformerRegistry.Get(Prefix + nameof(Extensions.Ordered)).CreateTransformer();
        Assert.Equal([PresortKey.Desc("Ts")], transformer.ValidationRules.PresortHas);
        TransformerValidation.Validate(transformer.ValidationRules, new PartitionSpec(by: ["Region"], presort: "Ts desc"), Sales().Schema);
        var presort = Assert.Throws<FugueValidationException>(() =>
            TransformerValidation.ValidatePartitionSpec(transformer.ValidationRules, new PartitionSpec(by: ["Region"], presort: "Ts")));
        Assert.Equal("'" + Prefix + "Ordered' requires PresortHas = \"Ts DESC\", but 'Ts' is presorted ascending where the rule needs descending.", presort.Message);

        var outputter = TransformerRegistry.Get(Prefix + nameof(Extensions.Collect)).CreateOutputter(new ParamDict().Set("label", "l"));
        var input = Assert.Throws<FugueValidationException>(() => TransformerValidation.ValidateInput(outputter.ValidationRules, Schema.Parse("a:int")));
        Assert.True(input.IsInputRule);
        Assert.Equal("'" + Prefix + "Collect' requires InputHas = \"Region\", but the input has no column 'Region'; its schema is a:int.", input.Message);
    }
}
