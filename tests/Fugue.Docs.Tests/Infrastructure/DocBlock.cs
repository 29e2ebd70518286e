using System.Text;
using System.Text.RegularExpressions;

namespace Fugue.Docs.Tests.Infrastructure;

/// <summary>
/// One fenced C# block of a Markdown file. The info string after the language may say <c>wrong FUGnnn</c>: the block
/// is a diagnostic's wrong example and must produce exactly that diagnostic.
/// </summary>
/// <param name="File">The Markdown file, relative to the repository root, '/'-separated.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Code">The block's text (fence indentation removed).</param>
/// <param name="ExpectedDiagnostic">For a wrong example, the diagnostic id it must produce; otherwise null.</param>
/// <param name="Section">The nearest heading above the block.</param>
public sealed partial record DocBlock(string File, int Line, string Code, string? ExpectedDiagnostic, string Section)
{
    /// <summary>A readable name for failure messages and test cases.</summary>
    public string Name => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Markdown files whose C# blocks are compiled: docs/, the README and the package READMEs.</summary>
    public static IEnumerable<string> MarkdownFiles()
    {
        var root = RepoPaths.Root;
        var files = new List<string> { Path.Combine(root, "README.md") };
        files.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        files.AddRange(Directory.GetDirectories(Path.Combine(root, "src")).Select(d => Path.Combine(d, "README.md")).Where(System.IO.File.Exists));
        files.AddRange(Directory.GetDirectories(Path.Combine(root, "samples")).Select(d => Path.Combine(d, "README.md")).Where(System.IO.File.Exists));
        return files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
    }

    /// <summary>Every C# block of every file of <see cref="MarkdownFiles"/>.</summary>
    public static IReadOnlyList<DocBlock> All() =>
        MarkdownFiles().SelectMany(f => Parse(f, System.IO.File.ReadAllText(RepoPaths.Combine(f)))).ToList();

    /// <summary>The C# blocks of one Markdown text (```csharp, ```cs or ```c# fences, ``` or ~~~, possibly indented).</summary>
    public static IEnumerable<DocBlock> Parse(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                if (lines[i].StartsWith('#'))
                {
                    section = lines[i].TrimStart('#').Trim();
                }

                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var info = open.Groups["info"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = new StringBuilder();
            var start = i;
            for (i++; i < lines.Length; i++)
            {
                var trimmed = lines[i].TrimStart();
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().All(c => c == fence[0]))
                {
                    break;
                }

                var line = lines[i];
                var strip = Math.Min(indent, line.Length - line.TrimStart().Length);
                code.Append(line, strip, line.Length - strip).Append('\n');
            }

            if (info.Length > 0 && info[0] is "csharp" or "cs" or "c#" or "C#")
            {
                string? expected = null;
                if (info.Length >= 3 && info[1] == "wrong")
                {
                    expected = info[2];
                }
                else if (info.Length >= 2 && info[1] == "wrong")
                {
                    throw new FormatException($"{file}:{start + 1}: a wrong example names its diagnostic: ```csharp wrong FUGnnn");
                }

                yield return new DocBlock(file, start + 1, code.ToString(), expected, section);
            }
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>```+|~~~+)(?<info>[^`]*)$")]
    private static partial Regex Fence();
}
