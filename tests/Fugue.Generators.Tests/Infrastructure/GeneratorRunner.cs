using System.Collections.Immutable;
using System.Reflection;
using Fugue.Generators;
using Fugue.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fugue.Generators.Tests.Infrastructure;

/// <summary>The outcome of running the generator (and the handle analyzer) over some sources.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    IReadOnlyDictionary<string, string> Sources,
    GeneratorDriver Driver)
{
    /// <summary>Generator and analyzer diagnostics together, ordered by position.</summary>
    public IReadOnlyList<Diagnostic> AllDiagnostics =>
        GeneratorDiagnostics.Concat(AnalyzerDiagnostics).OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>Errors and warnings of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

/// <summary>Builds compilations against the runtime assembly and runs the generator over them.</summary>
public static class GeneratorRunner
{
    /// <summary>Parse options used for inputs and by the driver alike.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = paths.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(Fugue.Transformers.TransformerAttribute).Assembly.Location));
        return refs.ToImmutableArray();
    });

    /// <summary>Usings every test source gets implicitly.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using Fugue.Transformers;

        """;

    /// <summary>Creates a compilation of <paramref name="sources"/>.</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Creates a driver with step tracking on.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new TransformerGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and the analyzer over sources (with <see cref="Usings"/> prepended).</summary>
    public static GeneratorRun Run(params string[] sources) =>
        Run(Compile(sources.Select(s => Usings + s).ToArray()));

    /// <summary>Runs the generator and the analyzer over a compilation.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null, bool withAnalyzer = true)
    {
        driver ??= CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results[0];
        if (result.Exception is { } e)
        {
            throw new InvalidOperationException("The generator threw.", e);
        }

        var analyzerDiagnostics = withAnalyzer
            ? output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TransformerHandleAnalyzer(), new PartitionRuleAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            : ImmutableArray<Diagnostic>.Empty;
        var sources = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return new GeneratorRun(compilation, output, diagnostics, analyzerDiagnostics, sources, driver);
    }
}
