using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Conformance;

// The ExecutionEngine conformance suite: a port of fugue_test/execution_suite.py (spec 7.1). Subclass it with one line
// per engine (see NativeExecutionEngineTests). Where each case of 7.1 lives:
//   1  test_init                         -> Init_ConfAndFacetsShareTheEngineConf (this file; copy/deepcopy have no C# twin)
//   2  test_get_parallelism              -> GetParallelism_IsPositive (Native: NativeExecutionEngineExtraTests checks the conf key)
//   3  test_to_df_general                -> ToDf_* (this file; pandas frames become ArrayDataFrame/ColumnarDataFrame/empty frames)
//   4-7 test_filter/select/assign/aggregate -> ExecutionEngineTests.Sql.cs (the sql helper's part)
//   8  test_map                          -> ExecutionEngineTests.Map.cs Map_*
//   9  test_map_with_special_values      -> Map_MultiKeyWithNulls, Map_DatetimeKeysWithNulls, Map_AddsNullDatetimeColumn, Map_ListColumn
//   10 test_map_with_dict_col            -> Map_StructColumn* (run here; Fugue's native skips it)
//   11 test_map_with_binary              -> Map_BinaryColumn (bytes instead of pickles)
//   12-19 joins                          -> ExecutionEngineTests.Join.cs Join_*
//   20-23 union/subtract/intersect/distinct -> ExecutionEngineTests.SetOperations.cs (plus EXCEPT ALL / INTERSECT ALL)
//   24 test_dropna, 25 test_fillna, 26 test_sample, 27 test_take, 28 test_sample_n -> ExecutionEngineTests.Rows.cs
//   29 test_comap, 30 test_comap_with_key -> ExecutionEngineTests.Zip.cs
//   31-41 load/save                      -> not here (IO issue)
//   42 test_engine_api                   -> EngineApi_* (this file)
// Native-only extras (test_naive_execution_engine.py): coarse partition and empty partition hold for every engine and
// live in ExecutionEngineTests.Map.cs; properties, multiple partitions (array_split chunk sizes) and exact sample sizes
// are native-only -> Native/NativeExecutionEngineExtraTests; pandas_df_convert -> ToDf_ConvertsValuesToTheSchema;
// get_join_schemas unit cases -> JoinSchemasTests. Assertions about on_init counts and sample sizes are loose enough
// for distributed engines (on_init per physical partition, approximate samples), as in Fugue's suite.
public abstract partial class ExecutionEngineTests : IDisposable
{
    private ExecutionEngine? _engine;

    /// <summary>Creates the engine under test (one per test).</summary>
    protected abstract ExecutionEngine CreateEngine();

    /// <summary>The engine under test, created on first use and stopped when the test ends.</summary>
    protected ExecutionEngine Engine => _engine ??= CreateEngine();

    /// <summary>A local frame of canonicalized rows.</summary>
    protected static DataFrame Df(string schema, params object?[][] rows) => new ArrayDataFrame(rows, Schema.Parse(schema));

    /// <summary>The rows as given, for readable test data.</summary>
    protected static object?[][] Rows(params object?[][] rows) => rows;

    /// <summary>A map function that returns the cursor's row (the first row of each logical partition).</summary>
    protected static LocalDataFrame SelectTop(PartitionCursor cursor, LocalDataFrame df) => new ArrayDataFrame([cursor.Row], cursor.RowSchema);

    public void Dispose()
    {
        _engine?.Stop();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Init_ConfAndFacetsShareTheEngineConf()
    {
        Assert.NotNull(Engine.Conf);
        Assert.Same(Engine.Conf, Engine.MapEngine.Conf);
        Assert.Same(Engine, Engine.MapEngine.ExecutionEngine);
        Assert.Equal("spark", Engine.Conf.GetOrThrow<string>(FugueConf.SqlDialect));
    }

    [Fact]
    public void GetParallelism_IsPositive() => Assert.True(Engine.GetCurrentParallelism() >= 1);

    [Fact]
    public void ToDf_AcceptsFramesAndRows()
    {
        var expected = Rows([1.1, 2.2], [3.3, 4.4]);
        DfAssert.Equal(Engine.ToDf(Df("a:double,b:double", expected)), "a:double,b:double", expected);
        DfAssert.Equal(Engine.ToDf(expected, Schema.Parse("a:double,b:double")), "a:double,b:double", expected);
        var columnar = Df("a:double,b:double", expected).ToColumnar();
        DfAssert.Equal(Engine.ToDf(columnar), "a:double,b:double", expected);
        DfAssert.Equal(Engine.ToDf(DataFrame.FromStream(expected, Schema.Parse("a:double,b:double"))), "a:double,b:double", expected);
    }

    [Fact]
    public void ToDf_ConvertsStringsToDatetime()
    {
        var df = Engine.ToDf(Rows(["2020-01-01"]), Schema.Parse("a:datetime"));
        DfAssert.Equal(df, "a:datetime", [new DateTime(2020, 1, 1)]);
    }

    [Fact]
    public void ToDf_EmptyFrameKeepsSchema()
    {
        var df = Engine.ToDf(new EmptyDataFrame(Schema.Parse("a:double,b:str")));
        DfAssert.Equal(df, "a:double,b:str");
        Assert.True(df.IsEmpty);
    }

    [Fact]
    public void ToDf_ConvertsValuesToTheSchema() => DfAssert.Equal(Engine.ToDf(Rows([1]), Schema.Parse("a:str")), "a:str", ["1"]);

    [Fact]
    public void EngineApi_ContextRepartitionBroadcastUnion()
    {
        var engine = Engine;
        using (engine.AsContext())
        {
            Assert.Same(engine, ExecutionEngineContext.Current);
            var df = engine.ToDf(Rows([1, 2], [3, 4]), Schema.Parse("a:long,b:long"));
            df = engine.Repartition(df, PartitionSpec.Num(2));
            df = engine.Broadcast(df);
            DfAssert.Equal(df, "a:long,b:long", [1, 2], [3, 4]);
            var other = Df("a:long,b:long", [1, 2], [5, 6]).ToColumnar();
            DfAssert.Equal(engine.Union(df, other), "a:long,b:long", [1, 2], [3, 4], [5, 6]);
            DfAssert.Equal(engine.Union(other, df, distinct: false), "a:long,b:long", [1, 2], [5, 6], [1, 2], [3, 4]);
        }

        Assert.True(engine.IsStopped);
    }
}
