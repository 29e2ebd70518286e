using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Schemas;

public class SchemaOperationsTests
{
    private static readonly Schema Abc = Schema.Parse("a:int,b:int,c:str");

    private static void AssertSchema(string expected, Schema actual) => Assert.Equal(expected, actual.ToString());

    private static FugueSchemaException AssertFails(Func<Schema> action, params string[] messageParts)
    {
        var ex = Assert.Throws<FugueSchemaException>(action);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    // ---- construction ----

    [Fact]
    public void ParsesSeveralExpressions()
    {
        AssertSchema("a:int,b:int", Schema.Parse("a:int", "b:int"));
        AssertSchema("a:int,b:str,c:[int]", Schema.Parse("a:int,b:str", "", "c:[int]"));
        Assert.Same(Schema.Empty, Schema.Parse());
        AssertFails(() => Schema.Parse("a:int", "a:str"), "cannot append column 'a'", "'a:int'");
        AssertFails(() => Schema.Parse("a:int", "b:dummy"), "unknown type 'dummy'");
    }

    [Fact]
    public void BuildsFromPairsAndFields()
    {
        AssertSchema("a:int,`b c`:str", Schema.Of(("a", DataType.Int32), ("b c", DataType.String)));
        AssertSchema("x:long,y:[str]", Schema.Of(new Dictionary<string, DataType> { ["x"] = DataType.Int64, ["y"] = DataType.List(DataType.String) }));
        AssertSchema("", Schema.Of());
        AssertSchema("a:int,b:bool", new Schema(new Field("a", DataType.Int32), new Field("b", DataType.Bool)));
        AssertSchema("a:int", new Schema(new List<Field> { new("a", DataType.Int32) }));
        AssertFails(() => Schema.Of(("a", DataType.Int32), ("a", DataType.String)), "duplicate column name 'a'");
        AssertFails(() => new Schema(new Field("a", DataType.Int32), new Field("a", DataType.String)), "duplicate column name 'a'");
        var many = Enumerable.Range(0, 20).Select(i => new Field("c" + (i % 19), DataType.Int32));
        AssertFails(() => new Schema(many), "duplicate column name 'c0'");
        Assert.Throws<ArgumentNullException>(() => new Schema((IEnumerable<Field>)null!));
        Assert.Throws<ArgumentNullException>(() => new Schema(new Field("a", DataType.Int32), null!));
    }

    // ---- list surface ----

    [Fact]
    public void ListSurface()
    {
        var s = Schema.Parse("a:int,`b c`:str,c:[long]");
        Assert.Equal(3, s.Count);
        Assert.False(s.IsEmpty);
        Assert.True(Schema.Empty.IsEmpty);
        Assert.Equal(new Field("b c", DataType.String), s[1]);
        Assert.Equal(DataType.List(DataType.Int64), s["c"].Type);
        Assert.Equal(["a", "b c", "c"], s.Names);
        Assert.Equal([DataType.Int32, DataType.String, DataType.List(DataType.Int64)], s.Types);
        Assert.Equal(s.Fields, s.ToList());
        Assert.Equal(3, ((System.Collections.IEnumerable)s).Cast<Field>().Count());
        Assert.True(s.Contains("b c"));
        Assert.False(s.Contains("b"));
        Assert.Equal(2, s.IndexOf("c"));
        Assert.Equal(-1, s.TryIndexOf("x"));
        Assert.True(s.TryGetField("a", out var a));
        Assert.Equal(DataType.Int32, a.Type);
        Assert.False(s.TryGetField("zz", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => s.IndexOf("x"));
        Assert.Contains("column 'x' is not in schema 'a:int,`b c`:str,c:[long]'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => s["x"]);
        Assert.Throws<IndexOutOfRangeException>(() => s[3]);
    }

    [Fact]
    public void LookupsWorkOnWideSchemas()
    {
        var wide = Schema.Parse(string.Join(",", Enumerable.Range(0, 50).Select(i => $"c{i}:int")));
        Assert.Equal(49, wide.IndexOf("c49"));
        Assert.True(wide.Contains("c0"));
        Assert.False(wide.Contains("c50"));
        Assert.Equal(-1, wide.TryIndexOf("c50"));
    }

    // ---- equality ----

    [Fact]
    public void EqualityWithSchemasAndStrings()
    {
        var s = Schema.Parse("a:int,`b c`:[str]");
        Assert.Equal(s, Schema.Parse(" `a` : int32 , `b c` : [ string ] "));
        Assert.True(s == Schema.Parse("a:int,`b c`:[str]"));
        Assert.True(s != Schema.Parse("`b c`:[str],a:int"));
        Assert.True(s == "a:int,`b c`:[str]");
        Assert.True(s == "`a`:int32, `b c`:[string]");
        Assert.True(s != "a:int");
        Assert.False(s == "not a schema ::");
        Assert.False(s.Equals((string?)null));
        Assert.False(s.Equals((Schema?)null));
        Assert.False(s.Equals(42));
        Assert.True(s.Equals((object)"a:int,`b c`:[str]"));
        Assert.True(Schema.Empty == "");
        Assert.True((Schema?)null == (Schema?)null);
        Assert.False(s == (Schema?)null);
        Assert.False((Schema?)null == "a:int");
        Assert.True((Schema?)null == (string?)null);
    }

    [Fact]
    public void HashCodesFollowEquality()
    {
        var x = Schema.Parse("a:int,b:{x:[str],y:<str,decimal(5,2)>}");
        var y = Schema.Parse("a : int32, b : { x : [string], y : < str , decimal(5, 2) > }");
        Assert.Equal(x, y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
        var set = new HashSet<Schema> { x, y, Schema.Parse("a:int"), Schema.Parse("a:int32") };
        Assert.Equal(2, set.Count);
    }

    // ---- append / + ----

    [Fact]
    public void AppendAddsNewColumnsOnly()
    {
        AssertSchema("a:int,b:int,c:str,d:long", Abc.Append(Schema.Parse("d:long")));
        AssertSchema("a:int,b:int,c:str,d:long,e:str", Abc.Append("d:long,e:str"));
        AssertSchema("a:int,b:int,c:str,d:bool", Abc.Append(new Field("d", DataType.Bool)));
        AssertSchema("a:int,b:int,c:str,d:bool", Abc.Append("d", DataType.Bool));
        AssertSchema("a:int,b:int,c:str,d:long", Abc + Schema.Parse("d:long"));
        AssertSchema("a:int,b:int,c:str,d:long", Abc + "d:long");
        AssertSchema("a:int,b:int,c:str,d:long", Abc + new Field("d", DataType.Int64));
        AssertSchema("x:int,a:int,b:int,c:str", Schema.Parse("x:int") + Abc);
        Assert.Same(Abc, Abc.Append(Schema.Empty));
        Assert.Same(Abc, Abc + "");
        AssertSchema("a:int,b:int,c:str", Schema.Empty + Abc);
        AssertSchema("a:int,b:int,c:str", Abc); // unchanged
    }

    [Fact]
    public void StringPlusSchemaIsACompileError()
    {
        // "text" + schema would parse the text as a schema where concatenation was meant: the operator is an obsolete error.
        var op = typeof(Schema).GetMethod("op_Addition", [typeof(string), typeof(Schema)]);
        var obsolete = Assert.Single(op!.GetCustomAttributes(typeof(ObsoleteAttribute), false).Cast<ObsoleteAttribute>());
        Assert.True(obsolete.IsError);
        Assert.Equal("schema: a:int,b:int,c:str", $"schema: {Abc}");
    }

    [Theory]
    [InlineData("a:int")]
    [InlineData("d:int,c:str")]
    [InlineData("c:long")]
    public void AppendRejectsExistingNames(string other)
    {
        var name = Schema.Parse(other).Names.First(Abc.Contains);
        AssertFails(() => Abc + other, $"cannot append column '{name}'", "schema 'a:int,b:int,c:str'");
    }

    [Fact]
    public void AppendRejectsInvalidExpressions()
    {
        var ex = AssertFails(() => Abc + "d:", "expected a type");
        Assert.Equal(2, ex.Position);
        Assert.Equal("d:", ex.Expression);
    }

    // ---- remove / - ----

    [Fact]
    public void RemoveByNames()
    {
        AssertSchema("b:int", Abc.Remove("c", "a"));
        AssertSchema("a:int,c:str", Abc.Remove(new List<string> { "b" }));
        AssertSchema("a:int,b:int", Abc.Remove("c", "c"));
        Assert.Same(Abc, Abc.Remove());
        AssertSchema("", Abc.Remove("a", "b", "c"));
        AssertSchema("b:int", Abc - "c,a");
        AssertSchema("b:int", Abc - " c , , a ");
        AssertSchema("b:int", Abc - new[] { "a", "c" });
        AssertSchema("`a b`:int", Schema.Parse("`a b`:int,`c,d`:str") - "`c,d`");
        Assert.Same(Abc, Abc - "");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("a,x")]
    [InlineData("A")]
    public void RemoveRequiresExistingNames(string names)
    {
        var missing = Schema.ParseNames(names).First(n => !Abc.Contains(n));
        AssertFails(() => Abc - names, $"cannot remove column '{missing}'", "not in schema 'a:int,b:int,c:str'");
        AssertFails(() => Abc.Remove(Schema.ParseNames(names).ToArray()), $"cannot remove column '{missing}'");
    }

    [Fact]
    public void RemoveTypedSubSchema()
    {
        AssertSchema("b:int", Abc.Remove(Schema.Parse("a:int,c:str")));
        AssertSchema("b:int", Abc - Schema.Parse("c:str,a:int"));
        AssertSchema("a:int,b:int", Abc - "c:str");
        AssertFails(() => Abc - "c:int", "cannot remove column 'c:int'", "has it as 'c:str'", "type mismatch");
        AssertFails(() => Abc - Schema.Parse("x:int"), "cannot remove column 'x:int'", "'x' is not in schema 'a:int,b:int,c:str'");
        AssertFails(() => Abc - "c:dummy", "unknown type");
    }

    [Fact]
    public void RemoveRejectsMalformedNameLists()
    {
        var ex = AssertFails(() => Abc - "a b", "expected ',' between column names");
        Assert.Equal(2, ex.Position);
        ex = AssertFails(() => Abc - "`a", "unclosed backtick");
        Assert.Equal(0, ex.Position);
    }

    // ---- extract ----

    [Fact]
    public void ExtractKeepsArgumentOrder()
    {
        AssertSchema("c:str,a:int", Abc.Extract("c", "a"));
        AssertSchema("b:int", Abc.Extract(new List<string> { "b" }));
        AssertSchema("", Abc.Extract());
        AssertSchema("c:str,a:int", Abc.Extract(Schema.Parse("c:str,a:int")));
        AssertFails(() => Abc.Extract("a", "x"), "cannot extract column 'x'", "not in schema 'a:int,b:int,c:str'");
        AssertFails(() => Abc.Extract("a", "a"), "cannot extract column 'a' twice");
        AssertFails(() => Abc.Extract(Schema.Parse("a:str")), "cannot extract column 'a:str'", "type mismatch");
        AssertFails(() => Abc.Extract(Schema.Parse("z:str")), "cannot extract column 'z:str'", "not in schema");
    }

    // ---- exclude ----

    [Fact]
    public void ExcludeIgnoresMissingNames()
    {
        AssertSchema("b:int", Abc.Exclude("c", "a", "x"));
        AssertSchema("a:int,b:int,c:str", Abc.Exclude("x", "y"));
        Assert.Same(Abc, Abc.Exclude("x"));
        AssertSchema("a:int,c:str", Abc.Exclude(new[] { "b" }.AsEnumerable()));
        AssertSchema("a:int,b:int", Abc.Exclude(Schema.Parse("c:str,x:int")));
        AssertFails(() => Abc.Exclude(Schema.Parse("c:int")), "cannot exclude column 'c:int'", "type mismatch");
    }

    // ---- intersect ----

    [Fact]
    public void IntersectKeepsSelfOrder()
    {
        AssertSchema("a:int,c:str", Abc.Intersect("c", "x", "a"));
        AssertSchema("", Abc.Intersect("x"));
        Assert.Same(Abc, Abc.Intersect("c", "b", "a"));
        AssertSchema("b:int", Abc.Intersect(new List<string> { "b", "b" }));
        AssertSchema("a:int,c:str", Abc.Intersect(Schema.Parse("c:str,b:long,a:int,z:int")));
    }

    // ---- union ----

    [Fact]
    public void UnionLeftWins()
    {
        AssertSchema("a:int,b:int,c:str,d:long", Abc.Union(Schema.Parse("c:long,d:long,a:str")));
        AssertSchema("a:int,b:int,c:str,x:int", Abc.Union("x:int,b:str"));
        Assert.Same(Abc, Abc.Union(Schema.Parse("a:str")));
        AssertSchema("a:str", Schema.Empty.Union("a:str"));
    }

    // ---- rename ----

    [Fact]
    public void RenameInPlace()
    {
        AssertSchema("x:int,b:int,`y z`:str", Abc.Rename(new Dictionary<string, string> { ["a"] = "x", ["c"] = "y z" }));
        AssertSchema("b:int,a:int,c:str", Abc.Rename(new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" }));
        AssertSchema("a:int,bb:int,c:str", Abc.Rename("b", "bb"));
        AssertSchema("a:int,b:int,c:str", Abc.Rename("b", "b"));
        Assert.Same(Abc, Abc.Rename(new Dictionary<string, string>()));
        AssertFails(() => Abc.Rename("x", "y"), "cannot rename column 'x'", "not in schema 'a:int,b:int,c:str'");
        AssertFails(() => Abc.Rename("a", "b"), "cannot rename to 'b'", "two columns");
        AssertFails(() => Abc.Rename(new Dictionary<string, string> { ["a"] = "z", ["b"] = "z" }), "cannot rename to 'z'");
    }

    // ---- alter ----

    [Fact]
    public void AlterChangesTypesInPlace()
    {
        AssertSchema("a:long,b:int,c:[str]", Abc.Alter("c:[str],a:long"));
        AssertSchema("a:int,b:str,c:str", Abc.Alter(Schema.Parse("b:str")));
        Assert.Same(Abc, Abc.Alter(""));
        AssertFails(() => Abc.Alter("x:int"), "cannot alter column 'x'", "not in schema 'a:int,b:int,c:str'");
        AssertFails(() => Abc.Alter("a:int,x:int"), "cannot alter column 'x'");
    }

    [Fact]
    public void OperationsLeaveTheSourceUnchanged()
    {
        var s = Schema.Parse("a:int,b:int,c:str");
        _ = s + "d:int";
        _ = s - "a";
        _ = s.Rename("a", "z");
        _ = s.Alter("a:str");
        _ = s.Extract("c");
        AssertSchema("a:int,b:int,c:str", s);
    }

    [Fact]
    public void ParseNamesHandlesQuotingAndBlanks()
    {
        Assert.Equal(["a", "b c", "d`e", "", "中"], Schema.ParseNames(" a , `b c`,,`d``e` , ``, `中` ,"));
        Assert.Empty(Schema.ParseNames("   "));
        var ex = Assert.Throws<FugueSchemaException>(() => Schema.ParseNames("a,b:int"));
        Assert.Equal(3, ex.Position);
    }
}
