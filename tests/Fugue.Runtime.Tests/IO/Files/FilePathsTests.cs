using Fugue.IO.Files;

namespace Fugue.Runtime.Tests.IO.Files;

public class FilePathsTests
{
    [Fact]
    public void Expand_FolderIgnoresUnderscoreAndDotFiles_AndFiltersCsvBySuffix()
    {
        using var tmp = new TempDir();
        foreach (var name in new[] { "b.csv", "a.csv", "_SUCCESS", ".a.csv.crc", "notes.txt", "c.csv.gz" })
        {
            File.WriteAllText(tmp.Combine(name), "");
        }

        Directory.CreateDirectory(tmp.Combine("_temporary"));
        File.WriteAllText(tmp.Combine("_temporary", "x.csv"), "");
        var files = FilePaths.Expand([tmp.Root], FileFormat.Csv).Select(f => Path.GetFileName(f.Path)).ToList();
        Assert.Equal(["a.csv", "b.csv", "c.csv.gz"], files);

        // Parquet folders take every visible file (Spark-style part files need no suffix).
        var parquet = FilePaths.Expand([tmp.Root], FileFormat.Parquet).Select(f => Path.GetFileName(f.Path)).ToList();
        Assert.Equal(["a.csv", "b.csv", "c.csv.gz", "notes.txt"], parquet);
    }

    [Fact]
    public void Expand_GlobsInFileAndFolderNames()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Combine("d1"));
        Directory.CreateDirectory(tmp.Combine("d2"));
        File.WriteAllText(tmp.Combine("d1", "p1.json"), "");
        File.WriteAllText(tmp.Combine("d1", "p22.json"), "");
        File.WriteAllText(tmp.Combine("d2", "p3.json"), "");
        File.WriteAllText(tmp.Combine("d2", "_p4.json"), "");
        Assert.Equal(["p1.json"], FilePaths.Expand([tmp.Combine("d1", "p?.json")], FileFormat.Json).Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(["p1.json", "p22.json", "p3.json"],
            FilePaths.Expand([tmp.Combine("d*", "p*.json")], FileFormat.Json).Select(f => Path.GetFileName(f.Path)));
        Assert.Throws<FileNotFoundException>(() => FilePaths.Expand([tmp.Combine("d1", "*.csv")], FileFormat.Csv));
    }

    [Fact]
    public void Expand_ListKeepsOrder_AndMissingPathsFail()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Combine("b.parquet"), "");
        File.WriteAllText(tmp.Combine("a.parquet"), "");
        var files = FilePaths.Expand([tmp.Combine("b.parquet"), tmp.Combine("a.parquet")], FileFormat.Parquet);
        Assert.Equal(["b.parquet", "a.parquet"], files.Select(f => Path.GetFileName(f.Path)));
        var ex = Assert.Throws<FileNotFoundException>(() => FilePaths.Expand([tmp.Combine("none.parquet")], FileFormat.Parquet));
        Assert.Contains("none.parquet", ex.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(tmp.Combine("empty"));
        Assert.Throws<FileNotFoundException>(() => FilePaths.Expand([tmp.Combine("empty")], FileFormat.Parquet));
    }

    [Fact]
    public void Expand_HiveFoldersGiveUnescapedPartitionValues()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("k=1", "s=a%2Fb");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "part-0.parquet"), "");
        var nullDir = tmp.Combine("k=" + HivePartitioning.NullValue, "s=x");
        Directory.CreateDirectory(nullDir);
        File.WriteAllText(Path.Combine(nullDir, "part-0.parquet"), "");
        var files = FilePaths.Expand([tmp.Root], FileFormat.Parquet);
        Assert.Equal(2, files.Count);
        Assert.Equal([new("k", "1"), new("s", "a/b")], files[0].Partitions);
        Assert.Equal([new("k", null), new("s", "x")], files[1].Partitions);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a/b=c", "a%2Fb%3Dc")]
    [InlineData("50%", "50%25")]
    [InlineData("x:y?*", "x%3Ay%3F%2A")]
    [InlineData("tab\there", "tab%09here")]
    public void HiveEscape_RoundTrips(string raw, string escaped)
    {
        Assert.Equal(escaped, HivePartitioning.Escape(raw));
        Assert.Equal(raw, HivePartitioning.Unescape(escaped));
    }

    [Theory]
    [InlineData("abc", "a?c", true)]
    [InlineData("abc", "a*", true)]
    [InlineData("abc", "*c", true)]
    [InlineData("abc", "*b*", true)]
    [InlineData("abc", "a?", false)]
    [InlineData("abc", "*d", false)]
    [InlineData("", "*", true)]
    public void GlobMatch(string name, string pattern, bool expected) => Assert.Equal(expected, FilePaths.GlobMatch(name, pattern));
}
