using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Sql;

namespace Fugue.Engines.Tests.Sql;

/// <summary>
/// The smallest engine the SQL facet and the expression operations need: frames become local bounded frames.
/// Every other operation is outside what these tests exercise and says so.
/// </summary>
internal class SqlTestEngine : ExecutionEngine
{
    public override bool IsDistributed => false;

    public override int GetCurrentParallelism() => 1;

    protected override MapEngine CreateDefaultMapEngine() => throw Unused();

    protected override SqlEngine CreateDefaultSqlEngine() => new SqliteEngine(this);

    public override DataFrame ToDf(DataFrame df) => df.AsLocalBounded();

    public override DataFrame Repartition(DataFrame df, PartitionSpec partitionSpec) => ToDf(df);

    public override DataFrame Broadcast(DataFrame df) => ToDf(df);

    public override DataFrame Persist(DataFrame df, bool lazy = false, CancellationToken cancellationToken = default) => ToDf(df);

    public override DataFrame Join(DataFrame df1, DataFrame df2, JoinType how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) => throw Unused();

    public override DataFrame Union(DataFrame df1, DataFrame df2, bool distinct = true) => throw Unused();

    public override DataFrame Subtract(DataFrame df1, DataFrame df2, bool distinct = true) => throw Unused();

    public override DataFrame Intersect(DataFrame df1, DataFrame df2, bool distinct = true) => throw Unused();

    public override DataFrame Distinct(DataFrame df) =>
        SqlEngine.Select(new DataFrames([KeyValuePair.Create("t", df)]), "SELECT DISTINCT * FROM t");

    public override DataFrame DropNa(DataFrame df, DropNaHow how = DropNaHow.Any, int? thresh = null, IReadOnlyList<string>? subset = null) => throw Unused();

    public override DataFrame FillNa(DataFrame df, object value, IReadOnlyList<string>? subset = null) => throw Unused();

    public override DataFrame FillNa(DataFrame df, IReadOnlyDictionary<string, object?> values) => throw Unused();

    public override DataFrame Sample(DataFrame df, int? n = null, double? frac = null, bool replace = false, int? seed = null) => throw Unused();

    public override DataFrame Take(DataFrame df, int n, string? presort = null, NullPosition nullPosition = NullPosition.Last, PartitionSpec? partitionSpec = null) => throw Unused();

    public override DataFrame Zip(DataFrames dfs, JoinType how = JoinType.Inner, PartitionSpec? partitionSpec = null) => throw Unused();

    public override DataFrame Comap(DataFrame df, CoMapFunc mapFunc, Fugue.Schemas.Schema outputSchema, PartitionSpec? partitionSpec = null, CoMapInitFunc? onInit = null, CancellationToken cancellationToken = default) => throw Unused();

    private static NotSupportedException Unused() => new("SqlTestEngine only supports conversion and SQL");
}
