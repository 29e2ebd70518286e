namespace Fugue.IO.Files;

/// <summary>
/// Publishes a save that was written into a hidden staging file or folder next to its target, so that a partial write
/// is never visible as a complete dataset and a failed overwrite leaves the old data intact: overwrite renames the
/// old data aside, renames the new data in (restoring the old data if that fails) and only then deletes the old
/// data; append moves the new files into the folder (undoing the moves if one fails). Used by
/// <see cref="FileSaver"/> and by engines whose workers write the staged files.
/// </summary>
public static class SaveCommit
{
    /// <summary>Replaces <paramref name="full"/> (a file or folder, if any) with <paramref name="staged"/>.</summary>
    /// <param name="staged">The complete new data (file or folder).</param>
    /// <param name="full">The target's full path.</param>
    /// <param name="runId">A unique id of this save, naming the hidden aside copy of the old data.</param>
    /// <param name="errorIfExists">Save mode error: fail when the target exists.</param>
    /// <param name="path">The path as the user gave it, for messages.</param>
    /// <exception cref="IOException"><paramref name="errorIfExists"/> and the target exists.</exception>
    public static void Replace(string staged, string full, string runId, bool errorIfExists, string path)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(full);
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

    /// <summary>Adds the staged folder's files to the folder <paramref name="full"/> (moved whole when it does not exist).</summary>
    public static void Append(string staging, string full)
    {
        ArgumentNullException.ThrowIfNull(staging);
        ArgumentNullException.ThrowIfNull(full);
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
