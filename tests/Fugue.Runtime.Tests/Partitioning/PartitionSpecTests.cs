using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Partitioning;

public class PartitionSpecTests
{
    private static readonly Schema Abde = new(
        new Field("a", DataType.Int32), new Field("b", DataType.Int32), new Field("d", DataType.Int32), new Field("e", DataType.Int32));

    [Fact]
    public void DefaultIsEmpty()
    {
        var p = new PartitionSpec();
        Assert.Empty(p.PartitionBy);
        Assert.Equal("0", p.NumPartitions);
        Assert.Empty(p.Presort);
        Assert.Equal(PartitionAlgo.Default, p.Algo);
        Assert.Equal("default", p.AlgoName);
        Assert.True(p.IsEmpty);
        Assert.False(p.HasPartitionKeys);
        Assert.Equal(p, PartitionSpec.Empty);
        Assert.True(PartitionSpec.From(null).IsEmpty);
        Assert.True(PartitionSpec.Combine(null, PartitionSpec.Empty).IsEmpty);
    }

    [Fact]
    public void FromJsonString()
    {
        var p = PartitionSpec.Combine("""{"partition_by": ["a", "b", "c"], "num_partitions": 1}""");
        Assert.Equal(["a", "b", "c"], p.PartitionBy);
        Assert.Equal("1", p.NumPartitions);
        Assert.Empty(p.Presort);
        Assert.Equal(PartitionAlgo.Default, p.Algo);
        Assert.False(p.IsEmpty);
        Assert.Equal(p, PartitionSpec.Parse("""  {"partition_by": ["a", "b", "c"], "num_partitions": "1"}"""));
    }

    [Fact]
    public void FromDictionaryWithAliases()
    {
        var p = PartitionSpec.FromDictionary([new("by", new[] { "a", "b", "c" }), new("presort", "d asc,e desc")]);
        Assert.Equal(["a", "b", "c"], p.PartitionBy);
        Assert.Equal("0", p.NumPartitions);
        Assert.Equal([PresortKey.Asc("d"), PresortKey.Desc("e")], p.Presort);
        Assert.False(p.IsEmpty);
    }

    [Fact]
    public void NamesAreVerbatimAndAlgoIsCaseInsensitive()
    {
        var p = new PartitionSpec(by: ["a ", "b", "c"], num: "5", presort: "d,`e ` desc", algo: PartitionAlgoNames.Parse("EvEN"));
        Assert.Equal(["a ", "b", "c"], p.PartitionBy);
        Assert.Equal("5", p.NumPartitions);
        Assert.Equal([PresortKey.Asc("d"), PresortKey.Desc("e ")], p.Presort);
        Assert.Equal(PartitionAlgo.Even, p.Algo);
        Assert.Equal("even", p.AlgoName);
    }

    [Theory]
    [InlineData("", PartitionAlgo.Default)]
    [InlineData("default", PartitionAlgo.Default)]
    [InlineData("DEFAULT", PartitionAlgo.Default)]
    [InlineData("hash", PartitionAlgo.Hash)]
    [InlineData("Rand", PartitionAlgo.Rand)]
    [InlineData("EvEN", PartitionAlgo.Even)]
    [InlineData("coarse", PartitionAlgo.Coarse)]
    public void AlgoNames(string name, PartitionAlgo algo)
    {
        Assert.Equal(algo, PartitionAlgoNames.Parse(name));
        Assert.Equal(algo, PartitionSpec.Empty.WithAlgo(name).Algo);
        Assert.Equal(algo, PartitionAlgoNames.Parse(algo.ToName()));
    }

