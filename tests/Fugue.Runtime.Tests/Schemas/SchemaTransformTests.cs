using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Schemas;

public class SchemaTransformTests
{
    private static readonly Schema Input = Schema.Parse("a:int,b:int,c:str");

    [Theory]
    // Every example of section 2.3, for input a:int,b:int,c:str.
    [InlineData("x:str", "x:str")]
    [InlineData("*", "a:int,b:int,c:str")]
    [InlineData("*,x:str", "a:int,b:int,c:str,x:str")]
    [InlineData("*-c,a", "b:int")]
    [InlineData("*-c-a", "b:int")]
    [InlineData("*~c,a,x", "b:int")]
    [InlineData("*~c~a~x", "b:int")]
    [InlineData("*+e:str,b:str,d:str", "a:int,b:str,c:str,e:str,d:str")]
    [InlineData("*+b:str-a", "b:str,c:str")]
    [InlineData("* + - ~ ", "a:int,b:int,c:str")]
    // More shapes.
    [InlineData("", "")]
    [InlineData("  ", "")]
    [InlineData(" * ", "a:int,b:int,c:str")]
    [InlineData("x:str,*", "x:str,a:int,b:int,c:str")]
    [InlineData("c:long,x:str", "c:long,x:str")]
    [InlineData("* - a , , b", "c:str")]
    [InlineData("*-a~a", "b:int,c:str")]
    [InlineData("*~x", "a:int,b:int,c:str")]
    [InlineData("*+a:long", "a:long,b:int,c:str")]
    [InlineData("*-a+a:long", "b:int,c:str,a:long")]
    [InlineData("*+x:[int]-x", "a:int,b:int,c:str")]
    [InlineData("*-a:int", "b:int,c:str")]
    [InlineData("*~a:int,x:str", "b:int,c:str")]
    [InlineData("*,`x-y`:int-a", "b:int,c:str,`x-y`:int")]
    [InlineData("*+t:timestamp(s,+05:00)", "a:int,b:int,c:str,t:timestamp(s,+05:00)")]
    [InlineData("*,m:<str,[int]>~b", "a:int,c:str,m:<str,[int]>")]
    [InlineData("~a", "")]
    [InlineData("x:int~x", "")]
    public void AppliesHints(string hint, string expected)
    {
        Assert.Equal(expected, Input.Transform(hint).ToString());
        Assert.True(Input.Transform(hint) == expected);
    }

