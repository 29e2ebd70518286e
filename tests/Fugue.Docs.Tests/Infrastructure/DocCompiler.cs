using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fugue.Docs.Tests.Infrastructure;

/// <summary>One compiled block: its wrapped source and the diagnostics (errors and warnings) located in it.</summary>
/// <param name="Block">The doc block.</param>
/// <param name="Source">The source the block was wrapped into.</param>
/// <param name="Diagnostics">Errors and warnings in the block's own code (generator, analyzer and compiler alike).</param>
public sealed record CompiledBlock(DocBlock Block, string Source, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The diagnostics, one per line, with the wrapped source numbered, for failure messages.</summary>
    public string Describe() =>
        Block.Name + " (section '" + Block.Section + "'):\n"
        + string.Join("\n", Diagnostics.Select(d => "  " + d))
        + "\n--- compiled as ---\n"
        + string.Join("\n", Source.Split('\n').Select((l, i) => (i + 1).ToString("D3", CultureInfo.InvariantCulture) + "  " + l));
}

/// <summary>
/// Compiles doc blocks in process with Roslyn, the Fugue source generator and its analyzers, against the framework and
/// the Fugue assemblies, with a console project's settings (nullable on, implicit usings, warnings count).
/// A block may be a program (top-level statements, optionally followed by types) or a library file (types, with or
/// without a namespace); each is wrapped into its own namespace so blocks never see each other's names.
/// </summary>
public static class DocCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    // Each compilation gets its own assembly name, so that several can be loaded into one process.
    private static int s_compilations;

    /// <summary>The SDK's implicit usings of a console project.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;

        """;

    /// <summary>
    /// Usings added to blocks of files whose snippets leave them out (docs/dask.md shows its engine calls without using
    /// lines): the namespaces a Fugue user imports.
    /// </summary>
    private static readonly Dictionary<string, string[]> ExtraUsings = new(StringComparer.Ordinal)
    {
        ["docs/dask.md"] = ["Fugue.Dask", "Fugue.Execution", "Fugue.Frames", "Fugue.Partitioning", "Fugue.Schemas", "Fugue.Transformers"],
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal));
        var fugue = new[]
        {
            typeof(Fugue.Schemas.Schema).Assembly.Location,
            typeof(Fugue.Execution.ExecutionEngine).Assembly.Location,
            typeof(Fugue.Dask.DaskExecutionEngine).Assembly.Location,
        };
        return framework.Concat(fugue).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    private static Assembly GeneratorAssembly => typeof(Fugue.Generators.TransformerGenerator).Assembly;

    /// <summary>Every generator of the Fugue generator assembly ([Generator] types).</summary>
    private static IEnumerable<ISourceGenerator> Generators() =>
        GeneratorAssembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator source => source,
                _ => throw new InvalidOperationException(t + " is not a generator"),
            });

    /// <summary>Every analyzer of the Fugue generator assembly ([DiagnosticAnalyzer] types).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        GeneratorAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Every diagnostic id the generator assembly declares (descriptor fields and analyzers' supported diagnostics).</summary>
    public static IReadOnlyList<string> DiagnosticIds() =>
        GeneratorAssembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor) && !f.FieldType.ContainsGenericParameters && !f.DeclaringType!.ContainsGenericParameters)
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .Concat(Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id))
            .Where(id => id.StartsWith("FUG", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Compiles the blocks together (one compilation, one generator run) and returns each block's diagnostics.</summary>
    public static IReadOnlyList<CompiledBlock> Compile(IReadOnlyList<DocBlock> blocks) => CompileAll(blocks).Blocks;

    /// <summary>
    /// Compiles the blocks together and returns each block's diagnostics, the compilation with the generated sources,
    /// and the namespace each block was wrapped into (its top-level statements are <c>{namespace}.Snippet.Run</c>).
    /// </summary>
    public static (IReadOnlyList<CompiledBlock> Blocks, Compilation Output, IReadOnlyList<string> Namespaces) CompileAll(IReadOnlyList<DocBlock> blocks)
    {
        var sources = blocks.Select((b, i) => (Block: b, Path: "block" + i.ToString("D3", CultureInfo.InvariantCulture) + ".cs", Source: Wrap(b, "Docs.Block" + i.ToString("D3", CultureInfo.InvariantCulture)))).ToList();
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, path: s.Path, encoding: Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "ImplicitUsings.cs", encoding: Encoding.UTF8))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "DocBlocks" + Interlocked.Increment(ref s_compilations).ToString(CultureInfo.InvariantCulture),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

        var driver = CSharpGeneratorDriver.Create(Generators(), parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzers = Analyzers();
        var analyzerDiagnostics = analyzers.IsEmpty
            ? ImmutableArray<Diagnostic>.Empty
            : output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var all = generatorDiagnostics.Concat(output.GetDiagnostics()).Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Distinct()
            .ToList();

        // Problems inside generated code are charged to every block: they mean a block made the generator emit bad code.
        var unlocated = all.Where(d => d.Location.SourceTree is null || !sources.Any(s => s.Path == d.Location.SourceTree.FilePath)).ToList();
        var compiled = sources.Select(s => new CompiledBlock(
                s.Block,
                s.Source,
                all.Where(d => d.Location.SourceTree?.FilePath == s.Path).Concat(unlocated).ToList()))
            .ToList();
        return (compiled, output, blocks.Select((_, i) => "Docs.Block" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList());
    }

    /// <summary>Emits a compilation that has no errors into an assembly loaded in this process.</summary>
    public static Assembly Load(Compilation output)
    {
        using var pe = new MemoryStream();
        var emitted = output.Emit(pe);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("the doc blocks did not emit:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        pe.Position = 0;
        return System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(pe);
    }

    /// <summary>True when the block has top-level statements (a program to run), as written.</summary>
    public static bool IsProgram(DocBlock block) =>
        ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, ParseOptions).GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();

    /// <summary>
    /// Wraps a block into namespace <paramref name="ns"/>: top-level statements become the body of
    /// <c>Snippet.Run(string[] args)</c>, types move into the namespace, and namespaces the block declares are nested
    /// under it. A block that does not parse as a C# file is reported by the caller through the original's diagnostics.
    /// </summary>
    public static string Wrap(DocBlock block, string ns)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, ParseOptions).GetRoot();
        var text = new StringBuilder();
        text.Append("// ").Append(block.Name).Append('\n');
        foreach (var extra in ExtraUsings.GetValueOrDefault(block.File, []))
        {
            text.Append("using ").Append(extra).Append(";\n");
        }

        text.Append(root.Externs.ToFullString()).Append(root.Usings.ToFullString()).Append(root.AttributeLists.ToFullString());
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var loose = new List<MemberDeclarationSyntax>();
        foreach (var member in root.Members.Where(m => m is not GlobalStatementSyntax))
        {
            switch (member)
            {
                case FileScopedNamespaceDeclarationSyntax fileScoped:
                    text.Append("namespace ").Append(ns).Append('.').Append(fileScoped.Name.ToString()).Append("\n{\n")
                        .Append(fileScoped.Externs.ToFullString()).Append(fileScoped.Usings.ToFullString())
                        .Append(string.Concat(fileScoped.Members.Select(m => m.ToFullString()))).Append("\n}\n");
                    break;
                case NamespaceDeclarationSyntax nested:
                    text.Append(nested.WithName(SyntaxFactory.ParseName(ns + "." + nested.Name)).ToFullString()).Append('\n');
                    break;
                default:
                    loose.Add(member);
                    break;
            }
        }

        if (loose.Count > 0 || statements.Count > 0)
        {
            text.Append("namespace ").Append(ns).Append("\n{\n");
            foreach (var member in loose)
            {
                text.Append(member.ToFullString()).Append('\n');
            }

            if (statements.Count > 0)
            {
                var isAsync = statements.Any(s => s.DescendantTokens().Any(t => t.IsKind(SyntaxKind.AwaitKeyword)));
                text.Append("internal static class Snippet\n{\n")
                    .Append(isAsync ? "    internal static async Task Run(string[] args)\n    {\n" : "    internal static void Run(string[] args)\n    {\n");
                foreach (var statement in statements)
                {
                    text.Append(statement.ToFullString());
                }

                text.Append("\n    }\n}\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>Syntax errors of the block as written (before wrapping): a block must be a valid C# file on its own.</summary>
    public static IReadOnlyList<Diagnostic> SyntaxErrors(DocBlock block) =>
        CSharpSyntaxTree.ParseText(block.Code, ParseOptions).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
