using Fugue.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Tests.Diagnostics;

/// <summary>Half-typed code (every prefix of an attribute and its method) never crashes the generator.</summary>
public class PrefixTests
{
    public static TheoryData<string> Declarations => new()
    {
        "[Transformer(\"*,rank:int\")] public static IEnumerable<Ranked> M(IEnumerable<Sale> rows, int start = 1) => null!;",
        "[Transformer(\"a:[int],b:{x:long,`y z`:str},c:<str,double>,d:decimal(10,2),e:timestamp(ms,UTC)\")] public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => null!;",
        "[Transformer(\"*-Amount~Ts+Key:long,`a``b`:str\")] public static List<Dictionary<string, object?>> M(IReadOnlyList<Sale> rows) => null!;",
        "[CoTransformer(\"Key:int,Sales:long,Dims:long\")] public static Counts M(IEnumerable<Sale> sales, IEnumerable<Sale> dims) => null!;",
        "[OutputTransformer] public static void M(Sale[] rows, string label = \"x\") { }",
        "[OutputCoTransformer] public static void M(IEnumerable<Sale> a, List<Sale> b) { }",
        "[Creator(\"a:int,b:str\")] public static IEnumerable<object?[]> M(int n = 2) => null!;",
        "[Processor(\"Key:int,Sales:long,Dims:long\", PartitionByHas = \"Key,`a b`\", PresortIs = \"Ts desc, Key\", InputHas = \"Key:int,m:<str,[int]>\")] public static IEnumerable<Counts> M(ExtensionContext context, IEnumerable<Sale> a, Fugue.Frames.DataFrame b, long limit = 3) => null!;",
        "[Outputter(InputIs = \"Region:str,Key:int\")] public static void M(Fugue.Frames.DataFrames dfs, string path) { }",
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void EveryPrefix_NeverCrashesTheGenerator(string declaration)
    {
        var before = GeneratorRunner.Usings + DiagnosticAssert.Rows + "namespace App { public static class P { ";
        for (var length = 0; length <= declaration.Length; length++)
        {
            var source = before + declaration.Substring(0, length);
            var run = GeneratorRunner.Run(GeneratorRunner.Compile(source), withAnalyzer: false);
            // CS8784/CS8785: a generator failed to initialize or threw while generating.
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
            Assert.All(run.AllDiagnostics, d => Assert.StartsWith("FUG", d.Id, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("a:int,b:str")]
    [InlineData("*,x:[{a:int,b:<str,[long]>}]")]
    [InlineData("`weird``name`:decimal(5,2),t:timestamp(ns,America/New_York)")]
    public void EveryPrefixOfTheSchemaString_ReportsAtMostSchemaDiagnostics(string schema)
    {
        for (var length = 0; length <= schema.Length; length++)
        {
            var prefix = schema.Substring(0, length).Replace("\"", "\\\"", StringComparison.Ordinal);
            var source = GeneratorRunner.Usings + DiagnosticAssert.Rows +
                "namespace App { public static class P { [Transformer(\"" + prefix + "\")] public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => null!; } }";
            var run = GeneratorRunner.Run(GeneratorRunner.Compile(source), withAnalyzer: false);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
            Assert.All(run.AllDiagnostics, d => Assert.Contains(d.Id, new[] { "FUG001", "FUG012", "FUG013" }));
        }
    }
}
