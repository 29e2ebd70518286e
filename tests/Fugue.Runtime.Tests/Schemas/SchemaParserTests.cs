using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Schemas;

public class SchemaParserTests
{
    public static TheoryData<string, string> TypeAliases => new()
    {
        { "null", "null" },
        { "str", "str" },
        { "string", "str" },
        { "bool", "bool" },
        { "boolean", "bool" },
        { "int8", "byte" },
        { "byte", "byte" },
        { "uint8", "ubyte" },
        { "ubyte", "ubyte" },
        { "int16", "short" },
        { "short", "short" },
        { "uint16", "ushort" },
        { "ushort", "ushort" },
        { "int32", "int" },
        { "int", "int" },
        { "uint32", "uint" },
        { "uint", "uint" },
        { "int64", "long" },
        { "long", "long" },
        { "uint64", "ulong" },
        { "ulong", "ulong" },
        { "float16", "float16" },
        { "float", "float" },
        { "float32", "float" },
        { "double", "double" },
        { "float64", "double" },
        { "date", "date" },
        { "datetime", "datetime" },
        { "timestamp(us)", "datetime" },
        { "timestamp(s)", "datetime" },
        { "timestamp(ms)", "datetime" },
        { "timestamp(ns)", "datetime" },
        { "timestamp(ns,America/New_York)", "timestamp(ns,America/New_York)" },
        { "timestamp( ms , UTC )", "timestamp(ms,UTC)" },
        { "timestamp(s,+05:00)", "timestamp(s,+05:00)" },
        { "decimal(5)", "decimal(5)" },
        { "decimal(5,0)", "decimal(5)" },
        { "decimal(5,2)", "decimal(5,2)" },
        { "decimal( 38 , 38 )", "decimal(38,38)" },
        { "bytes", "bytes" },
        { "binary", "bytes" },
        { "[int]", "[int]" },
        { "[ [ string ] ]", "[[str]]" },
        { "{a:int,b:[str]}", "{a:int,b:[str]}" },
        { "{}", "{}" },
        { "{ `a b` : long }", "{`a b`:long}" },
        { "<str,int>", "<str,int>" },
        { "< string , [ {x : int} ] >", "<str,[{x:int}]>" },
        { "<int,<str,[bool]>>", "<int,<str,[bool]>>" },
    };

    [Theory]
    [MemberData(nameof(TypeAliases))]
    public void ParsesEveryTypeNameAndAlias(string expression, string printed)
    {
        var type = DataType.Parse(expression);
        Assert.Equal(printed, type.ToString());

        var schema = Schema.Parse("x:" + expression);
        Assert.Single(schema);
        Assert.Equal(type, schema[0].Type);
        Assert.Equal("x:" + printed, schema.ToString());
    }

    public static TheoryData<string, DataType> TypeModels => new()
    {
        { "null", DataType.Null },
        { "boolean", DataType.Bool },
        { "byte", DataType.Int8 },
        { "ubyte", DataType.UInt8 },
        { "short", DataType.Int16 },
        { "ushort", DataType.UInt16 },
        { "int", DataType.Int32 },
        { "uint", DataType.UInt32 },
        { "long", DataType.Int64 },
        { "ulong", DataType.UInt64 },
        { "float16", DataType.Float16 },
        { "float", DataType.Float32 },
        { "double", DataType.Float64 },
        { "string", DataType.String },
        { "binary", DataType.Binary },
        { "date", DataType.Date },
        { "datetime", DataType.DateTime },
        { "timestamp(us)", DataType.DateTime },
        { "timestamp(s)", DataType.Timestamp(TimeUnit.Second) },
        { "timestamp(ms)", DataType.Timestamp(TimeUnit.Millisecond) },
        { "timestamp(ns)", DataType.Timestamp(TimeUnit.Nanosecond) },
        { "timestamp(us,UTC)", DataType.Timestamp(TimeUnit.Microsecond, "UTC") },
        { "decimal(10,3)", DataType.Decimal(10, 3) },
        { "[int]", DataType.List(DataType.Int32) },
        { "{a:int}", DataType.Struct(new Field("a", DataType.Int32)) },
        { "<str,long>", DataType.Map(DataType.String, DataType.Int64) },
    };

