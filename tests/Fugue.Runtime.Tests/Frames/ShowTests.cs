using Fugue.Frames;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

public sealed class ShowTests
{
    [Fact]
    public void RendersATable()
    {
        var df = new ArrayDataFrame(
            [R(1, "hello", 1.5, true), R(null, "a\nb", double.NaN, null)],
            "a:int,b:str,c:double,d:bool");
        Assert.Equal(
            "ArrayDataFrame\n" +
            "a:int|b:str|c:double|d:bool\n" +
            "-----+-----+--------+------\n" +
            "1    |hello|1.5     |true\n" +
            "NULL |a\\nb |NaN     |NULL\n",
            df.ToTableString());
    }

    [Fact]
    public void TitleCountMetadataAndRowLimit()
    {
        var df = new ArrayDataFrame([R(1), R(2), R(3)], "a:long") { Metadata = new Dictionary<string, object?> { ["x"] = 1 } };
        Assert.Equal(
            "T\nArrayDataFrame\na:long\n------\n1\n2\nTotal count: 3\nMetadata: {\"x\":1}\n",
            df.ToTableString(2, withCount: true, title: "T"));
        Assert.Equal("ArrayDataFrame\na:long\n------\nMetadata: {\"x\":1}\n", df.ToTableString(0));
    }

    [Fact]
    public void RendersTemporalBinaryAndNestedValues()
    {
        var df = new ArrayDataFrame(
            [R(new DateOnly(2020, 1, 2), new DateTime(2020, 1, 2, 3, 4, 5), new byte[] { 1, 0xAB },
                new object?[] { 1, null }, new Dictionary<string, object?> { ["x"] = "y" }, new Dictionary<string, int> { ["k"] = 1 })],
            "a:date,b:datetime,c:bytes,d:[int],e:{x:str},f:<str,int>");
        Assert.Equal(
            "ArrayDataFrame\n" +
            "a:date    |b:datetime         |c:bytes|d:[int] |e:{x:str}|f:<str,int>\n" +
            "----------+-------------------+-------+--------+---------+-----------\n" +
            "2020-01-02|2020-01-02 03:04:05|0x01AB |[1,null]|{\"x\":\"y\"}|{\"k\":1}\n",
            df.ToTableString());
    }

    [Fact]
    public void LongCellsAreCut()
    {
        var df = new ArrayDataFrame([R(new string('x', 100))], "a:str");
        var line = df.ToTableString().Split('\n')[3];
        Assert.Equal(60, line.Length);
        Assert.EndsWith("...", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowWritesToTheWriter()
    {
        var df = new EmptyDataFrame("a:int");
        var writer = new StringWriter();
        df.Show(writer, withCount: true);
        Assert.Equal("EmptyDataFrame\na:int\n-----\nTotal count: 0\n", writer.ToString());
    }

    [Fact]
    public void ShowWithCountCachesAStream()
    {
        var df = new IterableDataFrame([R(1), R(2)], "a:int");
        Assert.EndsWith("Total count: 2\n", df.ToTableString(1, withCount: true), StringComparison.Ordinal);
        Assert.True(df.IsCached);
        Assert.Equal(2, df.AsArray().Count);
    }
}
