using Fugue.Generators.Tests.Infrastructure;

namespace Fugue.Generators.Tests.Diagnostics;

/// <summary>Diagnostics carry real source locations, so #pragma warning disable applies to them.</summary>
public class SuppressionTests
{
    [Theory]
    [InlineData("FUG001", "[Transformer(\"a:dummy\")] public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => new List<object?[]>();")]
    [InlineData("FUG003", "[Transformer(\"*\")] public static IEnumerable<Ranked> M(IEnumerable<Sale> rows) => new List<Ranked>();")]
    [InlineData("FUG008", "[Transformer(\"*\")] public IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;")]
    public void Pragma_SuppressesTheDiagnostic(string id, string method)
    {
        var source = GeneratorRunner.Usings + DiagnosticAssert.Rows + "namespace App { public class P {\n#pragma warning disable " + id + "\n" + method + "\n#pragma warning restore " + id + "\n} }";
        var run = GeneratorRunner.Run(GeneratorRunner.Compile(source));
        Assert.True(Assert.Single(run.GeneratorDiagnostics, d => d.Id == id).IsSuppressed, id + " was not suppressed");

        var unsuppressed = GeneratorRunner.Run(GeneratorRunner.Compile(source.Replace("#pragma warning disable " + id, string.Empty, StringComparison.Ordinal)));
        Assert.False(Assert.Single(unsuppressed.GeneratorDiagnostics, d => d.Id == id).IsSuppressed);
    }
}
