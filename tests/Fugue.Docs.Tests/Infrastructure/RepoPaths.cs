namespace Fugue.Docs.Tests.Infrastructure;

/// <summary>Locations in the repository the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fugue.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Fugue.slnx was not found above " + AppContext.BaseDirectory + ": the tests must run from the repository's build output.");
    });

    /// <summary>The repository root (the folder of Fugue.slnx).</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The build configuration of this test assembly (Debug or Release), so samples are run as built alongside.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
