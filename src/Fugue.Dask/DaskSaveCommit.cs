namespace Fugue.Dask;

/// <summary>
/// Publishes a save whose part files the workers wrote into a hidden staging folder next to the target (the rules of
/// <see cref="Fugue.IO.Files.FileSaver"/>): nothing is visible under the target until every part is complete;
/// overwrite renames the old data aside, renames the new data in (restoring the old data if that fails) and only then
/// deletes the old data; append moves the new part files into the folder (undoing the moves if one fails).
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
                DeleteQuietly(entry);
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

    /// <summary>Replaces <paramref name="full"/> (file or folder, if any) with <paramref name="staged"/>.</summary>
    /// <exception cref="IOException"><paramref name="errorIfExists"/> and the target exists.</exception>
    public static void Replace(string staged, string full, string runId, bool errorIfExists, string path)
    {
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Move(staged, full);
            return;
        }

        if (errorIfExists)
        {
            throw new IOException($"cannot save to '{path}': it already exists (save mode error)");
        }

        var old = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".old-" + runId);
        Move(full, old);
        try
        {
            Move(staged, full);
        }
        catch
        {
            Move(old, full);
            throw;
        }

        DeleteQuietly(old);
    }

    /// <summary>Adds the staged folder's files to the folder <paramref name="full"/> (created when missing).</summary>
    public static void Append(string staging, string full)
    {
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Move(staging, full);
            return;
        }

        var moved = new List<(string From, string To)>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(full, Path.GetRelativePath(staging, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Move(file, to);
                moved.Add((file, to));
            }
        }
        catch
        {
            foreach (var (from, to) in moved)
            {
                File.Move(to, from);
            }

            throw;
        }
    }

    /// <summary>Deletes a file or folder, ignoring failures (a leftover is hidden from loaders by its leading '.').</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}
