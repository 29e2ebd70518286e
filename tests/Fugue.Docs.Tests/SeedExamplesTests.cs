using Fugue.Docs.Tests.Infrastructure;

namespace Fugue.Docs.Tests;

/// <summary>Runs samples/SeedExamples (the C# twins of Fugue's execution engine page) and checks each section's outcome.</summary>
public sealed class SeedExamplesTests
{
    [Fact]
    public void SeedExamples_RunEverySectionOfTheExecutionEnginePage()
    {
        var dll = RepoPaths.Combine("samples", "SeedExamples", "bin", RepoPaths.Configuration, "net10.0", "SeedExamples.dll");
        var output = ProcessRunner.Dotnet(RepoPaths.Root, TimeSpan.FromMinutes(10), "exec", dll).Output;
        foreach (var section in new[] { "Native engine from config", "Create DataFrame (ToDf)", "Repartition", "Map", "Persist & Broadcast", "Join", "Zip & Comap", "Load & Save", "SQL engine" })
        {
            Assert.Contains("=== " + section + " ===", output, StringComparison.Ordinal);
        }

        Assert.Contains("myconfig = abc", output, StringComparison.Ordinal);
        Assert.Contains("df1 rows == df3 rows: True", output, StringComparison.Ordinal);
        Assert.Contains("shared non-key column:", output, StringComparison.Ordinal);
        Assert.Contains("after append: 8 rows", output, StringComparison.Ordinal);
        Assert.Contains("mode error: cannot save to", output, StringComparison.Ordinal);
        Assert.Contains("force_single: one file", output, StringComparison.Ordinal);
        Assert.Contains("SqliteEngine select", output, StringComparison.Ordinal);
    }
}
