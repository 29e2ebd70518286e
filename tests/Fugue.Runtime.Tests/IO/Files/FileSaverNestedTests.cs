using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO.Files;

public class FileSaverNestedTests
{
    [Theory]
    [InlineData("n.parquet")]
    [InlineData("n.json")]
    [InlineData("n.arrow")]
    public void NestedColumns_RoundTripThroughPartFiles(string name)
    {
        using var tmp = new TempDir();
        var schema = Schema.Parse("a:long,l:[long],st:{x:int,y:str}");
        var rows = new object?[][]
        {
            [1L, new object?[] { 1L, null, 3L }, new Dictionary<string, object?> { ["x"] = 1, ["y"] = "p" }],
            [2L, null, null],
            [3L, Array.Empty<object?>(), new Dictionary<string, object?> { ["x"] = null, ["y"] = "q" }],
        };
        var path = tmp.Combine(name);
        FileSaver.Save(new ArrayDataFrame(rows, schema), path, partitions: 2);
        var loaded = FileLoader.Load([path], null, schema);
        Assert.Equal(schema, loaded.Schema);
        var actual = loaded.AsArray().OrderBy(r => (long)r[0]!).Select(r => ValueConverter.Describe(r)).ToList();
        Assert.Equal(rows.Select(r => ValueConverter.Describe(r)), actual);
    }
}
