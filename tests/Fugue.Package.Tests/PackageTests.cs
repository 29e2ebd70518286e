using System.Text.Json;
using System.Xml.Linq;
using Fugue.Docs.Tests.Infrastructure;

namespace Fugue.Package.Tests;

/// <summary>
/// How a user consumes Fugue.NET: fresh console projects outside the repository reference the packed packages from a
/// local folder feed (plus the machine's normal NuGet source), declare a [Transformer] over records, build and run.
/// </summary>
public sealed class PackageTests : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(20);

    /// <summary>The user's code: a typed transformer over records, run on the native engine.</summary>
    private const string Program = """
        using System.Globalization;
        using Fugue.Frames;
        using Fugue.Native;
        using Fugue.Partitioning;
        using Fugue.Schemas;
        using Fugue.Transformers;

        using var engine = new NativeExecutionEngine();
        var sales = new ArrayDataFrame(
            [["east", 1, 10.5], ["west", 2, 7.25], ["east", 1, 3.0], ["west", 2, 1.0]],
            Schema.Parse("Region:str,Key:int,Amount:double"));
        var ranked = engine.Transform(sales, Pipelines.RankWithinKey, PartitionSpec.By("Key").WithPresort("Amount desc"));
        Console.WriteLine($"schema: {ranked.Schema}");
        foreach (var row in ranked.AsArray())
        {
            Console.WriteLine("row: " + string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        public sealed record Sale(string Region, int Key, double Amount);

        public sealed record Ranked(string Region, int Key, double Amount, int Rank);

        public static class Pipelines
        {
            [Transformer("*,Rank:int")]
            public static IEnumerable<Ranked> RankWithinKey(IEnumerable<Sale> rows)
            {
                var rank = 1;
                foreach (var r in rows)
                {
                    yield return new Ranked(r.Region, r.Key, r.Amount, rank++);
                }
            }
        }
        """;

    private static readonly string[] ExpectedRows = ["row: east|1|10.5|1", "row: east|1|3|2", "row: west|2|1|2", "row: west|2|7.25|1"];

    private readonly PackedFeed _feed;

    /// <summary>Gets the run's packages.</summary>
    public PackageTests(PackedFeed feed) => _feed = feed;

    private static string Project(string packageReferences, string extraProperties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <InvariantGlobalization>true</InvariantGlobalization>{extraProperties}
          </PropertyGroup>
          <ItemGroup>
        {packageReferences}
          </ItemGroup>
        </Project>
        """;

    private static void AssertRanked(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("schema: Region:str,Key:int,Amount:double,Rank:int", lines);
        Assert.Equal(ExpectedRows, lines.Where(l => l.StartsWith("row: ", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Packages_CarryTheGeneratorTheDaskBridgeLicenseReadmeAndSymbols()
    {
        foreach (var id in PackedFeed.PackageIds)
        {
            var entries = _feed.Entries(id);
            Assert.Contains("LICENSE", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            Assert.Contains($"lib/net10.0/{id}.xml", entries);
            Assert.Contains($"lib/net10.0/{id}.pdb", _feed.Entries(id, ".snupkg"));
            var nuspec = _feed.ReadEntry(id, id + ".nuspec");
            Assert.Contains("<license type=\"expression\">Apache-2.0</license>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<description>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\"", nuspec, StringComparison.Ordinal);
        }

        Assert.Contains("analyzers/dotnet/cs/Fugue.Generators.dll", _feed.Entries("Fugue.Runtime"));
        var dask = _feed.Entries("Fugue.Dask");
        Assert.Contains("tools/executor/Fugue.Dask.Executor.dll", dask);
        Assert.Contains("tools/executor/Fugue.Dask.Executor.runtimeconfig.json", dask);
        Assert.Contains("tools/fugue-dask/fugue_dask_bridge.py", dask);
        Assert.Contains("tools/fugue-dask/fugue_dask_worker.py", dask);
        Assert.Contains("buildTransitive/Fugue.Dask.targets", dask);

        // Dependencies are pinned to this build's versions and keep analyzers flowing (the generator must reach the
        // projects that reference Fugue.Engines or Fugue.Dask only).
        AssertDependency("Fugue.Engines", "Fugue.Runtime");
        AssertDependency("Fugue.Dask", "Fugue.Engines");
    }

    private void AssertDependency(string id, string dependencyId)
    {
        var nuspec = XDocument.Parse(_feed.ReadEntry(id, id + ".nuspec"));
        var dependency = nuspec.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == dependencyId);
        Assert.Equal(_feed.Version, (string?)dependency.Attribute("version"));
        var exclude = (string?)dependency.Attribute("exclude") ?? "";
        Assert.DoesNotContain("Analyzers", exclude, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConsoleProject_ReferencingThePackages_BuildsAndRunsATransformer()
    {
        var dir = _feed.CreateConsoleProject(
            "Consumer",
            Project("""
                    <PackageReference Include="Fugue.Engines" Version="$(FugueTestVersion)" />
                    <PackageReference Include="Fugue.Dask" Version="$(FugueTestVersion)" />
                """),
            Program);
        ProcessRunner.Dotnet(dir, HangGuard, "build", "-c", "Release", "-nologo");
        var bin = Path.Combine(dir, "bin", "Release", "net10.0");
        AssertRanked(ProcessRunner.Dotnet(dir, HangGuard, "exec", Path.Combine(bin, "Consumer.dll")).Output);

        // Fugue.Dask's build targets put the bridge and the executor where DaskExecutionEngine looks by default, and
        // the executor starts from there (it exits 0 at the end of its input).
        Assert.True(File.Exists(Path.Combine(bin, "fugue-dask", "fugue_dask_bridge.py")));
        Assert.True(File.Exists(Path.Combine(bin, "fugue-dask", "fugue_dask_worker.py")));
        Assert.True(File.Exists(Path.Combine(bin, "Fugue.Dask.Executor.runtimeconfig.json")));
        ProcessRunner.Dotnet(bin, HangGuard, "exec", Path.Combine(bin, "Fugue.Dask.Executor.dll"), "--app-dir", bin);
    }

    [Fact]
    public void ConsoleProject_PublishesTrimmed_WithoutTrimOrAotWarnings()
    {
        // The registry copy lacks the NativeAOT runtime pack (Microsoft.NETCore.App.Runtime.NativeAOT.linux-x64), so a
        // PublishAot=true publish cannot restore here. A trimmed self-contained publish runs the same whole-program trim
        // analysis (ILLink over Fugue.Runtime, Fugue.Engines and the generated adapters), and the AOT analyzer runs
        // on the user's and the generated code; warnings are errors, so any trim or AOT warning fails the publish.
        var dir = _feed.CreateConsoleProject(
            "TrimmedConsumer",
            Project(
                """
                    <PackageReference Include="Fugue.Engines" Version="$(FugueTestVersion)" />
                """,
                """

                    <PublishTrimmed>true</PublishTrimmed>
                    <SelfContained>true</SelfContained>
                    <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                    <TrimmerSingleWarn>false</TrimmerSingleWarn>
                    <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
                    <EnableAotAnalyzer>true</EnableAotAnalyzer>
                """),
            Program);
        var publish = ProcessRunner.Dotnet(dir, HangGuard, "publish", "-c", "Release", "-nologo");
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        var app = Path.Combine(dir, "bin", "Release", "net10.0", "linux-x64", "publish", "TrimmedConsumer");
        Assert.True(File.Exists(app), "no trimmed executable was published:\n" + publish.Output);
        AssertRanked(ProcessRunner.Run(app, [], dir, HangGuard).Output);
    }

    [Theory]
    [InlineData("Fugue.Runtime", true)]
    [InlineData("Fugue.Engines", true)]
    [InlineData("Fugue.Dask", false)]
    public void Libraries_BuildWithTheTrimAndAotAnalyzersOn_ExceptDask(string project, bool aotCompatible)
    {
        var result = ProcessRunner.Dotnet(
            RepoPaths.Root,
            HangGuard,
            "msbuild",
            RepoPaths.Combine("src", project, project + ".csproj"),
            "-getProperty:IsAotCompatible",
            "-getProperty:EnableTrimAnalyzer",
            "-getProperty:EnableAotAnalyzer",
            "-getProperty:TreatWarningsAsErrors");
        var properties = JsonDocument.Parse(result.Output).RootElement.GetProperty("Properties");
        string Get(string name) => properties.GetProperty(name).GetString() ?? "";
        Assert.Equal("true", Get("TreatWarningsAsErrors"));
        Assert.Equal(aotCompatible ? "true" : "false", Get("IsAotCompatible"));
        if (aotCompatible)
        {
            Assert.Equal("true", Get("EnableTrimAnalyzer"));
            Assert.Equal("true", Get("EnableAotAnalyzer"));
        }
    }
}
