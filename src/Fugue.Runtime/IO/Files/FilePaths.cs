namespace Fugue.IO.Files;

/// <summary>
/// Expands load paths into data files: a file is itself; a folder is its part files (recursively, Hive <c>key=value</c>
/// folders give partition values; names starting with <c>_</c> or <c>.</c> such as <c>_SUCCESS</c> are ignored; for CSV
/// and JSON only files with the format's suffix); a path with <c>*</c> or <c>?</c> in any segment is a glob.
/// </summary>
public static class FilePaths
{
    /// <summary>True when <paramref name="name"/> is hidden from loaders (starts with <c>_</c> or <c>.</c>).</summary>
    public static bool IsHidden(string name) => name.Length > 0 && (name[0] == '_' || name[0] == '.');

    /// <summary>True when <paramref name="path"/> contains a glob wildcard.</summary>
    public static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The data files of <paramref name="paths"/>, in order (each folder's files sorted by ordinal path).</summary>
    /// <exception cref="FileNotFoundException">A path does not exist, or a glob or folder has no data files.</exception>
    public static IReadOnlyList<DataFile> Expand(IReadOnlyList<string> paths, FileFormat format)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("no paths to load", nameof(paths));
        }

        var result = new List<DataFile>();
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(paths));
            var before = result.Count;
            if (IsGlob(path))
            {
                foreach (var match in ExpandGlob(Path.GetFullPath(path)))
                {
                    AddPath(match, format, result);
                }
            }
            else
            {
                var full = Path.GetFullPath(path);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    throw new FileNotFoundException($"the path '{path}' does not exist", path);
                }

                AddPath(full, format, result);
            }

            if (result.Count == before)
            {
                throw new FileNotFoundException($"the path '{path}' has no {format.ToString().ToLowerInvariant()} data files (names starting with '_' or '.' are ignored)", path);
            }
        }

        return result;
    }

    /// <summary>Matches a file name against a glob of <c>*</c> (any run) and <c>?</c> (one character), case-sensitively.</summary>
    public static bool GlobMatch(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        int n = 0, p = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                n++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static void AddPath(string full, FileFormat format, List<DataFile> result)
    {
        if (File.Exists(full))
        {
            result.Add(new DataFile(full, []));
        }
        else if (Directory.Exists(full))
        {
            AddFolder(full, format, [], result);
        }
    }

    private static void AddFolder(string folder, FileFormat format, List<KeyValuePair<string, string?>> partitions, List<DataFile> result)
    {
        var files = Directory.GetFiles(folder);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (IsHidden(name))
            {
                continue;
            }

            if (format is FileFormat.Csv or FileFormat.Json && !FileFormats.HasSuffixOf(name, format))
            {
                continue;
            }

            result.Add(new DataFile(file, partitions.ToArray()));
        }

        var folders = Directory.GetDirectories(folder);
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (var sub in folders)
        {
            var name = Path.GetFileName(sub);
            if (IsHidden(name))
            {
                continue;
            }

            var nested = partitions;
            if (HivePartitioning.TryParseFolder(name, out var key, out var value))
            {
                nested = [.. partitions, new KeyValuePair<string, string?>(key, value)];
            }

            AddFolder(sub, format, nested, result);
        }
    }

    private static IEnumerable<string> ExpandGlob(string fullPattern)
    {
        var root = Path.GetPathRoot(fullPattern) ?? "";
        var segments = fullPattern[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (!IsGlob(segment))
            {
                current = current.Select(c => Path.Combine(c, segment)).Where(p => last ? File.Exists(p) || Directory.Exists(p) : Directory.Exists(p)).ToList();
                continue;
            }

            current = current.SelectMany(c => Directory.EnumerateFileSystemEntries(c)
                    .Where(e => !IsHidden(Path.GetFileName(e)) && GlobMatch(Path.GetFileName(e), segment))
                    .Where(e => last || Directory.Exists(e))
                    .Order(StringComparer.Ordinal))
                .ToList();
        }

        return current;
    }
}
