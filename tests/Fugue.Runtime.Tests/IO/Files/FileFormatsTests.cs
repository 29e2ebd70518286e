using Fugue.IO.Files;

namespace Fugue.Runtime.Tests.IO.Files;

public class FileFormatsTests
{
    [Theory]
    [InlineData("x.parquet", FileFormat.Parquet)]
    [InlineData("/a/b/X.PARQUET", FileFormat.Parquet)]
    [InlineData("x.csv", FileFormat.Csv)]
    [InlineData("x.CSV.GZ", FileFormat.Csv)]
    [InlineData("x.json", FileFormat.Json)]
    [InlineData("x.json.gz", FileFormat.Json)]
    [InlineData("x.arrow", FileFormat.Arrow)]
    [InlineData("x.Feather", FileFormat.Arrow)]
    [InlineData("folder.parquet/", FileFormat.Parquet)]
    public void Detect_FromSuffix(string path, FileFormat expected) => Assert.Equal(expected, FileFormats.Detect(path));

    [Theory]
    [InlineData("parquet", FileFormat.Parquet)]
    [InlineData("CSV", FileFormat.Csv)]
    [InlineData("json", FileFormat.Json)]
    [InlineData("feather", FileFormat.Arrow)]
    [InlineData("arrow", FileFormat.Arrow)]
    public void Detect_HintWinsOverSuffix(string hint, FileFormat expected) => Assert.Equal(expected, FileFormats.Detect("x.txt", hint));

    [Theory]
    [InlineData("x.txt", null)]
    [InlineData("x", null)]
    [InlineData("x.gz", null)]
    [InlineData(".parquet", null)]
    [InlineData("x.parquet", "xlsx")]
    public void Detect_RejectsUnknownWithTheAcceptedList(string path, string? hint)
    {
        var ex = Assert.Throws<NotSupportedException>(() => FileFormats.Detect(path, hint));
        Assert.Contains(hint ?? path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(".csv.gz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartSuffix_KeepsTheTargetsOwnSuffix()
    {
        Assert.Equal(".csv.gz", FileFormats.PartSuffix("out.csv.gz", FileFormat.Csv));
        Assert.Equal(".csv", FileFormats.PartSuffix("out", FileFormat.Csv));
        Assert.Equal(".feather", FileFormats.PartSuffix("out.feather", FileFormat.Arrow));
        Assert.Equal(".parquet", FileFormats.PartSuffix("out.csv", FileFormat.Parquet));
    }
}
