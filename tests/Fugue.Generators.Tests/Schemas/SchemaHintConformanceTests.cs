using Fugue.Generators.Schemas;

namespace Fugue.Generators.Tests.Schemas;

/// <summary>The generator's own schema parser agrees with the runtime's (it can't use it at compile time).</summary>
public class SchemaHintConformanceTests
{
    [Theory]
    [InlineData("a:int,b:int,c:str", "x:str")]
    [InlineData("a:int,b:int,c:str", "*")]
    [InlineData("a:int,b:int,c:str", "*,x:str")]
    [InlineData("a:int,b:int,c:str", "*-c,a")]
    [InlineData("a:int,b:int,c:str", "*-c-a")]
    [InlineData("a:int,b:int,c:str", "*~c,a,x")]
    [InlineData("a:int,b:int,c:str", "*~c~a~x")]
    [InlineData("a:int,b:int,c:str", "*+e:str,b:str,d:str")]
    [InlineData("a:int,b:int,c:str", "*+b:str-a")]
    [InlineData("a:int,b:int,c:str", "* + - ~ ")]
    [InlineData("`*`:int,`+`:str,c:bool", "*,d:str - `*` ")]
    [InlineData("a:int", "*,b:[int],c:{x:long,`y z`:str},d:<str,double>,e:decimal(10,2),f:timestamp(ms,UTC),g:datetime")]
    [InlineData("a:int", "b:int32,c:int64,d:float32,e:float64,f:string,g:boolean,h:binary,i:uint8,j:timestamp(us)")]
    public void Apply_MatchesRuntimeTransform(string input, string hint)
    {
        var runtime = Fugue.Schemas.Schema.Parse(input).Transform(hint).ToString();
        var inputFields = SchemaExpressionParser.Parse(input).Select(f => f!).ToList();
        var generated = string.Join(",", SchemaHint.Parse(hint, allowOperators: true).Apply(inputFields).Select(f => f.Text));
        Assert.Equal(runtime, generated);
    }

    [Theory]
    [InlineData("a:int,b:int,c:str", "*-x")]
    [InlineData("a:int,b:int,c:str", "**")]
    [InlineData("a:int,b:int,c:str", "*,a:int")]
    [InlineData("a:int", "a:dummy")]
    [InlineData("a:int", "a:INT")]
    [InlineData("a:int", "b:[int,str]")]
    [InlineData("a:int", "b:<int>")]
    [InlineData("a:int", "b:{x:int,x:str}")]
    [InlineData("a:int", "`b:int")]
    [InlineData("a:int", ":int")]
    public void Errors_AreErrorsInBoth(string input, string hint)
    {
        Assert.ThrowsAny<Exception>(() => Fugue.Schemas.Schema.Parse(input).Transform(hint));
        var inputFields = SchemaExpressionParser.Parse(input).Select(f => f!).ToList();
        Assert.Throws<SchemaSyntaxException>(() => SchemaHint.Parse(hint, allowOperators: true).Apply(inputFields));
    }
}
