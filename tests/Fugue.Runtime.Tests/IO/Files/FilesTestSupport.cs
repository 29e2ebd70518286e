using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Files;

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Root = Path.Combine(Path.GetTempPath(), "fugue-files-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal static class FilesTestSupport
{
    public static readonly Schema TestSchema = Schema.Parse("a:long,s:str");

    /// <summary><paramref name="count"/> batches of <paramref name="rows"/> rows: a = running index, s = "v" + a; throws after <paramref name="failAfter"/> batches.</summary>
    public static IEnumerable<RecordBatch> Batches(int count, int rows, int failAfter = -1, Action<int>? onBatch = null)
    {
        long next = 0;
        for (var b = 0; b < count; b++)
        {
            if (b == failAfter)
            {
                throw new InvalidOperationException("injected failure");
            }

            onBatch?.Invoke(b);
            var builder = new RecordBatchBuilder(TestSchema, rows);
            for (var r = 0; r < rows; r++, next++)
            {
                builder.AppendRow([next, "v" + next]);
            }

            yield return builder.Build();
        }
    }

    /// <summary>Every entry under <paramref name="root"/> (hidden ones included) with the bytes of files.</summary>
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, entry);
            result[rel] = File.Exists(entry) ? Convert.ToHexString(File.ReadAllBytes(entry)) : "<dir>";
        }

        return result;
    }

    public static List<long> Column(DataFrame df, string name) =>
        df.AsArray([name]).Select(r => (long)r[0]!).Order().ToList();
}
