namespace Fugue.Dask;

/// <summary>
/// Publishes a save whose part files the workers wrote into a hidden staging folder next to the target, with the
/// commit rules of <see cref="Fugue.IO.Files.SaveCommit"/> (shared with the native save), after tidying the staged
/// folder (attempts of tasks that died mid-write, part names).
/// </summary>
internal static class DaskSaveCommit
{
    /// <summary>Deletes hidden leftovers (attempts of tasks that died mid-write) from a staged folder, recursively.</summary>
    public static void DropHidden(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).ToList())
        {
            if (Fugue.IO.Files.FilePaths.IsHidden(Path.GetFileName(entry)))
            {
                Fugue.IO.Files.SaveCommit.DeleteQuietly(entry);
            }
            else if (Directory.Exists(entry))
            {
                DropHidden(entry);
            }
        }
    }

    /// <summary>Moves every data file of <paramref name="from"/> to the same relative path under <paramref name="to"/>, renaming the file names' <paramref name="prefix"/>.</summary>
    public static void Merge(string from, string to, string prefix, string newPrefix)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.Split(Path.DirectorySeparatorChar).Any(Fugue.IO.Files.FilePaths.IsHidden))
            {
                continue;
            }

            var name = Path.GetFileName(rel);
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = newPrefix + name[prefix.Length..];
            }

            var target = Path.Combine(to, Path.GetDirectoryName(rel) ?? "", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target);
        }
    }
}
