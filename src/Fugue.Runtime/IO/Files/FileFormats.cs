namespace Fugue.IO.Files;

/// <summary>Detection of a <see cref="FileFormat"/> from a format hint or a path's suffix (case-insensitive).</summary>
public static class FileFormats
{
    private static readonly (string Suffix, FileFormat Format)[] Suffixes =
    [
        (".parquet", FileFormat.Parquet),
        (".csv.gz", FileFormat.Csv),
        (".csv", FileFormat.Csv),
        (".json.gz", FileFormat.Json),
        (".json", FileFormat.Json),
        (".arrow", FileFormat.Arrow),
        (".feather", FileFormat.Arrow),
    ];

    /// <summary>The accepted hints and suffixes, for error messages.</summary>
    public const string Accepted =
        "formats parquet, csv, json, arrow (feather); suffixes .parquet, .csv, .csv.gz, .json, .json.gz, .arrow, .feather";

    /// <summary>
    /// The format named by <paramref name="formatHint"/> when given, else the one of <paramref name="path"/>'s suffix.
    /// </summary>
    /// <exception cref="NotSupportedException">The hint or the suffix is not one of the accepted ones.</exception>
    public static FileFormat Detect(string path, string? formatHint = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!string.IsNullOrWhiteSpace(formatHint))
        {
            return ParseHint(formatHint);
        }

        return TryFromSuffix(path, out var format)
            ? format
            : throw new NotSupportedException($"cannot tell the file format of '{path}' from its suffix; accepted: {Accepted} (or pass a format hint)");
    }

    /// <summary>Parses a format hint (<c>parquet</c>, <c>csv</c>, <c>json</c>, <c>arrow</c> or <c>feather</c>, case-insensitive).</summary>
    /// <exception cref="NotSupportedException">The hint is not one of the accepted ones.</exception>
    public static FileFormat ParseHint(string formatHint)
    {
        ArgumentNullException.ThrowIfNull(formatHint);
        return formatHint.Trim().TrimStart('.').ToLowerInvariant() switch
        {
            "parquet" => FileFormat.Parquet,
            "csv" => FileFormat.Csv,
            "json" or "jsonl" => FileFormat.Json,
            "arrow" or "feather" or "ipc" => FileFormat.Arrow,
            _ => throw new NotSupportedException($"format hint '{formatHint}' is not supported; accepted: {Accepted}"),
        };
    }

    /// <summary>The format of <paramref name="path"/>'s suffix, if it has an accepted one.</summary>
    public static bool TryFromSuffix(string path, out FileFormat format)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var (suffix, f) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                format = f;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>True when <paramref name="fileName"/> has a suffix of <paramref name="format"/>.</summary>
    public static bool HasSuffixOf(string fileName, FileFormat format) =>
        TryFromSuffix(fileName, out var f) && f == format;

    /// <summary>The suffix of new part files: <paramref name="path"/>'s own suffix when it is one of the format's, else the default.</summary>
    public static string PartSuffix(string path, FileFormat format)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var (suffix, f) in Suffixes)
        {
            if (f == format && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return suffix.ToLowerInvariant();
            }
        }

        return format switch
        {
            FileFormat.Parquet => ".parquet",
            FileFormat.Csv => ".csv",
            FileFormat.Json => ".json",
            _ => ".arrow",
        };
    }
}