    [Theory]
    [MemberData(nameof(TypeModels))]
    public void ParsesToTheExpectedModel(string expression, DataType expected)
    {
        var type = DataType.Parse(expression);
        Assert.Equal(expected, type);
        Assert.Equal(expected.GetHashCode(), type.GetHashCode());
        Assert.Equal(expected.Kind, type.Kind);
    }

    [Fact]
    public void KeepsTheTimestampUnitAndZone()
    {
        var t = Assert.IsType<TimestampType>(DataType.Parse("timestamp(ns,Asia/Shanghai)"));
        Assert.Equal(TimeUnit.Nanosecond, t.Unit);
        Assert.Equal("Asia/Shanghai", t.TimeZone);
        Assert.Equal("ns", t.UnitName);

        var naive = Assert.IsType<TimestampType>(DataType.Parse("timestamp(ms)"));
        Assert.Equal(TimeUnit.Millisecond, naive.Unit);
        Assert.Null(naive.TimeZone);
        // Fugue's quirk: a naive ms timestamp prints as datetime but is not equal to datetime (us).
        Assert.Equal("datetime", naive.ToString());
        Assert.NotEqual(DataType.DateTime, naive);
        Assert.Same(DataType.DateTime, DataType.Parse("timestamp(us)"));
    }

    [Fact]
    public void KeepsDecimalPrecisionAndScale()
    {
        var d = Assert.IsType<DecimalType>(DataType.Parse("decimal(7,3)"));
        Assert.Equal(7, d.Precision);
        Assert.Equal(3, d.Scale);
        Assert.Equal(0, Assert.IsType<DecimalType>(DataType.Parse("decimal(7)")).Scale);
    }

    public static TheoryData<string, string> ValidSchemas => new()
    {
        { "", "" },
        { "   ", "" },
        { "a:int", "a:int" },
        { "a:int,b:str", "a:int,b:str" },
        { " a : int , b : str ", "a:int,b:str" },
        { "\ta:int,\n b:long", "a:int,b:long" },
        { "`a`:int", "a:int" },
        { "123:bytes", "`123`:bytes" },
        { "`123`:bytes", "`123`:bytes" },
        { "`a b`:int", "`a b`:int" },
        { "`a``b`:int", "`a``b`:int" },
        { "`_`:int", "`_`:int" },
        { "`__`:int", "`__`:int" },
        { "_a:int", "_a:int" },
        { "a_1:int", "a_1:int" },
        { "`中国`:str", "`中国`:str" },
        { "``:int", "``:int" },
        { "``:int,a:str", "``:int,a:str" },
        { "````:int", "````:int" },
        { "`a,b:c`:int", "`a,b:c`:int" },
        { "`*`:int,`+`:str,c:bool", "`*`:int,`+`:str,c:bool" },
        { "a:[int],b:{x:int,y:{z:[str],w:byte}}", "a:[int],b:{x:int,y:{z:[str],w:byte}}" },
        { "a:<str,int>,b:[<int,[str]>]", "a:<str,int>,b:[<int,[str]>]" },
        { "a:{x:int},b:{x:str}", "a:{x:int},b:{x:str}" },
        { "a:{`x y`:int,`x``y`:str}", "a:{`x y`:int,`x``y`:str}" },
        { "a:decimal(5,2),b:timestamp(ns,UTC),c:datetime", "a:decimal(5,2),b:timestamp(ns,UTC),c:datetime" },
        { "Int:int,STR:str", "Int:int,STR:str" },
        { "int:int,str:str", "int:int,str:str" },
    };

