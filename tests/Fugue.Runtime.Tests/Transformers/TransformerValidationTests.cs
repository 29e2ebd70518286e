using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Runtime.Tests.Transformers;

public class TransformerValidationTests
{
    private static readonly Schema Input = Schema.Parse("a:int,b:str,c:double");

    private static FugueValidationException Broken(ValidationRules rules, PartitionSpec? spec, Schema? input = null) =>
        Assert.Throws<FugueValidationException>(() => TransformerValidation.Validate(rules, spec, input));

    [Fact]
    public void Parse_SplitsTrimsAndKeepsTypedColumns()
    {
        var rules = new ValidationRules("X", partitionByHas: " a , b ", presortIs: "a desc, `b c`", inputHas: "a, m:<str,int>, l:[int]", inputIs: "a:int");
        Assert.Equal(["a", "b"], rules.PartitionByHas);
        Assert.Equal([PresortKey.Desc("a"), PresortKey.Asc("b c")], rules.PresortIs);
        Assert.Equal(["a", "m:<str,int>", "l:[int]"], rules.InputHas);
        Assert.Equal(Schema.Parse("a:int"), rules.InputIs);
        Assert.True(rules.HasPartitionRules);
        Assert.True(rules.HasInputRules);
        Assert.True(ValidationRules.None.IsEmpty);
    }

    [Theory]
    [InlineData("a,a", "PartitionByHas rule \"a,a\": key 'a' is listed twice.")]
    [InlineData("a,,b", "PartitionByHas rule \"a,,b\": empty item at position 2.")]
    public void Parse_RejectsMalformedKeys(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new ValidationRules("X", partitionByHas: text));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal("PartitionByHas", e.ParamName);
    }

    [Fact]
    public void Parse_RejectsMalformedPresortAndSchema()
    {
        Assert.Equal("PresortHas", Assert.Throws<ArgumentException>(() => new ValidationRules("X", presortHas: "b dsc")).ParamName);
        Assert.Equal("InputIs", Assert.Throws<ArgumentException>(() => new ValidationRules("X", inputIs: "a:dummy")).ParamName);
        Assert.Equal("InputHas", Assert.Throws<ArgumentException>(() => new ValidationRules("X", inputHas: "a:dummy")).ParamName);
    }

    [Fact]
    public void PartitionByHas_EachKeyMustBeAPartitionKey()
    {
        var rules = new ValidationRules("App.P.M", partitionByHas: "a,b");
        TransformerValidation.Validate(rules, PartitionSpec.By("b", "a", "c"), Input);
        var e = Broken(rules, PartitionSpec.By("a"));
        Assert.Equal("App.P.M", e.Extension);
        Assert.Equal("PartitionByHas", e.Rule);
        Assert.False(e.IsInputRule);
        Assert.Equal("'App.P.M' requires PartitionByHas = \"a,b\", but 'b' is not a partition key; the call has partition keys a.", e.Message);
        Assert.Equal("'App.P.M' requires PartitionByHas = \"a,b\", but 'a' is not a partition key; the call has no partition keys.", Broken(rules, null).Message);
    }

    [Fact]
    public void PartitionByIs_SameKeysInAnyOrder()
    {
        var rules = new ValidationRules("M", partitionByIs: "a,b");
        TransformerValidation.ValidatePartitionSpec(rules, PartitionSpec.By("b", "a"));
        Assert.Equal("'M' requires PartitionByIs = \"a,b\", but the call has partition keys a,b,c, which has more keys than the rule.", Broken(rules, PartitionSpec.By("a", "b", "c")).Message);
        Assert.Equal("PartitionByIs", Broken(rules, PartitionSpec.By("a")).Rule);
    }

    [Fact]
    public void PresortHas_ChecksKeyAndDirection()
    {
        var rules = new ValidationRules("M", presortHas: "b desc");
        TransformerValidation.ValidatePartitionSpec(rules, new PartitionSpec(by: ["a"], presort: "c, b DESC"));
        Assert.Equal("'M' requires PresortHas = \"b DESC\", but 'b' is presorted ascending where the rule needs descending.", Broken(rules, new PartitionSpec(presort: "b")).Message);
        Assert.Equal("'M' requires PresortHas = \"b DESC\", but 'b' is not in the presort; the call has no presort.", Broken(rules, PartitionSpec.Empty).Message);
    }

    [Fact]
    public void PresortIs_ChecksOrderAndDirection()
    {
        var rules = new ValidationRules("M", presortIs: "b desc, c");
        TransformerValidation.ValidatePartitionSpec(rules, new PartitionSpec(presort: "b desc, c asc"));
        Assert.Equal("'M' requires PresortIs = \"b DESC,c ASC\", but the call has presort c ASC,b DESC.", Broken(rules, new PartitionSpec(presort: "c, b desc")).Message);
        Assert.Equal("PresortIs", Broken(rules, new PartitionSpec(presort: "b desc")).Rule);
    }

    [Fact]
    public void InputHas_NamesOrTypedColumns()
    {
        var rules = new ValidationRules("M", inputHas: "a, c:double");
        TransformerValidation.ValidateInput(rules, Input);
        var missing = Assert.Throws<FugueValidationException>(() => TransformerValidation.ValidateInput(rules, Schema.Parse("c:double")));
        Assert.True(missing.IsInputRule);
        Assert.Equal("'M' requires InputHas = \"a,c:double\", but the input has no column 'a'; its schema is c:double.", missing.Message);
        var typed = Assert.Throws<FugueValidationException>(() => TransformerValidation.ValidateInput(rules, Schema.Parse("a:int,c:float")));
        Assert.Equal("'M' requires InputHas = \"a,c:double\", but column 'c' is float, not double; the input schema is a:int,c:float.", typed.Message);
    }

    [Fact]
    public void InputIs_ExactSchema_EveryInput()
    {
        var rules = new ValidationRules("M", inputIs: "a:int,b:str,c:double");
        TransformerValidation.Validate(rules, null, [Input, Input]);
        var e = Assert.Throws<FugueValidationException>(() => TransformerValidation.Validate(rules, null, [Input, Schema.Parse("a:int")]));
        Assert.Equal("InputIs", e.Rule);
        Assert.Equal("'M' requires InputIs = \"a:int,b:str,c:double\", but the input schema is a:int.", e.Message);
    }

    [Fact]
    public void Validate_SkipsInputRulesWithoutASchema_AndPassesWithoutRules()
    {
        TransformerValidation.Validate(new ValidationRules("M", inputIs: "x:int"), PartitionSpec.By("a"), (Schema?)null);
        TransformerValidation.Validate(ValidationRules.None, null, Input);
    }

    [Fact]
    public void ValidationRulesDefault_OnHandWrittenContracts()
    {
        ITransformer transformer = new NoRules();
        Assert.True(transformer.ValidationRules.IsEmpty);
    }

    private sealed class NoRules : ITransformer
    {
        public string Name => "NoRules";

        public Schema GetOutputSchema(Schema input) => input;

        public void OnInit(PartitionCursor? cursor, Fugue.Frames.LocalDataFrame df)
        {
        }

        public Fugue.Frames.LocalDataFrame Transform(PartitionCursor cursor, Fugue.Frames.LocalDataFrame df) => df;
    }
}
