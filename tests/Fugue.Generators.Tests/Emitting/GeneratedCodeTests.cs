using Fugue.Generators.Tests.Infrastructure;

namespace Fugue.Generators.Tests.Emitting;

public class GeneratedCodeTests
{
    [Fact]
    public void AllFamilies_GenerateCodeThatCompilesWithoutWarnings()
    {
        var run = GeneratorRunner.Run(Samples.Rows);
        Assert.Empty(run.AllDiagnostics);
        Assert.True(run.OutputProblems.Count == 0, string.Join("\n", run.OutputProblems.Select(d => d.ToString())));
        Assert.Contains("FugueTransformerRegistry.g.cs", run.Sources.Keys);
        Assert.Contains("Codec_App_Nested.g.cs", run.Sources.Keys);
        Assert.Contains("Adapter_App_Pipelines_RankWithinKey.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void KeywordNamedMembersAndMethods_AreEscaped()
    {
        var run = GeneratorRunner.Run("""
            namespace App
            {
                public sealed record Keywords(int @class, string? @event);
                public sealed class Mutable { public int @params { get; set; } }
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Keywords> @default(IEnumerable<Keywords> rows, int @int = 3) => rows;

                    [OutputTransformer]
                    public static void @void(IEnumerable<Mutable> rows) { }
                }
            }
            """);
        Assert.Empty(run.AllDiagnostics);
        Assert.True(run.OutputProblems.Count == 0, string.Join("\n", run.OutputProblems.Select(d => d.ToString())));
        Assert.Contains("App.P.default", run.Sources["FugueTransformerRegistry.g.cs"], StringComparison.Ordinal);
    }
}
