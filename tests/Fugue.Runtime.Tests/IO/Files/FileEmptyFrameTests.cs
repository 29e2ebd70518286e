using Fugue.IO.Files;

namespace Fugue.Runtime.Tests.IO.Files;

public class FileEmptyFrameTests
{
    [Theory]
    [InlineData("e.parquet", 1)]
    [InlineData("e.arrow", 1)]
    [InlineData("e.parquet", 3)]
    public void EmptyFrame_RoundTripsItsSchema(string name, int partitions)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine(name);
        FileSaver.Save(FilesTestSupport.TestSchema, [], path, partitions: partitions, maxParallelism: 2);
        var df = FileLoader.Load(path);
        Assert.Equal(FilesTestSupport.TestSchema, df.Schema);
        Assert.Equal(0, df.Count());
    }
}