    [Theory]
    [MemberData(nameof(ValidSchemas))]
    public void ParsesValidSchemas(string expression, string printed)
    {
        var schema = Schema.Parse(expression);
        Assert.Equal(printed, schema.ToString());
        Assert.Equal(schema, Schema.Parse(schema.ToString()));
        Assert.True(schema == expression);
        Assert.True(schema.Equals((object)printed));
    }

    [Fact]
    public void ParsesQuotedNamesVerbatim()
    {
        Assert.Equal(["a b", "a`b", "123", "_", "中国", "", "`"], Schema.Parse("`a b`:int,`a``b`:int,`123`:int,`_`:int,`中国`:int,``:int,````:int").Names);
    }

    public static TheoryData<string, int, string> InvalidSchemas => new()
    {
        // missing name or type
        { "int", 3, "expected ':' after column name 'int'" },
        { ":int", 0, "expected a column name" },
        { "a:int,:int", 6, "expected a column name" },
        { "a:", 2, "expected a type" },
        { "a:int,", 6, "expected a column name" },
        { ",a:int", 0, "expected a column name" },
        { "a:int,,b:int", 6, "expected a column name" },
        { "a", 1, "expected ':'" },
        { "a b:int", 2, "expected ':' after column name 'a'" },
        { "a:int b:int", 6, "unexpected 'b'" },
        // unknown types, case sensitivity
        { "a:dummytype", 2, "unknown type 'dummytype'" },
        { "a:INT", 2, "unknown type 'INT' (type names are case-sensitive: use 'int')" },
        { "a:Str", 2, "use 'str'" },
        { "a:Decimal(5)", 2, "use 'decimal'" },
        { "a:int32x", 2, "unknown type 'int32x'" },
        { "a:large_string", 2, "unknown type 'large_string'" },
        { "a:time32", 2, "unknown type 'time32'" },
        // duplicates at any level
        { "a:int,a:str", 6, "duplicate column name 'a'" },
        { "b:{x:int,x:str}", 9, "duplicate column name 'x'" },
        { "a:int,`a`:str", 6, "duplicate column name 'a'" },
        { "c:[{x:int,y:int,x:str}]", 16, "duplicate column name 'x'" },
        // malformed list / map / struct
        { "a:[int,str]", 6, "expected ']'" },
        { "a:[]", 3, "empty list type" },
        { "a:[int", 6, "expected ']'" },
        { "a:<>", 3, "empty map type" },
        { "a:<int>", 6, "expected ','" },
        { "a:<int,str,str>", 10, "expected '>'" },
        { "a:<int,>", 7, "expected a type" },
        { "a:<int,str", 10, "expected '>'" },
        { "a:{x:int", 8, "expected ',' or '}'" },
        { "a:{x}", 4, "expected ':'" },
        { "a:{,}", 3, "expected a column name" },
        { "a:int]", 5, "unexpected ']'" },
        // backticks
        { "`a:int", 0, "unclosed backtick" },
        { "a:int,`b", 6, "unclosed backtick" },
        { "a:{`x:int}", 3, "unclosed backtick" },
        { "`a``:int", 0, "unclosed backtick" },
        { "中国:int", 0, "must be backtick-quoted" },
        { "a-b:int", 1, "expected ':'" },
        { "*:int", 0, "expected a column name" },
        // trailing garbage
        { "a:int x", 6, "unexpected 'x'" },
        { "a:int;", 5, "unexpected ';'" },
        { "a:[int]]", 7, "unexpected ']'" },
        { "a:int}", 5, "unexpected '}'" },
        // decimal / timestamp parameters
        { "a:decimal", 9, "decimal needs a precision" },
        { "a:decimal()", 10, "expected the decimal precision" },
        { "a:decimal(0)", 10, "decimal precision must be between 1 and 38, got 0" },
        { "a:decimal(39)", 10, "decimal precision must be between 1 and 38, got 39" },
        { "a:decimal(5,6)", 12, "decimal scale must be between 0 and the precision 5, got 6" },
        { "a:decimal(5,-1)", 12, "expected the decimal scale" },
        { "a:decimal(5,2,1)", 13, "expected ')'" },
        { "a:decimal(x)", 10, "expected the decimal precision" },
        { "a:decimal(5", 11, "expected ')'" },
        { "a:decimal(99999999999)", 10, "too large" },
        { "a:timestamp", 11, "timestamp needs a unit" },
        { "a:timestamp()", 12, "expected a timestamp unit" },
        { "a:timestamp(xs)", 12, "unknown timestamp unit 'xs'" },
        { "a:timestamp(NS)", 12, "unknown timestamp unit 'NS'" },
        { "a:timestamp(ns,)", 15, "expected a time zone" },
        { "a:timestamp(ns,UTC,x)", 18, "expected ')'" },
        { "a:timestamp(ns", 14, "expected ')'" },
        { "a:int(3)", 5, "type 'int' takes no parameters" },
        { "a:datetime(ns)", 10, "type 'datetime' takes no parameters" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchemas))]
    public void RejectsInvalidSchemasWithPosition(string expression, int position, string messagePart)
    {
        var ex = Assert.Throws<FugueSchemaException>(() => Schema.Parse(expression));
        Assert.Equal(expression, ex.Expression);
        Assert.Equal(position, ex.Position);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at position {position} in schema expression '{expression}'", ex.Message, StringComparison.Ordinal);
        // The caret line points under the offending character.
        Assert.EndsWith("\n  " + new string(' ', position) + "^", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, "expected a type")]
    [InlineData("  ", 2, "expected a type")]
    [InlineData("int,str", 3, "unexpected ','")]
    [InlineData("int x", 4, "unexpected 'x' after the type")]
    [InlineData("a:int", 0, "unknown type 'a'")]
    [InlineData("INT", 0, "use 'int'")]
    [InlineData("[int", 4, "expected ']'")]
    [InlineData("dummy", 0, "unknown type 'dummy'")]
    [InlineData("decimal(40)", 8, "between 1 and 38")]
    public void RejectsInvalidTypes(string expression, int position, string messagePart)
    {
        var ex = Assert.Throws<FugueSchemaException>(() => DataType.Parse(expression));
        Assert.Equal(position, ex.Position);
        Assert.Equal(expression, ex.Expression);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImplicitConversionParses()
    {
        Schema s = "a:int,b:str";
        Assert.Equal(2, s.Count);
        Assert.Throws<FugueSchemaException>(() =>
        {
            Schema bad = "a:int,a:int";
            return bad;
        });
    }

    [Fact]
    public void NullExpressionIsAnArgumentError()
    {
        Assert.Throws<ArgumentNullException>(() => Schema.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => DataType.Parse(null!));
    }

    [Fact]
    public void LimitsNestingDepth()
    {
        var ok = new string('[', 100) + "int" + new string(']', 100);
        Assert.Equal(ok, DataType.Parse(ok).ToString());
        var deep = "a:" + new string('[', 5000) + "int" + new string(']', 5000);
        var ex = Assert.Throws<FugueSchemaException>(() => Schema.Parse(deep));
        Assert.Equal(102, ex.Position);
        Assert.Contains("nested more than 100 levels", ex.Message, StringComparison.Ordinal);
        var mixed = "a:" + string.Concat(Enumerable.Repeat("{x:<int,", 60)) + "int" + string.Concat(Enumerable.Repeat(">}", 60));
        Assert.Throws<FugueSchemaException>(() => Schema.Parse(mixed));
    }

    [Fact]
    public void ParsesLargeSchemasAndFindsLateDuplicates()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"c{i}:long");
        var schema = Schema.Parse(string.Join(",", names));
        Assert.Equal(200, schema.Count);
        Assert.Equal(150, schema.IndexOf("c150"));

        var expression = string.Join(",", names) + ",c7:int";
        var ex = Assert.Throws<FugueSchemaException>(() => Schema.Parse(expression));
        Assert.Equal(expression.Length - "c7:int".Length, ex.Position);
        Assert.Contains("duplicate column name 'c7'", ex.Message, StringComparison.Ordinal);
    }
}
