using System.Globalization;
using Fugue.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Tests.Diagnostics;

/// <summary>Runs marked-up sources and asserts the single expected diagnostic (id, span, message).</summary>
public static class DiagnosticAssert
{
    /// <summary>Row types shared by the diagnostic tests.</summary>
    public const string Rows = """
        namespace App
        {
            public sealed record Sale(string Region, int Key, double Amount, DateTime Ts);
            public sealed record Ranked(string Region, int Key, double Amount, DateTime Ts, int Rank);
            public sealed record Counts(int Key, long Sales, long Dims);
        }

        """;

    /// <summary>Asserts that <paramref name="markup"/> yields exactly one diagnostic, at the marked span.</summary>
    public static Diagnostic Single(string markup, string id, string message)
    {
        var (source, span) = Markup.Parse(GeneratorRunner.Usings + Rows + markup);
        var run = GeneratorRunner.Run(GeneratorRunner.Compile(source));
        var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "The test source itself does not compile: " + string.Join("; ", inputErrors));
        var all = run.AllDiagnostics;
        Assert.True(all.Count == 1, "Expected one diagnostic, got: " + string.Join("; ", all.Select(d => d.ToString())));
        var diagnostic = all[0];
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    /// <summary>Asserts that a source produces no generator or analyzer diagnostics.</summary>
    public static GeneratorRun None(string source)
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compile(GeneratorRunner.Usings + Rows + source));
        Assert.True(run.AllDiagnostics.Count == 0, "Unexpected: " + string.Join("; ", run.AllDiagnostics.Select(d => d.ToString())));
        return run;
    }
}
