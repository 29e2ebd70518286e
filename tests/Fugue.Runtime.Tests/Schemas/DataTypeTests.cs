using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Schemas;

public class DataTypeTests
{
    public static TheoryData<DataType> RoundTripTypes => new()
    {
        DataType.Null,
        DataType.Bool,
        DataType.Int8,
        DataType.UInt8,
        DataType.Int16,
        DataType.UInt16,
        DataType.Int32,
        DataType.UInt32,
        DataType.Int64,
        DataType.UInt64,
        DataType.Float16,
        DataType.Float32,
        DataType.Float64,
        DataType.String,
        DataType.Binary,
        DataType.Date,
        DataType.DateTime,
        DataType.Timestamp(TimeUnit.Second, "UTC"),
        DataType.Timestamp(TimeUnit.Millisecond, "America/New_York"),
        DataType.Timestamp(TimeUnit.Microsecond, "Asia/Shanghai"),
        DataType.Timestamp(TimeUnit.Nanosecond, "+05:00"),
        DataType.Decimal(1),
        DataType.Decimal(38, 10),
        DataType.Decimal(5, 5),
        DataType.List(DataType.Int32),
        DataType.List(DataType.List(DataType.String)),
        DataType.Struct(),
        DataType.Struct(new Field("a", DataType.Int32), new Field("b c", DataType.List(DataType.Date))),
        DataType.Struct(new Field("", DataType.Bool), new Field("`", DataType.Binary), new Field("中国", DataType.Float16)),
        DataType.Map(DataType.String, DataType.Int64),
        DataType.Map(DataType.Int32, DataType.Map(DataType.String, DataType.Struct(new Field("x", DataType.Decimal(9, 2))))),
        DataType.List(DataType.Map(DataType.Date, DataType.Timestamp(TimeUnit.Nanosecond, "UTC"))),
    };

    [Theory]
    [MemberData(nameof(RoundTripTypes))]
    public void PrintThenParseRoundTrips(DataType type)
    {
        var printed = type.ToString();
        var parsed = DataType.Parse(printed);
        Assert.Equal(type, parsed);
        Assert.Equal(type.GetHashCode(), parsed.GetHashCode());
        Assert.Equal(printed, parsed.ToString());

        var schema = new Schema(new Field("col", type));
        Assert.Equal(schema, Schema.Parse(schema.ToString()));
        Assert.True(schema == "col:" + printed);
    }

    [Theory]
    [InlineData(TimeUnit.Second)]
    [InlineData(TimeUnit.Millisecond)]
    [InlineData(TimeUnit.Nanosecond)]
    public void NaiveNonMicrosecondTimestampsPrintAsDatetime(TimeUnit unit)
    {
        // Fugue's rule: every naive unit prints as datetime, so the round trip lands on datetime (us).
        var type = DataType.Timestamp(unit);
        Assert.Equal("datetime", type.ToString());
        Assert.Equal(unit, type.Unit);
        Assert.NotEqual<DataType>(DataType.DateTime, type);
        Assert.Equal<DataType>(DataType.DateTime, DataType.Parse(type.ToString()));
        Assert.Equal(type, DataType.Parse($"timestamp({TimestampType.UnitToString(unit)})"));
        // Compared with a string, the printed forms agree, as in Fugue.
        Assert.True(new Schema(new Field("t", type)) == "t:datetime");
    }

    [Fact]
    public void EqualityAndHashCodes()
    {
        Assert.Equal(DataType.Parse("[int]"), DataType.List(DataType.Int32));
        Assert.True(DataType.Parse("<str,int>") == DataType.Map(DataType.String, DataType.Int32));
        Assert.True(DataType.Parse("<str,int>") != DataType.Map(DataType.Int32, DataType.String));
        Assert.NotEqual(DataType.Decimal(5, 2), DataType.Decimal(5, 1));
        Assert.NotEqual(DataType.Timestamp(TimeUnit.Second, "UTC"), DataType.Timestamp(TimeUnit.Second, "utc"));
        Assert.NotEqual(DataType.Parse("{a:int}"), DataType.Parse("{b:int}"));
        Assert.NotEqual(DataType.Parse("{a:int,b:int}"), DataType.Parse("{b:int,a:int}"));
        Assert.Equal(DataType.Parse("{a:int,b:[str]}").GetHashCode(), DataType.Parse("{ a : int32 , b : [ string ] }").GetHashCode());
        Assert.False(DataType.Int32.Equals((object)"int"));
        Assert.True((DataType?)null == null);
        Assert.False(DataType.Int32 == null);

        var set = new HashSet<DataType> { DataType.Parse("int"), DataType.Parse("int32"), DataType.Parse("[int]"), DataType.List(DataType.Int32) };
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void StructLookupAndMapEntries()
    {
        var s = Assert.IsType<StructType>(DataType.Parse("{a:int,`b c`:str}"));
        Assert.Equal(1, s.IndexOf("b c"));
        Assert.Equal(-1, s.IndexOf("c"));
        var m = Assert.IsType<MapType>(DataType.Parse("<str,[int]>"));
        Assert.Equal(DataType.Parse("{key:str,value:[int]}"), m.EntryType);
        Assert.Equal(DataType.String, m.KeyType);
        Assert.Equal(DataType.List(DataType.Int32), m.ValueType);
        Assert.Equal(DataType.Int32, Assert.IsType<ListType>(m.ValueType).ItemType);
    }

    [Fact]
    public void FactoriesValidate()
    {
        Assert.Throws<FugueSchemaException>(() => DataType.Decimal(0));
        Assert.Throws<FugueSchemaException>(() => DataType.Decimal(39));
        Assert.Throws<FugueSchemaException>(() => DataType.Decimal(5, 6));
        Assert.Throws<FugueSchemaException>(() => DataType.Struct(new Field("a", DataType.Int32), new Field("a", DataType.String)));
        Assert.Same(DataType.DateTime, DataType.Timestamp(TimeUnit.Microsecond));
    }

    [Theory]
    [InlineData("int", true, true, true, false, 4)]
    [InlineData("ubyte", true, false, true, false, 1)]
    [InlineData("double", false, false, true, false, 8)]
    [InlineData("decimal(5,2)", false, false, true, false, 16)]
    [InlineData("datetime", false, false, false, false, 8)]
    [InlineData("date", false, false, false, false, 4)]
    [InlineData("str", false, false, false, false, 0)]
    [InlineData("bool", false, false, false, false, 0)]
    [InlineData("[int]", false, false, false, true, 0)]
    [InlineData("<int,int>", false, false, false, true, 0)]
    [InlineData("{a:int}", false, false, false, true, 0)]
    public void Classification(string expression, bool isInteger, bool isSigned, bool isNumeric, bool isNested, int width)
    {
        var t = DataType.Parse(expression);
        Assert.Equal(isInteger, t.IsInteger);
        Assert.Equal(isSigned, t.IsSignedInteger);
        Assert.Equal(isNumeric, t.IsNumeric);
        Assert.Equal(isNested, t.IsNested);
        Assert.Equal(width, t.ByteWidth);
        Assert.Equal(width > 0, t.IsFixedWidth);
    }
}
