namespace Fugue.IO.Files;

/// <summary>One file found by <see cref="FilePaths.Expand"/>, with the Hive partition values of the folders above it.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Partitions">The <c>key=value</c> folders between the loaded root and the file, outermost first (values unescaped; null for Hive's null marker).</param>
public sealed record DataFile(string Path, IReadOnlyList<KeyValuePair<string, string?>> Partitions);
