using Fugue.Frames;
using static Fugue.Runtime.Tests.Frames.Rows;

namespace Fugue.Runtime.Tests.Frames;

public sealed class DataFrameSerializerTests
{
    [Fact]
    public void RoundTripsEveryType()
    {
        const string schema = "a:bool,b:byte,c:ubyte,d:short,e:ushort,f:int,g:uint,h:long,i:ulong,j:float16,k:float,l:double," +
            "m:decimal(10,2),n:str,o:bytes,p:date,q:datetime,r:timestamp(ms,UTC),s:[int],t:{x:str,y:[double]},u:<str,long>";
        var full = R(true, (sbyte)-1, (byte)2, (short)-3, (ushort)4, -5, 6u, -7L, 8ul, (Half)1.5, 2.5f, double.NaN,
            12.34m, "héllo", new byte[] { 0, 255 }, new DateOnly(2020, 1, 2), new DateTime(2020, 1, 2, 3, 4, 5, 6),
            new DateTime(2020, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc), new object?[] { 1, null },
            new Dictionary<string, object?> { ["x"] = "s", ["y"] = new object?[] { 1.5 } },
            new[] { new KeyValuePair<object, object?>("k", 9L) });
        var nulls = new object?[full.Length];
        var df = new ArrayDataFrame([full, nulls], schema);
        var bytes = DataFrameSerializer.Serialize(df);
        var back = DataFrameSerializer.Deserialize(bytes);
        Assert.True(back.Schema == schema);
        Rows.Equal(df.AsArray(), back.AsArray());
    }

    [Fact]
    public void WorksForStreamsAndEmptyFrames()
    {
        var stream = new IterableDataFrame([R(1), R(2)], "a:int");
        Rows.Equal([R(1), R(2)], DataFrameSerializer.Deserialize(DataFrameSerializer.Serialize(stream)).AsArray());
        var empty = DataFrameSerializer.Deserialize(DataFrameSerializer.Serialize(new EmptyDataFrame("a:int,b:[str]")));
        Assert.True(empty.Schema == "a:int,b:[str]");
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void RejectsBadData()
    {
        Assert.Equal("not a serialised Fugue dataframe (bad header)",
            Assert.Throws<FugueDataFrameException>(() => DataFrameSerializer.Deserialize(new byte[] { 1, 2, 3, 4, 5 })).Message);
        var bytes = DataFrameSerializer.Serialize(new ArrayDataFrame([R("abc")], "a:str"));
        Assert.Equal("serialised dataframe is truncated",
            Assert.Throws<FugueDataFrameException>(() => DataFrameSerializer.Deserialize(bytes[..^2])).Message);
    }
}