    [Fact]
    public void AnEmptyHeadIsTheEmptySchema()
    {
        var ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("-a"));
        Assert.Equal(1, ex.Position);
        Assert.Contains("it is not in schema ''", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcatenatesSeveralHints()
    {
        Assert.Equal("a:int,b:int,c:str,x:str", Input.Transform("*", "x:str").ToString());
        Assert.Equal("a:int,b:int,c:str,x:str", Input.Transform("*", ("x", DataType.String)).ToString());
        Assert.Equal("a:int,b:int,c:str,x:str", Input.Transform("*", new KeyValuePair<string, DataType>("x", DataType.String)).ToString());
        Assert.Equal("a:int,b:int,c:str,x:str", Input.Transform("*", new KeyValuePair<string, string>("x", "string")).ToString());
        Assert.Equal("a:int,t:datetime,d:decimal(5,2),l:[int]", Input.Transform("*-b,c", ("t", DataType.DateTime), ("d", DataType.Decimal(5, 2)), ("l", "[int]")).ToString());
        Assert.Throws<FugueSchemaException>(() => Input.Transform("*", ("l", "[int")));
        Assert.Throws<FugueSchemaException>(() => Input.Transform("*", ("l", 1)));
        Assert.Equal("b:int,x:str,y:long", Input.Transform("*-a,c", "x:str", Schema.Parse("y:long")).ToString());
        Assert.Equal("a:int,z:bool", Input.Transform("*-b-c", new Field("z", DataType.Bool)).ToString());
        Assert.Equal("", Input.Transform().ToString());
        Assert.Equal("a:int,b:int,c:str", Input.Transform("*", null!).ToString());
        Assert.Equal("a:int,b:int,c:str", Input.Transform(new object?[] { null, "*" }).ToString());
    }

    [Fact]
    public void AcceptsFunctions()
    {
        Assert.Equal("c:str", Input.Transform(s => s.Extract("c")).ToString());
        Func<Schema, Schema> addX = s => s + "x:int";
        Assert.Equal("a:int,b:int,c:str,x:int,y:int", Input.Transform(addX, "y:int").ToString());
        Assert.Throws<FugueSchemaException>(() => Input.Transform(_ => null!));
    }

    [Fact]
    public void RejectsUnsupportedHintObjects()
    {
        var ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*", 42));
        Assert.Contains("unsupported schema hint of type System.Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DoubleStarIsAnError()
    {
        Assert.Throws<FugueSchemaException>(() => Input.Transform("**"));
        var ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*", "*"));
        Assert.Contains("repeats column 'a'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*,*"));
        Assert.Contains("duplicate column name 'a' (from '*')", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Position);
        ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*,a:str"));
        Assert.Equal(2, ex.Position);
        Assert.Throws<FugueSchemaException>(() => Input.Transform("*", ("a", DataType.String)));
    }

    [Theory]
    [InlineData("*-x", 2, "cannot remove column 'x': it is not in schema 'a:int,b:int,c:str'")]
    [InlineData("*-a,x", 4, "cannot remove column 'x'")]
    [InlineData("*-a-a", 4, "cannot remove column 'a': it is not in schema 'b:int,c:str'")]
    [InlineData("*,x:dummy", 4, "unknown type 'dummy'")]
    [InlineData("*+x", 3, "expected ':' after column name 'x'")]
    [InlineData("*+x:", 4, "expected a type")]
    [InlineData("*-a b", 4, "expected ',' between column names")]
    [InlineData("*-`a", 2, "unclosed backtick")]
    [InlineData("a:*", 2, "expected a type")]
    [InlineData("*x", 1, "unexpected 'x'")]
    [InlineData("*,x:int,x:str", 8, "duplicate column name 'x'")]
    [InlineData("*+x:int,x:str", 8, "duplicate column name 'x'")]
    public void ReportsPositionsInsideHints(string hint, int position, string messagePart)
    {
        var ex = Assert.Throws<FugueSchemaException>(() => Input.Transform(hint));
        Assert.Equal(hint, ex.Expression);
        Assert.Equal(position, ex.Position);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at position {position} in schema expression '{hint}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedRemovalChecksTypes()
    {
        var ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*-a:str"));
        Assert.Contains("type mismatch", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FugueSchemaException>(() => Input.Transform("*~a:str"));
        Assert.Contains("type mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorCharactersInsideBackticksAreNames()
    {
        // The example of section 2.3.
        Schema input = "`*`:int,`+`:str,c:bool";
        Assert.Equal("`+`:str,c:bool,d:str", input.Transform("*,d:str - `*` ").ToString());
        Assert.Equal("`*`:int,c:bool", input.Transform("*~`+`").ToString());
        Assert.Equal("`*`:long,`+`:str,c:bool,`-`:int", input.Transform("*+`*`:long,`-`:int").ToString());
        Assert.Equal("`a~b`:int", Schema.Empty.Transform("`a~b`:int").ToString());
        Assert.Equal("`*`:int", input.Transform("`*`:int").ToString());
    }

    [Fact]
    public void StarOfAnEmptyInputIsEmpty()
    {
        Assert.Equal("x:str", Schema.Empty.Transform("*,x:str").ToString());
        Assert.Equal("x:str", Schema.Empty.Transform("x:str,*").ToString());
        Assert.Equal("", Schema.Empty.Transform("*").ToString());
    }

    [Fact]
    public void StarKeepsQuotedAndNestedInputs()
    {
        Schema input = "`a b`:[int],`c``d`:{x:<str,int>}";
        var result = input.Transform("*,e:str-`a b`");
        Assert.Equal("`c``d`:{x:<str,int>},e:str", result.ToString());
        Assert.Equal(input.Append("e:str"), input.Transform("*,e:str"));
    }
}
