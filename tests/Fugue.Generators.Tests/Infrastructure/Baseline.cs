using System.Runtime.CompilerServices;
using System.Text;

namespace Fugue.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated sources with files under Baselines/{case}/{hint}.txt (next to the calling test file).
/// With UPDATE_BASELINES=1 it rewrites them (and deletes stale ones) instead; review the git diff, commit,
/// and rerun without the variable.
/// </summary>
public static class Baseline
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    /// <summary>Checks every generated source of <paramref name="run"/> against the baselines of <paramref name="caseName"/>.</summary>
    public static void Verify(GeneratorRun run, string caseName, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Baselines", caseName);
        var actual = run.Sources.ToDictionary(kv => kv.Key + ".txt", kv => Normalize(kv.Value), StringComparer.Ordinal);
        if (Update)
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder, "*.txt").Where(f => !actual.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in actual)
            {
                File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
            }

            return;
        }

        Assert.True(Directory.Exists(folder), "No baselines for '" + caseName + "'; run the tests with UPDATE_BASELINES=1 to create them.");
        var expectedNames = Directory.GetFiles(folder, "*.txt").Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(".received.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedNames, actual.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var (name, text) in actual)
        {
            var path = Path.Combine(folder, name);
            var expected = Normalize(File.ReadAllText(path));
            if (!CompareLines(expected, text, out var message))
            {
                File.WriteAllText(Path.ChangeExtension(path, ".received.txt"), text, new UTF8Encoding(false));
                Assert.Fail(caseName + "/" + name + ": " + message + " (UPDATE_BASELINES=1 rewrites the baselines)");
            }
        }
    }

    /// <summary>Line-by-line comparison reporting the first difference.</summary>
    public static bool CompareLines(string expected, string actual, out string message)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                message = "line " + (i + 1) + " differs:\n  expected: " + e[i] + "\n  actual:   " + a[i];
                return false;
            }
        }

        if (e.Length != a.Length)
        {
            message = "expected " + e.Length + " lines, got " + a.Length;
            return false;
        }

        message = string.Empty;
        return true;
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("\"Fugue.Generators\", \"" + Fugue.Generators.Emitting.Names.Version + "\"", "\"Fugue.Generators\", \"%VERSION%\"", StringComparison.Ordinal);
}
