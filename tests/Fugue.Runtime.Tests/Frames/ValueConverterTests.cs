using Fugue.Frames;
using Fugue.Schemas;
using static Fugue.Runtime.Tests.Frames.Rows;
using Converter = Fugue.Frames.ValueConverter;

namespace Fugue.Runtime.Tests.Frames;

public sealed class ValueConverterTests
{
    private static object? C(object? value, string type) => Converter.Convert(value, DataType.Parse(type));

    private static FugueValueConversionException Fails(object? value, string type) =>
        Assert.Throws<FugueValueConversionException>(() => C(value, type));

    [Theory]
    [InlineData("bool")]
    [InlineData("int")]
    [InlineData("double")]
    [InlineData("str")]
    [InlineData("date")]
    [InlineData("datetime")]
    [InlineData("[int]")]
    [InlineData("{a:int}")]
    [InlineData("<str,int>")]
    [InlineData("null")]
    public void NullsArePreserved(string type)
    {
        Assert.Null(C(null, type));
        Assert.Null(C(DBNull.Value, type));
    }

    [Fact]
    public void ToBool()
    {
        Assert.Equal(true, C(true, "bool"));
        Assert.Equal(true, C("trUe", "bool"));
        Assert.Equal(false, C(" FALSE ", "bool"));
        Assert.Equal(true, C("1", "bool"));
        Assert.Equal(false, C("0", "bool"));
        Assert.Equal(true, C(5, "bool"));
        Assert.Equal(false, C(0L, "bool"));
        Assert.Equal(true, C(0.5, "bool"));
        var ex = Fails("yes", "bool");
        Assert.Equal("cannot convert \"yes\" (String) to bool: expected true, false, 1 or 0 (case-insensitive)", ex.Message);
        Fails(double.NaN, "bool");
    }

    [Fact]
    public void ToIntegers()
    {
        Assert.Equal(1, C(1L, "int"));
        Assert.Equal(1L, C(1, "long"));
        Assert.Equal((sbyte)-5, C(-5, "byte"));
        Assert.Equal((byte)200, C(200, "ubyte"));
        Assert.Equal((short)-300, C("-300", "short"));
        Assert.Equal((ushort)65535, C(65535L, "ushort"));
        Assert.Equal(4000000000u, C(4000000000L, "uint"));
        Assert.Equal(ulong.MaxValue, C(ulong.MaxValue, "ulong"));
        Assert.Equal(1, C(true, "int"));
        Assert.Equal(0, C(false, "int"));
        Assert.Equal(123, C(" 123 ", "int"));
        // Floating values truncate toward zero (pandas astype).
        Assert.Equal(1, C(1.9, "int"));
        Assert.Equal(-1, C(-1.9, "int"));
        Assert.Equal(2L, C(2.99f, "long"));
        Assert.Equal(3, C(3.7m, "int"));
    }

