using Fugue.Api;
using Fugue.Configuration;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Engines.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ExecutionEngineFactoryTests
{
    private static readonly Dictionary<string, object?> Conf = new() { [NativeExecutionEngine.ParallelismKey] = 3 };

    [Fact]
    public void Native_ByNameAnyCase_WithConf()
    {
        using var e = ExecutionEngineFactory.Make("native", Conf);
        Assert.IsType<NativeExecutionEngine>(e);
        Assert.Equal(3, e.GetCurrentParallelism());
        using var upper = ExecutionEngineFactory.Make(" NATIVE ");
        Assert.IsType<NativeExecutionEngine>(upper);
        Assert.Contains("native", ExecutionEngineFactory.Names);
        Assert.True(ExecutionEngineFactory.IsRegistered("Native"));
    }

    [Fact]
    public void UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ExecutionEngineFactory.Make("spark"));
        Assert.Contains("unknown execution engine 'spark'", e.Message, StringComparison.Ordinal);
        Assert.Contains("known: native", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FugueApi.Distinct(new ArrayDataFrame([[1]], Schema.Parse("a:int")), engine: "spark"));
    }

    [Fact]
    public void Dask_WithoutItsPackage_IsUnknownAndSaysWhatIsMissing()
    {
        // This test project does not reference Fugue.Dask: loading the plugin fails quietly and the error names the package.
        var e = Assert.Throws<ArgumentException>(() => ExecutionEngineFactory.Make("dask"));
        Assert.Contains("'dask' needs the Fugue.Dask package", e.Message, StringComparison.Ordinal);
        Assert.False(ExecutionEngineFactory.IsRegistered("dask"));
    }

    [Fact]
    public void RegisteredFake_IsMadeByNameByConfAndByFunctionalCalls()
    {
        var made = new List<IReadOnlyDictionary<string, object?>?>();
        ExecutionEngineFactory.Register("fake-test", conf =>
        {
            made.Add(conf);
            return new NativeExecutionEngine(conf);
        });
        try
        {
            Assert.True(ExecutionEngineFactory.IsRegistered("FAKE-TEST"));
            using (ExecutionEngineFactory.Make("fake-test", Conf))
            {
                Assert.Same(Conf, Assert.Single(made));
            }

            // The default-engine conf key, in the user's conf ...
            var byConf = new Dictionary<string, object?> { [ExecutionEngineFactory.EngineNameKey] = "fake-test" };
            using (ExecutionEngineFactory.Make(conf: byConf))
            {
                Assert.Equal(2, made.Count);
            }

            // ... or in Fugue's global conf.
            FugueConf.RegisterGlobal(byConf);
            try
            {
                Assert.Equal(1, FugueApi.Count(FugueApi.Distinct(new ArrayDataFrame([[1], [1]], Schema.Parse("a:int")))));
                Assert.Equal(3, made.Count);
            }
            finally
            {
                FugueConf.RegisterGlobal(new Dictionary<string, object?> { [ExecutionEngineFactory.EngineNameKey] = null });
            }

            Assert.Equal(1, FugueApi.GetCurrentParallelism(engine: "fake-test", engineConf: new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 1 }));
            Assert.Equal(4, made.Count);
        }
        finally
        {
            Assert.True(ExecutionEngineFactory.Unregister("fake-test"));
        }

        Assert.False(ExecutionEngineFactory.IsRegistered("fake-test"));
        Assert.Throws<ArgumentException>(() => ExecutionEngineFactory.Unregister("native"));
    }

    [Fact]
    public void NullOrInstance_UsesAmbientThenDefault()
    {
        using var mine = new NativeExecutionEngine();
        Assert.Same(mine, ExecutionEngineFactory.Make(mine));
        Assert.Same(mine, FugueApi.MakeExecutionEngine(mine));
        using (mine.AsContext())
        {
            Assert.Same(mine, ExecutionEngineFactory.Make());
            Assert.Same(mine, ExecutionEngineFactory.Make((ExecutionEngine?)null));
        }

        using var fresh = ExecutionEngineFactory.Make();
        Assert.IsType<NativeExecutionEngine>(fresh);
        Assert.NotSame(mine, fresh);
    }

    [Fact]
    public void SqlEngine_ByName()
    {
        using var e = ExecutionEngineFactory.Make("native", null, "sqlite");
        Assert.IsType<SqliteEngine>(e.SqlEngine);
        Assert.Contains("sqlite", ExecutionEngineFactory.SqlEngineNames);
        var error = Assert.Throws<ArgumentException>(() => ExecutionEngineFactory.Make("native", null, "qpd"));
        Assert.Contains("unknown SQL engine 'qpd'; known: sqlite", error.Message, StringComparison.Ordinal);
        ExecutionEngineFactory.RegisterSqlEngine("sqlite2", engine => new SqliteEngine(engine));
        using var e2 = ExecutionEngineFactory.Make("native", null, "SQLITE2");
        Assert.IsType<SqliteEngine>(e2.SqlEngine);
    }
}
