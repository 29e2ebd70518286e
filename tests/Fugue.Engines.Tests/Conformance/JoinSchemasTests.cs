using Fugue.Execution;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

// Port of tests/fugue/dataframe/test_utils.py::test_get_join_schemas.
public class JoinSchemasTests
{
    private static readonly Schema A = Schema.Parse("a:int,b:int");
    private static readonly Schema B = Schema.Parse("c:int");
    private static readonly Schema C = Schema.Parse("a:str");
    private static readonly Schema D = Schema.Parse("a:int,c:int,b:int");

    [Fact]
    public void CrossWithoutCommonColumns()
    {
        var r = JoinSchemas.Resolve(A, B, JoinType.Cross);
        Assert.Empty(r.Keys.Fields);
        Assert.Equal("a:int,b:int,c:int", r.Output.ToString());
    }

    [Fact]
    public void Errors()
    {
        Assert.Throws<ArgumentNullException>(() => JoinTypes.Parse(null!));
        Assert.Throws<ArgumentException>(() => JoinTypes.Parse("x"));
        Assert.Throws<ArgumentException>(() => JoinTypes.Parse("outer"));
        Assert.Throws<FugueSchemaException>(() => JoinSchemas.Resolve(A, B, JoinType.Cross, ["a"]));
        Assert.Throws<FugueSchemaException>(() => JoinSchemas.Resolve(A, C, JoinType.Cross));
        Assert.Throws<FugueSchemaException>(() => JoinSchemas.Resolve(A, B, JoinType.Inner, ["a"]));
        Assert.Throws<FugueSchemaException>(() => JoinSchemas.Resolve(A, B, JoinType.Inner));
        var ex = Assert.Throws<FugueSchemaException>(() => JoinSchemas.Resolve(A, Schema.Parse("a:str,x:int"), JoinType.Inner));
        Assert.Contains("'a'", ex.Message);
        Assert.Equal("a:int,b:int,x:int", JoinSchemas.Resolve(A, Schema.Parse("a:long,x:int"), JoinType.Inner).Output.ToString());
    }

    [Fact]
    public void KeysFollowTheLeftOrder()
    {
        var r = JoinSchemas.Resolve(A, D, JoinType.Inner, ["b", "a"]);
        Assert.Equal("a:int,b:int", r.Keys.ToString());
        var e = Schema.Parse("b:int,a:int,c:int");
        var inferred = JoinSchemas.Resolve(D, e, JoinType.Inner);
        Assert.Equal("a:int,c:int,b:int", inferred.Keys.ToString());
        var cb = JoinSchemas.Resolve(Schema.Parse("a:int,b:int,c:int"), Schema.Parse("c:int,b:int,x:int"), JoinType.Inner, ["c", "b"]);
        Assert.Equal("b:int,c:int", cb.Keys.ToString());
        Assert.Equal("a:int,b:int,c:int,x:int", cb.Output.ToString());
    }

    [Theory]
    [InlineData("semi")]
    [InlineData("SEMI")]
    [InlineData("left_semi")]
    [InlineData("anti")]
    [InlineData("Left_Anti")]
    public void SemiAndAntiKeepTheLeftSchema(string how)
    {
        var r = JoinSchemas.Resolve(A, Schema.Parse("a:int,x:int"), JoinTypes.Parse(how));
        Assert.Equal(A, r.Output);
    }
}