    [Fact]
    public void IntegerErrorsNameTheReason()
    {
        Assert.Equal("cannot convert \"x\" (String) to int: the string is not an integer", Fails("x", "int").Message);
        Assert.Equal("cannot convert \"1.5\" (String) to int: the string is not an integer", Fails("1.5", "int").Message);
        Assert.Equal("cannot convert 300 (Int32) to byte: the value is out of range for byte (-128 to 127)", Fails(300, "byte").Message);
        Assert.Equal("cannot convert -1 (Int32) to uint: the value is out of range for uint (0 to 4294967295)", Fails(-1, "uint").Message);
        Assert.Equal("cannot convert 3000000000 (Int64) to int: the value is out of range for int (-2147483648 to 2147483647)", Fails(3000000000L, "int").Message);
        Assert.Equal("cannot convert NaN (Double) to long: NaN has no integer value", Fails(double.NaN, "long").Message);
        Assert.Contains("has no integer value", Fails(double.PositiveInfinity, "int").Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Fails(1e300, "long").Message, StringComparison.Ordinal);
        Assert.Contains("expected a number, a bool or a string", Fails(new DateOnly(2020, 1, 1), "int").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloatingPoint()
    {
        Assert.Equal(1.0, C(1, "double"));
        Assert.Equal(1.5, C("1.5", "double"));
        Assert.Equal(-2e-3, C("-2e-3", "double"));
        Assert.Equal(1.0, C(true, "double"));
        Assert.Equal(2.5, C(2.5m, "double"));
        Assert.Equal(double.PositiveInfinity, C("inf", "double"));
        Assert.Equal(double.NegativeInfinity, C("-Infinity", "double"));
        Assert.True(double.IsNaN((double)C("NaN", "double")!));
        // NaN is a value, not null.
        Assert.True(double.IsNaN((double)C(double.NaN, "double")!));
        Assert.Equal(1.5f, C(1.5, "float"));
        Assert.Equal(0.1f, C("0.1", "float"));
        Assert.Equal((Half)1.5, C(1.5, "float16"));
        Assert.Equal("cannot convert \"abc\" (String) to double: the string is not a number", Fails("abc", "double").Message);
        Assert.Equal("cannot convert 1E+300 (Double) to float: the value is out of range for float", Fails(1e300, "float").Message);
        Assert.True(float.IsPositiveInfinity((float)C(double.PositiveInfinity, "float")!));
    }

    [Fact]
    public void ToDecimal()
    {
        Assert.Equal(1.23m, C("1.234", "decimal(5,2)"));
        Assert.Equal(1.24m, C(1.235, "decimal(5,2)"));
        Assert.Equal(12m, C(12, "decimal(5)"));
        Assert.Equal(-99.99m, C(-99.99m, "decimal(4,2)"));
        Assert.Equal("cannot convert 100 (Int32) to decimal(4,2): the value has too many integer digits for decimal(4,2)", Fails(100, "decimal(4,2)").Message);
        Assert.Contains("not a decimal number", Fails("x", "decimal(4,2)").Message, StringComparison.Ordinal);
        Assert.Contains("has no decimal value", Fails(double.NaN, "decimal(4,2)").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStr()
    {
        Assert.Equal("true", C(true, "str"));
        Assert.Equal("false", C(false, "str"));
        Assert.Equal("1", C(1, "str"));
        Assert.Equal("-7", C(-7L, "str"));
        Assert.Equal("1.1", C(1.1, "str"));
        Assert.Equal("1.0", C(1.0, "str"));
        Assert.Equal("0.1", C(0.1f, "str"));
        Assert.Equal("1E+20", C(1e20, "str"));
        Assert.Equal("NaN", C(double.NaN, "str"));
        Assert.Equal("Infinity", C(double.PositiveInfinity, "str"));
        Assert.Equal("-Infinity", C(double.NegativeInfinity, "str"));
        Assert.Equal("1.50", C(1.50m, "str"));
        Assert.Equal("2020-01-01", C(new DateOnly(2020, 1, 1), "str"));
        Assert.Equal("2020-01-01 03:04:05", C(new DateTime(2020, 1, 1, 3, 4, 5), "str"));
        Assert.Equal("2020-01-01 03:04:05.12", C(new DateTime(2020, 1, 1, 3, 4, 5, 120), "str"));
        Assert.Equal("2020-01-01 03:04:05Z", C(new DateTime(2020, 1, 1, 3, 4, 5, DateTimeKind.Utc), "str"));
        Assert.Equal("2020-01-01 03:04:05+01:00", C(new DateTimeOffset(2020, 1, 1, 3, 4, 5, TimeSpan.FromHours(1)), "str"));
        Assert.Equal("ab", C(new byte[] { 97, 98 }, "str"));
        Assert.Equal("[1,null,\"a\"]", C(new object?[] { 1, null, "a" }, "str"));
        Assert.Equal("{\"a\":1,\"b\":[1.5]}", C(new Dictionary<string, object?> { ["a"] = 1, ["b"] = new object?[] { 1.5 } }, "str"));
        Assert.Equal("{\"k\":2}", C(new[] { new KeyValuePair<object, object?>("k", 2) }, "str"));
        Assert.Equal("cannot convert 0xFF (Byte[]) to str: the bytes are not valid UTF-8", Fails(new byte[] { 0xFF }, "str").Message);
    }

    [Fact]
    public void ToBinary()
    {
        var bytes = new byte[] { 1, 5 };
        Assert.Same(bytes, C(bytes, "bytes"));
        Assert.Equal(bytes, C(new ReadOnlyMemory<byte>(bytes), "bytes"));
        Assert.Equal(bytes, C(new ArraySegment<byte>(bytes), "bytes"));
        Assert.Equal(new byte[] { 97 }, C("a", "bytes"));
        Assert.Contains("expected byte[]", Fails(1, "bytes").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDate()
    {
        var d = new DateOnly(2020, 1, 2);
        Assert.Equal(d, C(d, "date"));
        Assert.Equal(d, C("2020-01-02", "date"));
        Assert.Equal(d, C("2020-1-2", "date"));
        Assert.Equal(d, C("2020-01-02 03:04:05", "date"));
        Assert.Equal(d, C(new DateTime(2020, 1, 2, 23, 0, 0), "date"));
        Assert.Equal(d, C(new DateTimeOffset(2020, 1, 3, 0, 30, 0, TimeSpan.FromHours(1)), "date"));
        Assert.Equal("cannot convert \"2020-13-01\" (String) to date: expected a date like 2020-01-31", Fails("2020-13-01", "date").Message);
        Fails("01/02/2020", "date");
        Fails(20200102, "date");
    }

    [Fact]
    public void ToDateTime()
    {
        var expected = new DateTime(2020, 1, 1, 3, 4, 5);
        Assert.Equal(new DateTime(2020, 1, 1), C("2020-01-01", "datetime"));
        Assert.Equal(expected, C("2020-01-01 03:04:05", "datetime"));
        Assert.Equal(expected, C("2020-01-01T03:04:05", "datetime"));
        Assert.Equal(expected.AddTicks(1234567), C("2020-01-01T03:04:05.123456789", "timestamp(ns)"));
        Assert.Equal(expected.AddTicks(1234560), C("2020-01-01 03:04:05.1234567", "datetime"));
        Assert.Equal(new DateTime(2020, 1, 1, 3, 4, 0), C("2020-01-01 03:04", "datetime"));
        // A zone is honoured: naive columns keep the UTC wall clock.
        Assert.Equal(new DateTime(2020, 1, 1, 2, 4, 5), C("2020-01-01T03:04:05+01:00", "datetime"));
        Assert.Equal(expected, C("2020-01-01T03:04:05Z", "datetime"));
        Assert.Equal(new DateTime(2020, 1, 1), C(new DateOnly(2020, 1, 1), "datetime"));
        var utc = (DateTime)C(new DateTime(2020, 1, 1, 3, 4, 5, DateTimeKind.Utc), "datetime")!;
        Assert.Equal(DateTimeKind.Unspecified, utc.Kind);
        Assert.Equal(expected, utc);
        Assert.Equal("cannot convert \"2020-01-01 25:00\" (String) to datetime: expected a timestamp like 2020-01-31 03:04:05 (or ISO 8601 with T, a fraction and a zone)",
            Fails("2020-01-01 25:00", "datetime").Message);
        Fails("yesterday", "datetime");
        Fails(1L, "datetime");
    }

    [Fact]
    public void TimestampsAreTruncatedToTheUnitAndZonedOnesAreUtc()
    {
        var value = new DateTime(2020, 1, 1, 3, 4, 5, 678).AddTicks(9);
        Assert.Equal(new DateTime(2020, 1, 1, 3, 4, 5), C(value, "timestamp(s)"));
        Assert.Equal(new DateTime(2020, 1, 1, 3, 4, 5, 678), C(value, "timestamp(ms)"));
        Assert.Equal(value, C(value, "timestamp(ns)"));

        var zoned = (DateTime)C("2020-01-01T03:04:05+02:00", "timestamp(us,UTC)")!;
        Assert.Equal(DateTimeKind.Utc, zoned.Kind);
        Assert.Equal(new DateTime(2020, 1, 1, 1, 4, 5), zoned);
        var naiveAsUtc = (DateTime)C(new DateTime(2020, 1, 1, 3, 4, 5), "timestamp(us,UTC)")!;
        Assert.Equal(DateTimeKind.Utc, naiveAsUtc.Kind);
        Assert.Equal(3, naiveAsUtc.Hour);
        var fromOffset = (DateTime)C(new DateTimeOffset(2020, 1, 1, 3, 0, 0, TimeSpan.FromHours(3)), "timestamp(us,UTC)")!;
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), fromOffset);
    }

    [Fact]
    public void ToList()
    {
        Rows.Equal(new object?[] { 1, null, 3 }, C(new List<long?> { 1, null, 3 }, "[int]"));
        Rows.Equal(new object?[] { "1", "2" }, C(new[] { 1, 2 }, "[str]"));
        Rows.Equal(new object?[] { new object?[] { 1.0 }, null }, C(new object?[] { new[] { 1 }, null }, "[[double]]"));
        Assert.Equal("cannot convert \"abc\" (String) to [int]: a string is not a list", Fails("abc", "[int]").Message);
        Assert.Equal("cannot convert [1,\"x\"] (Object[]) to [int]: list item 1: cannot convert \"x\" (String) to int: the string is not an integer",
            Fails(new object?[] { 1, "x" }, "[int]").Message);
        Assert.Contains("expected a list", Fails(5, "[int]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStruct()
    {
        var expected = new Dictionary<string, object?> { ["a"] = 1, ["b"] = null };
        Rows.Equal(expected, C(new Dictionary<string, object?> { ["a"] = 1L, ["z"] = 5 }, "{a:int,b:str}"));
        Rows.Equal(expected, C(new Dictionary<string, long> { ["a"] = 1 }, "{a:int,b:str}"));
        Rows.Equal(expected, C(new object?[] { 1, null }, "{a:int,b:str}"));
        Rows.Equal(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" }, C((1, "x"), "{a:int,b:str}"));
        var result = (Dictionary<string, object?>)C(new Dictionary<string, object?> { ["b"] = "x", ["a"] = 1 }, "{a:int,b:str}")!;
        Assert.Equal(["a", "b"], result.Keys);
        Assert.Equal("cannot convert [1] (Object[]) to {a:int,b:str}: a positional struct value needs 2 items, got 1", Fails(new object?[] { 1 }, "{a:int,b:str}").Message);
        Assert.Equal("cannot convert {\"a\":\"x\"} (Dictionary`2) to {a:int}: field 'a': cannot convert \"x\" (String) to int: the string is not an integer",
            Fails(new Dictionary<string, object?> { ["a"] = "x" }, "{a:int}").Message);
        Assert.Contains("expected a dictionary", Fails(5, "{a:int}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMap()
    {
        var expected = new[] { new KeyValuePair<object, object?>("a", 1), new KeyValuePair<object, object?>("b", null) };
        Rows.Equal(expected, C(new[] { new KeyValuePair<object, object?>("a", 1L), new KeyValuePair<object, object?>("b", null) }, "<str,int>"));
        Rows.Equal(expected, C(new List<(string, int?)> { ("a", 1), ("b", null) }, "<str,int>"));
        Rows.Equal(expected, C(new object?[] { new object?[] { "a", 1 }, new object?[] { "b", null } }, "<str,int>"));
        Rows.Equal(expected, C(new Dictionary<string, object?> { ["a"] = 1, ["b"] = null }, "<str,int>"));
        Rows.Equal(new[] { new KeyValuePair<object, object?>(1L, "x") }, C(new Dictionary<int, string> { [1] = "x" }, "<long,str>"));
        Assert.Equal("cannot convert [[null,1]] (Object[]) to <str,int>: map entry 0 has a null key", Fails(new object?[] { new object?[] { null, 1 } }, "<str,int>").Message);
        Assert.Contains("map entry 0 is not a key/value pair", Fails(new object?[] { 1 }, "<str,int>").Message, StringComparison.Ordinal);
        Assert.Contains("map value 0: cannot convert \"x\" (String) to int", Fails(new Dictionary<string, object?> { ["a"] = "x" }, "<str,int>").Message, StringComparison.Ordinal);
        Assert.Contains("a string is not a map", Fails("a", "<str,int>").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullTypeAcceptsOnlyNull() =>
        Assert.Equal("cannot convert 1 (Int32) to null: only null is allowed for the null type", Fails(1, "null").Message);

    [Fact]
    public void ConvertRowNamesTheRowAndColumn()
    {
        Schema schema = "a:int,b:double";
        Rows.Equal(R(1, 2.0), Converter.ConvertRow(R(1L, 2), schema));
        var ex = Assert.Throws<FugueValueConversionException>(() => Converter.ConvertRow(R(1, "z"), schema, 7));
        Assert.Equal("cannot convert \"z\" (String) to double at row 7, column 'b': the string is not a number", ex.Message);
        Assert.Equal(7, ex.RowIndex);
        Assert.Equal("b", ex.ColumnName);
        Assert.Equal("z", ex.Value);
        Assert.Equal(DataType.Float64, ex.TargetType);
        var width = Assert.Throws<FugueDataFrameInitException>(() => Converter.ConvertRow(R(1), schema, 3));
        Assert.Equal("row 3 has 1 values but schema 'a:int,b:double' has 2 columns", width.Message);
    }

    [Fact]
    public void CanonicalValuesAreReturnedAsIs()
    {
        object boxed = 5;
        Assert.Same(boxed, C(boxed, "int"));
        object dt = new DateTime(2020, 1, 1);
        Assert.Same(dt, C(dt, "datetime"));
        var list = new object?[] { 1, null, 2 };
        Assert.Same(list, C(list, "[int]"));
        var mixed = new object?[] { 1, 2L };
        var converted = (object?[])C(mixed, "[int]")!;
        Assert.NotSame(mixed, converted);
        Assert.Same(mixed[0], converted[0]);
        Assert.IsType<int>(converted[1]);
    }

    [Fact]
    public void ConvertersAreCachedPerType()
    {
        Assert.Same(Converter.For(DataType.Int32), Converter.For(DataType.Parse("int")));
        Assert.Equal(DataType.Parse("[int]"), Converter.For(DataType.Parse("[int]")).TargetType);
    }
}
