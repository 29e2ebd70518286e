using Fugue.Docs.Tests.Infrastructure;

namespace Fugue.Docs.Tests;

/// <summary>
/// Every C# block of the docs compiles, so the docs cannot rot: right examples (and all other blocks) compile with no
/// error or warning, and each diagnostic's wrong example (<c>```csharp wrong FUGnnn</c>) produces exactly that
/// diagnostic.
/// </summary>
public sealed class DocBlockTests
{
    private static readonly Lazy<IReadOnlyList<DocBlock>> Blocks = new(DocBlock.All);

    // The right blocks compile together: one compilation and one generator run for all of them.
    private static readonly Lazy<IReadOnlyDictionary<string, CompiledBlock>> Compiled = new(() =>
        DocCompiler.Compile(Blocks.Value.Where(b => b.ExpectedDiagnostic is null).ToList()).ToDictionary(c => c.Block.Name));

    // The runnable programs that compiled cleanly, compiled again on their own (one block's error would stop the whole
    // assembly from emitting) and loaded once; the module initializer registers the blocks' transformers.
    private static readonly Lazy<(System.Reflection.Assembly Assembly, IReadOnlyDictionary<string, string> Namespaces)> Loaded = new(() =>
    {
        var programs = Blocks.Value.Where(b => Runnable(b) && Right[b.Name].Diagnostics.Count == 0).ToList();
        var (_, output, namespaces) = DocCompiler.CompileAll(programs);
        return (DocCompiler.Load(output), programs.Select((b, i) => (b.Name, namespaces[i])).ToDictionary(p => p.Name, p => p.Item2));
    });

    // Programs that need more than this process: a Dask cluster (docs/dask.md shows how to start one; the Dask tests and
    // the Quickstart's dask test cover running on it).
    private static bool Runnable(DocBlock b) =>
        b.ExpectedDiagnostic is null && DocCompiler.IsProgram(b) && b.File != "docs/dask.md" && !b.Code.Contains("StartLocalCluster", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, CompiledBlock> Right => Compiled.Value;

    /// <summary>Names (file:line) of the blocks that must compile cleanly.</summary>
    public static TheoryData<string> RightBlocks() => new(DocBlock.All().Where(b => b.ExpectedDiagnostic is null).Select(b => b.Name));

    /// <summary>Names (file:line) of the diagnostics' wrong examples.</summary>
    public static TheoryData<string> WrongBlocks() => new(DocBlock.All().Where(b => b.ExpectedDiagnostic is not null).Select(b => b.Name));

    [Theory]
    [MemberData(nameof(RightBlocks))]
    public void Block_Compiles_WithoutErrorsOrWarnings(string name)
    {
        var block = Blocks.Value.Single(b => b.Name == name);
        Assert.Empty(DocCompiler.SyntaxErrors(block));
        var compiled = Right[name];
        Assert.True(compiled.Diagnostics.Count == 0, compiled.Describe());
    }

    /// <summary>Names (file:line) of the program blocks that run in this process.</summary>
    public static TheoryData<string> ProgramBlocks() => new(DocBlock.All().Where(Runnable).Select(b => b.Name));

    [Theory]
    [MemberData(nameof(ProgramBlocks))]
    public async Task ProgramBlock_Runs(string name)
    {
        var compiled = Right[name];
        Assert.True(compiled.Diagnostics.Count == 0, compiled.Describe());
        var snippet = Loaded.Value.Assembly.GetType(Loaded.Value.Namespaces[name] + ".Snippet", throwOnError: true)!;
        var run = snippet.GetMethod("Run", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;
        try
        {
            if (run.Invoke(null, [Array.Empty<string>()]) is Task task)
            {
                await task;
            }
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            Assert.Fail(name + " threw " + e.InnerException + "\n" + compiled.Describe());
        }
    }

    [Theory]
    [MemberData(nameof(WrongBlocks))]
    public void WrongExample_ProducesExactlyItsDiagnostic(string name)
    {
        var block = Blocks.Value.Single(b => b.Name == name);
        Assert.Empty(DocCompiler.SyntaxErrors(block));
        // Alone, so that its errors cannot hide or cause another block's.
        var compiled = DocCompiler.Compile([block]).Single();
        Assert.True(compiled.Diagnostics.Count > 0, "expected " + block.ExpectedDiagnostic + " but the block compiled cleanly: " + compiled.Describe());
        Assert.True(compiled.Diagnostics.All(d => d.Id == block.ExpectedDiagnostic), "expected only " + block.ExpectedDiagnostic + ": " + compiled.Describe());
    }

    [Fact]
    public void EveryDiagnostic_HasAWrongAndARightExample_InDiagnosticsDoc()
    {
        var ids = DocCompiler.DiagnosticIds();
        Assert.NotEmpty(ids);
        var doc = Blocks.Value.Where(b => b.File == "docs/diagnostics.md").ToList();
        foreach (var id in ids)
        {
            var section = doc.Where(b => b.Section.StartsWith(id, StringComparison.Ordinal)).ToList();
            Assert.True(section.Any(b => b.ExpectedDiagnostic == id), "docs/diagnostics.md has no wrong example of " + id + " (a ```csharp wrong " + id + " block under a heading starting with " + id + ")");
            Assert.True(section.Any(b => b.ExpectedDiagnostic is null), "docs/diagnostics.md has no right example of " + id + " under its heading");
        }

        // And no example claims a diagnostic the generator does not have.
        Assert.All(Blocks.Value.Where(b => b.ExpectedDiagnostic is not null), b => Assert.Contains(b.ExpectedDiagnostic, ids));
    }

    [Fact]
    public void DocsFolder_IsLinkedFromTheReadme_PageByPage()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        foreach (var page in Directory.GetFiles(RepoPaths.Combine("docs"), "*.md"))
        {
            Assert.Contains("docs/" + Path.GetFileName(page), readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parser_FindsCSharpBlocks_WithTheirKindAndSection()
    {
        const string markdown = """
            # Title
            ```bash
            echo no
            ```
            ## FUG003 extra column
            ```csharp wrong FUG003
            class A { }
            ```
              ```cs
              class B { }
              ```
            """;
        var blocks = DocBlock.Parse("x.md", markdown).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(("FUG003", "FUG003 extra column", 6), (blocks[0].ExpectedDiagnostic, blocks[0].Section, blocks[0].Line));
        Assert.Equal("class B { }\n", blocks[1].Code);
        Assert.Null(blocks[1].ExpectedDiagnostic);
    }
}
