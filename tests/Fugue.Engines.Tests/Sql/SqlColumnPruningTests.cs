using Fugue.Frames;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Engines.Tests.Sql;

public class SqlColumnPruningTests
{
    private static readonly SqlTestEngine Engine = new();

    private static DataFrame Select(string sql, params (string Name, DataFrame Df)[] tables) =>
        new SqliteEngine(Engine).Select(new DataFrames(tables.Select(t => KeyValuePair.Create(t.Name, t.Df))), sql);

    [Theory]
    [InlineData("SELECT key, count(*) AS cnt, sum(a) FROM fact GROUP BY key ORDER BY key", "key,cnt,sum,a,fact,select,count,as,from,group,by,order")]
    [InlineData("SELECT a*b, \"my col\", `x``y`, [z w] FROM t -- c\n/* d */ WHERE s = 'e f'", "a,b,my col,x`y,z w,from,t,where,s,select")]
    [InlineData("SELECT (a) * 2, 3 * b FROM t", "select,a,b,from,t")]
    public void NamesAreCollected(string sql, string expected)
    {
        var names = SqlColumnPruning.ReferencedNames(sql);
        Assert.NotNull(names);
        foreach (var n in expected.Split(','))
        {
            Assert.Contains(n, names);
        }

        Assert.DoesNotContain("c", names);
        Assert.DoesNotContain("d", names);
        Assert.DoesNotContain("e", names);
    }

    [Theory]
    [InlineData("SELECT * FROM t")]
    [InlineData("SELECT DISTINCT * FROM t")]
    [InlineData("SELECT a, * FROM t")]
    [InlineData("SELECT t.* FROM t")]
    [InlineData("SELECT a FROM t NATURAL JOIN u")]
    [InlineData("SELECT name FROM pragma_table_info('t')")]
    [InlineData("SELECT sql FROM sqlite_schema")]
    [InlineData("SELECT 1; SELECT * FROM t")]
    public void UnnamedColumnReadsLoadEverything(string sql) => Assert.Null(SqlColumnPruning.ReferencedNames(sql));

    [Fact]
    public void UnreferencedColumnsAreNotLoaded()
    {
        // a list column cannot be stored in SQLite: the query works because it never names that column
        var df = new ArrayDataFrame([[1L, 2.5, new object?[] { 1L }], [1L, 0.5, null], [2L, 1.0, new object?[] { 2L }]], Schema.Parse("k:long,v:double,l:[long]"));
        var rows = Select("SELECT k, sum(v) AS s, count(*) AS n FROM t GROUP BY k ORDER BY k", ("t", df)).AsArray();
        Assert.Equal(new object?[][] { [1L, 3.0, 2L], [2L, 1.0, 1L] }, rows);
        Assert.Equal(3L, Select("SELECT count(*) AS n FROM t", ("t", df)).AsArray()[0][0]);
        Assert.ThrowsAny<FugueSqlException>(() => Select("SELECT * FROM t", ("t", df)).AsArray());
    }
}
