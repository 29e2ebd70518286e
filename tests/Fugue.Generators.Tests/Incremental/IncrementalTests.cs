using Fugue.Generators.Tests.Diagnostics;
using Fugue.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fugue.Generators.Tests.Incremental;

/// <summary>Edits leave unaffected tracked steps cached and regenerate only what depends on them.</summary>
public class IncrementalTests
{
    private const string Pipelines = """
        namespace App
        {
            public sealed record Other(string Name, long Value);
            public static class Pipelines
            {
                [Transformer("*,Rank:int")]
                public static IEnumerable<Ranked> Rank(IEnumerable<Sale> rows) => new List<Ranked>();

                [Transformer("*")]
                public static IEnumerable<Other> Copy(IEnumerable<Other> rows) => rows;

                [OutputTransformer]
                public static void Print(IEnumerable<Sale> rows) { }

                [Processor(PartitionByHas = "Key")]
                public static IEnumerable<Sale> Keep(IEnumerable<Sale> rows, Fugue.Frames.DataFrame other) => rows;
            }
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Start(string pipelines = Pipelines)
    {
        var compilation = GeneratorRunner.Compile(GeneratorRunner.Usings + DiagnosticAssert.Rows, GeneratorRunner.Usings + pipelines);
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        return (driver, compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation).GetRunResult().Results[0];

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static Dictionary<string, IncrementalStepRunReason> SpecReasons(GeneratorRunResult result) =>
        result.TrackedSteps[TrackingNames.Spec]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Value is Fugue.Generators.Model.TransformerSpec)
            .ToDictionary(o => ((Fugue.Generators.Model.TransformerSpec)o.Value).MethodName, o => o.Reason);

    private static Dictionary<string, IncrementalStepRunReason> RowReasons(GeneratorRunResult result) =>
        result.TrackedSteps[TrackingNames.RowType]
            .SelectMany(s => s.Outputs)
            .ToDictionary(o => ((Fugue.Generators.Model.RowTypeSpec)o.Value).DisplayName, o => o.Reason);

    private static void AssertNotRegenerated(IncrementalStepRunReason reason) =>
        Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString());

    [Fact]
    public void SameCompilation_EverythingCached()
    {
        var (driver, compilation) = Start();
        var result = Rerun(driver, compilation);
        Assert.All(Reasons(result, TrackingNames.Spec), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(result, TrackingNames.RowType), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(result, TrackingNames.Registry), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void UnrelatedFile_LeavesEveryStepCachedOrUnchanged()
    {
        var (driver, compilation) = Start();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { public class Unrelated { public int X => 1; } }", GeneratorRunner.ParseOptions));
        var result = Rerun(driver, edited);
        Assert.Equal(4, SpecReasons(result).Count);
        Assert.All(Reasons(result, TrackingNames.Parse), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(result, TrackingNames.Spec), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(result, TrackingNames.RowType), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(result, TrackingNames.Registry), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void UnrelatedMethodBodyEdit_LeavesSpecsUnchanged()
    {
        var (driver, compilation) = Start();
        var tree = compilation.SyntaxTrees.Last();
        var newTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("=> new List<Ranked>();", "=> new List<Ranked>(4);", StringComparison.Ordinal)));
        var result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, newTree));
        Assert.All(SpecReasons(result).Values, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(RowReasons(result).Values, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void ValidationRuleChange_RegeneratesOnlyThatMethod()
    {
        var (driver, compilation) = Start();
        var tree = compilation.SyntaxTrees.Last();
        var text = tree.ToString().Replace("PartitionByHas = \"Key\"", "PartitionByHas = \"Key,Region\"", StringComparison.Ordinal);
        var result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));
        var specs = SpecReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, specs["Keep"]);
        Assert.Equal("Key,Region", result.TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs)
            .Select(o => o.Value).OfType<Fugue.Generators.Model.TransformerSpec>().Single(t => t.MethodName == "Keep").Rules!.PartitionByHas);
        AssertNotRegenerated(specs["Rank"]);
        AssertNotRegenerated(specs["Copy"]);
        AssertNotRegenerated(specs["Print"]);
    }

    [Fact]
    public void SchemaStringChange_RegeneratesOnlyThatMethod()
    {
        var (driver, compilation) = Start();
        var tree = compilation.SyntaxTrees.Last();
        var text = tree.ToString().Replace("[Transformer(\"*\")]", "[Transformer(\"Name:str,Value:long\")]", StringComparison.Ordinal);
        var result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));
        var specs = SpecReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, specs["Copy"]);
        AssertNotRegenerated(specs["Rank"]);
        AssertNotRegenerated(specs["Print"]);
        Assert.All(RowReasons(result).Values, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void RowTypeChange_RegeneratesOnlyItsCodecAndItsMethods()
    {
        var (driver, compilation) = Start();
        var tree = compilation.SyntaxTrees.Last();
        var text = tree.ToString().Replace("record Other(string Name, long Value)", "record Other(string Name, long Value, bool Flag)", StringComparison.Ordinal);
        var result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));
        var specs = SpecReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, specs["Copy"]);
        AssertNotRegenerated(specs["Rank"]);
        AssertNotRegenerated(specs["Print"]);
        var rows = RowReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, rows["Other"]);
        Assert.True(rows["Sale"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.True(rows["Ranked"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void AddingAMethod_LeavesTheOthersUnchanged()
    {
        var (driver, compilation) = Start();
        var tree = compilation.SyntaxTrees.Last();
        var text = tree.ToString().Replace("[OutputTransformer]", "[OutputTransformer] public static void Second(IEnumerable<Other> rows) { }\n[OutputTransformer]", StringComparison.Ordinal);
        var result = Rerun(driver, compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));
        var specs = SpecReasons(result);
        Assert.Equal(5, specs.Count);
        AssertNotRegenerated(specs["Rank"]);
        AssertNotRegenerated(specs["Copy"]);
        AssertNotRegenerated(specs["Keep"]);
    }

    [Fact]
    public void Models_AreEqualButNotTheSameInstance_ForEqualSources()
    {
        var first = GeneratorRunner.Run(GeneratorRunner.Usings + DiagnosticAssert.Rows, Pipelines);
        var second = GeneratorRunner.Run(GeneratorRunner.Usings + DiagnosticAssert.Rows, Pipelines);
        var a = first.Driver.GetRunResult().Results[0].TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        var b = second.Driver.GetRunResult().Results[0].TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i], b[i]);
            Assert.Equal(a[i]?.GetHashCode(), b[i]?.GetHashCode());
            Assert.False(ReferenceEquals(a[i], b[i]));
        }
    }

    [Fact]
    public void TrackedOutputs_HoldNoRoslynObjects()
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Usings + DiagnosticAssert.Rows, Pipelines);
        var result = run.Driver.GetRunResult().Results[0];
        foreach (var step in new[] { TrackingNames.Spec, TrackingNames.RowType, TrackingNames.Registry })
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                ModelWalker.AssertPure(output.Value, step);
            }
        }
    }
}