    [Fact]
    public void UnknownAlgoThrows()
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => PartitionAlgoNames.Parse("evenly"));
        Assert.Contains("'evenly'", e.Message);
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromJson("""{"algo":"x"}"""));
    }

    [Fact]
    public void CopyKeepsEverything()
    {
        var p = PartitionSpec.FromDictionary([
            new("partition_by", new[] { "a", "b", "c" }),
            new("presort", "d,e desc"),
            new("algo", "EvEN"),
            new("num_partitions", "ROWCOUNT*3"),
            new("row_limit", 4),
            new("size_limit", "5k"),
        ]);
        var p2 = PartitionSpec.Combine(p);
        Assert.Equal(p, p2);
        Assert.Equal(p.ToJson(), p2.ToJson());
        Assert.Equal("d ASC,e DESC", p2.PresortExpression);
        Assert.Equal(4, p2.RowLimit);
        Assert.Equal(5 * 1024, p2.SizeLimit);
        Assert.False(p.IsEmpty);
        Assert.Contains("ROWCOUNT*3", p.ToString());
    }

    [Fact]
    public void Shortcuts()
    {
        Assert.Equal(new PartitionSpec(num: "ROWCOUNT", algo: PartitionAlgo.Even), PartitionSpec.Parse("per_row"));
        Assert.Equal(PartitionSpec.PerRow, PartitionSpec.Parse("PER_ROW"));
        Assert.Equal(PartitionSpec.PerRow, PartitionSpec.From("Per_Row"));
        Assert.Equal(new PartitionSpec(by: ["abc"]), PartitionSpec.Parse("abc"));
        Assert.Equal(new PartitionSpec(by: ["abc"]), PartitionSpec.FromDictionary([new("by", "abc")]));
        Assert.Equal(new PartitionSpec(by: ["abc"]), PartitionSpec.From(new[] { "abc" }));
        Assert.Equal(new PartitionSpec(by: ["abc", "def"]), PartitionSpec.From(new List<string> { "abc", "def" }));
        Assert.Equal(PartitionSpec.Num(4), PartitionSpec.From(4));
        Assert.Equal(PartitionSpec.Num(4), PartitionSpec.From(4L));
        Assert.Equal(PartitionSpec.By("a b "), PartitionSpec.Parse("a b "));
        PartitionSpec implicitSpec = "per_row";
        Assert.Equal(PartitionSpec.PerRow, implicitSpec);
    }

    [Fact]
    public void UnsupportedArgumentsThrow()
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.From(1.1));
        Assert.Contains("1.1", e.Message);
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromDictionary([new("partition_by", 123)]));
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromDictionary([new("partition_by", new object[] { "a", 1 })]));
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromDictionary([new("num", true)]));
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromDictionary([new("size_limit", "5 parsecs")]));
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.Parse(""));
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.Combine(PartitionSpec.Num(2), " "));
        Assert.Equal([""], PartitionSpec.By("").PartitionBy); // an empty column name is still possible explicitly
    }

    [Fact]
    public void DuplicatePartitionKeysThrow()
    {
        var e = Assert.Throws<FuguePartitionSpecException>(() => new PartitionSpec(by: ["a", "b", "b"]));
        Assert.Contains("'b'", e.Message);
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.By("a", "a"));
    }

    [Fact]
    public void GetSorts()
    {
        var p = PartitionSpec.FromDictionary([new("partition_by", new[] { "a" }), new("presort", "d asc,e desc")]);
        Assert.Equal([PresortKey.Asc("a"), PresortKey.Asc("d"), PresortKey.Desc("e")], p.GetSorts(Abde));
        Assert.Equal([PresortKey.Asc("d"), PresortKey.Desc("e")], p.GetSorts(Abde, withPartitionKeys: false));
    }

    [Fact]
    public void GetSortsMissingColumnNamesColumnAndSchema()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => new PartitionSpec(by: ["a"], presort: "x desc").GetSorts(Abde));
        Assert.Contains("'x'", e.Message);
        Assert.Contains(Abde.ToString(), e.Message);
        Assert.Throws<KeyNotFoundException>(() => PartitionSpec.By("z").GetSorts(Abde));
        Assert.Throws<KeyNotFoundException>(() => new PartitionSpec(by: ["a"], presort: "x desc").GetSorts(Abde, withPartitionKeys: false));
    }

    [Fact]
    public void GetKeySchemaFollowsByOrder()
    {
        var p = PartitionSpec.FromDictionary([new("partition_by", new[] { "e", "a" }), new("presort", "d asc")]);
        Assert.Equal(new Schema(new Field("e", DataType.Int32), new Field("a", DataType.Int32)), p.GetKeySchema(Abde));
        Assert.True(PartitionSpec.Empty.GetKeySchema(Abde).IsEmpty);
        Assert.Throws<KeyNotFoundException>(() => PartitionSpec.By("q").GetKeySchema(Abde));
    }

    [Fact]
    public void LaterPartsOverride()
    {
        var a = PartitionSpec.By("a", "b");
        var b = a.With(by: ["a"], num: "2");
        Assert.Equal(["a", "b"], a.PartitionBy);
        Assert.Equal("0", a.NumPartitions);
        Assert.Equal(["a"], b.PartitionBy);
        Assert.Equal("2", b.NumPartitions);

        var merged = PartitionSpec.Combine(a, new Dictionary<string, object?> { ["num"] = 3 }, """{"algo":"rand"}""");
        Assert.Equal(["a", "b"], merged.PartitionBy);
        Assert.Equal("3", merged.NumPartitions);
        Assert.Equal(PartitionAlgo.Rand, merged.Algo);

        // a whole spec overrides every key, like Fugue's PartitionSpec(p1, p2)
        Assert.Equal(PartitionSpec.Num(5), PartitionSpec.Combine(a, PartitionSpec.Num(5)));
        // a non-generic dictionary with other value types
        Assert.Equal(PartitionSpec.By("x"), PartitionSpec.Combine(new Dictionary<string, string> { ["by"] = "x" }));
    }

    [Fact]
    public void PresortOverrides()
    {
        var a = new PartitionSpec(by: ["a"], presort: "b DESC, c");
        var b = new PartitionSpec(by: ["a"], presort: "c,b DESC");
        Assert.NotEqual(a.Presort, b.Presort);
        Assert.Equal(a.Presort, b.WithPresort(a.Presort).Presort);
        Assert.Equal(a.Presort, b.WithPresort([("b", false), ("c", true)]).Presort);
        Assert.Empty(b.WithPresort([]).Presort);
        Assert.Empty(b.WithPresort("").Presort);
        Assert.Equal(a, b.With(presort: "b desc, c asc"));
    }

    [Fact]
    public void FluentApi()
    {
        var p = PartitionSpec.By("a", "b").WithPresort("c desc").WithNum(4).WithAlgo(PartitionAlgo.Even);
        Assert.Equal(new PartitionSpec(by: ["a", "b"], num: "4", algo: PartitionAlgo.Even, presort: "c DESC"), p);
        Assert.Equal(new PartitionSpec([PresortKey.Desc("c")], by: ["a", "b"], num: "4", algo: PartitionAlgo.Even), p);
    }

    [Fact]
    public void Equality()
    {
        var a = new PartitionSpec(by: ["a"], presort: "b, c");
        var b = new PartitionSpec(presort: "b, c asc", by: ["a"]);
        var c = new PartitionSpec(num: "10", by: ["a"], presort: "b, c");
        var d = new PartitionSpec(num: "10", by: ["a"], presort: "c, b");
        Assert.Equal(a, a);
        Assert.Equal(a, PartitionSpec.FromDictionary([new("presort", new[] { "b", "c" }), new("by", new[] { "a" })]));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.NotEqual(c, d);
        Assert.NotEqual(PartitionSpec.By("a", "b"), PartitionSpec.By("b", "a"));
        Assert.NotEqual(PartitionSpec.Empty, PartitionSpec.Empty.WithAlgo(PartitionAlgo.Hash));
        Assert.False(a.Equals((object?)null));
        Assert.False(a.Equals("a"));
    }

    [Fact]
    public void IdentityIsDeterministic()
    {
        Assert.Equal(PartitionSpec.Num(0).Identity, new PartitionSpec().Identity);
        Assert.Equal(new PartitionSpec(by: ["a"], num: "2").Identity, PartitionSpec.By("a").WithNum(2).Identity);
        Assert.Equal(PartitionSpec.FromDictionary([new("by", "a"), new("num", 2)]).Identity, PartitionSpec.FromJson("""{"num":"2","by":["a"]}""").Identity);
        Assert.NotEqual(PartitionSpec.By("a", "b").Identity, PartitionSpec.By("b", "a").Identity);
        Assert.NotEqual(PartitionSpec.By("a").Identity, PartitionSpec.By("a").WithPresort("b").Identity);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", PartitionSpec.Empty.Identity);
        // a fixed value: the identity must not change between processes or releases by accident
        Assert.Equal(PartitionSpec.Empty.Identity, PartitionSpec.FromJson(PartitionSpec.Empty.ToJson()).Identity);
    }

    [Fact]
    public void IdentityIsStableAcrossProcesses()
    {
        // SHA-256 of the canonical JSON; pinned so that a change of the canonical form is noticed.
        var json = PartitionSpec.Empty.ToJson();
        Assert.Equal("""{"num_partitions":"0","algo":"","partition_by":[],"presort":"","size_limit":0,"row_limit":0}""", json);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D"), PartitionSpec.Empty.Identity);
    }

    [Fact]
    public void JsonRoundTrip()
    {
        PartitionSpec[] specs =
        [
            PartitionSpec.Empty,
            PartitionSpec.PerRow,
            new PartitionSpec(by: ["a ", "中国", "x\"y"], num: "(ROWCOUNT+4)/3", algo: PartitionAlgo.Coarse, presort: "`` desc, `a b` asc, ````, `中国1`"),
            PartitionSpec.FromDictionary([new("by", "k"), new("row_limit", 4), new("size_limit", "1.5m")]),
        ];
        foreach (var spec in specs)
        {
            var back = PartitionSpec.FromJson(spec.ToJson());
            Assert.Equal(spec, back);
            Assert.Equal(spec.Identity, back.Identity);
            Assert.Equal(spec, PartitionSpec.FromJson(spec.ToJson(indented: true)));
            Assert.Equal(spec, PartitionSpec.Parse(spec.ToJson()));
        }
    }

    [Fact]
    public void JsonLayoutMatchesFugueJsonDict()
    {
        var json = new PartitionSpec(by: ["a"], num: "4", algo: PartitionAlgo.Even, presort: "b desc").ToJson();
        Assert.Equal("""{"num_partitions":"4","algo":"even","partition_by":["a"],"presort":"b DESC","size_limit":0,"row_limit":0}""", json);
        var dict = PartitionSpec.PerRow.ToDictionary();
        Assert.Equal("ROWCOUNT", dict["num_partitions"]);
        Assert.Equal("even", dict["algo"]);
    }

    [Fact]
    public void JsonAcceptsOtherPresortForms()
    {
        Assert.Equal(
            new PartitionSpec(presort: "b desc, c"),
            PartitionSpec.FromJson("""{"presort": {"b": false, "c": true}}"""));
        Assert.Equal(
            new PartitionSpec(presort: "b, c"),
            PartitionSpec.FromJson("""{"presort": ["b", "c"]}"""));
        Assert.Equal(PartitionSpec.Num(3), PartitionSpec.FromJson("""{"num": 3, "unknown_key": 1, "algo": null}"""));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{")]
    [InlineData("{\"num\": 1.5.1}")]
    [InlineData("\"a\"")]
    [InlineData("{\"presort\": {\"b\": \"desc\"}}")]
    [InlineData("{\"presort\": [[\"b\", false]]}")]
    public void InvalidJsonThrows(string json) =>
        Assert.Throws<FuguePartitionSpecException>(() => PartitionSpec.FromJson(json));

    [Fact]
    public void NumAsNumberOrString()
    {
        Assert.Equal(PartitionSpec.Num("2"), PartitionSpec.Num(2));
        Assert.Equal("2.5", PartitionSpec.FromDictionary([new("num", 2.5)]).NumPartitions);
        Assert.Equal(2, PartitionSpec.FromDictionary([new("num", 2.5)]).GetNumPartitions());
    }

    [Fact]
    public void IsEmptyConsidersEveryPart()
    {
        Assert.False(PartitionSpec.Num(1).IsEmpty);
        Assert.False(PartitionSpec.Empty.WithAlgo(PartitionAlgo.Hash).IsEmpty);
        Assert.False(PartitionSpec.By("a").IsEmpty);
        Assert.False(PartitionSpec.Empty.WithPresort("a").IsEmpty);
        Assert.False(PartitionSpec.FromDictionary([new("row_limit", 1)]).IsEmpty);
        Assert.True(PartitionSpec.Empty.WithAlgo("default").IsEmpty);
    }
}
