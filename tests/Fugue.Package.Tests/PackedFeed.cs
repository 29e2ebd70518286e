using System.Globalization;
using System.IO.Compression;
using Fugue.Docs.Tests.Infrastructure;

namespace Fugue.Package.Tests;

/// <summary>
/// Packs Fugue.Runtime, Fugue.Engines and Fugue.Dask once per test run into a temporary folder feed, with a unique
/// prerelease version (NuGet's global cache never serves an older build of the same version), and removes the
/// packages from the global cache again at the end.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The packages a user consumes.</summary>
    public static readonly string[] PackageIds = ["Fugue.Runtime", "Fugue.Engines", "Fugue.Dask"];

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(20);

    /// <summary>Packs the packages.</summary>
    public PackedFeed()
    {
        Version = "0.1.0-test." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        Root = Directory.CreateTempSubdirectory("fugue-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        // The temporary root stops MSBuild's upward search for Directory.Build.* and NuGet's for nothing else:
        // the consumer projects below see only the machine's normal NuGet configuration plus the local feed.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fugue-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        // One pack of the three packable projects through a solution listing just them (relative paths, as a
        // solution file needs), so their shared dependencies are built once.
        var solution = Path.Combine(Root, "packages.slnx");
        var projects = PackageIds.Select(id => Path.GetRelativePath(Root, RepoPaths.Combine("src", id, id + ".csproj")));
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        // PackageVersion (not Version) keeps the assemblies' own version, so an already built tree is not recompiled.
        ProcessRunner.Dotnet(Root, HangGuard, "pack", solution, "-c", RepoPaths.Configuration, "-o", Feed, "-p:PackageVersion=" + Version, "-nologo");
    }

    /// <summary>The unique version of this run's packages.</summary>
    public string Version { get; }

    /// <summary>The temporary folder (feed, nuget.config, consumer projects).</summary>
    public string Root { get; }

    /// <summary>The folder feed holding the .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The path of a package file of this run.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, id + "." + Version + extension);

    /// <summary>The entry names of a package file.</summary>
    public IReadOnlyList<string> Entries(string id, string extension = ".nupkg")
    {
        using var zip = ZipFile.OpenRead(PackagePath(id, extension));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The text of one entry of a package.</summary>
    public string ReadEntry(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Creates a console project folder under <see cref="Root"/> with a project file and a Program.cs.</summary>
    public string CreateConsoleProject(string name, string projectXml, string program)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), projectXml.Replace("$(FugueTestVersion)", Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            TryDelete(Path.Combine(cache, id.ToLowerInvariant(), Version));
        }

        TryDelete(Root);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the next run uses a new version and folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
