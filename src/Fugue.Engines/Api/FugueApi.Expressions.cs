using Fugue.Expressions;
using Fugue.Frames;

namespace Fugue.Api;

// Column-expression operations and SQL (fa.select, fa.filter, fa.assign, fa.aggregate, fa.raw_sql).
public static partial class FugueApi
{
    /// <summary>
    /// Selects columns (Fugue's <c>fa.select</c>), keeping rows where <paramref name="where"/> is true and, with
    /// aggregations, groups where <paramref name="having"/> is true; non-aggregated columns next to aggregations form an
    /// implicit GROUP BY.
    /// </summary>
    /// <param name="df">The input data.</param>
    /// <param name="columns">The columns (build with <see cref="SelectColumns.Of"/>; <c>distinct: true</c> for SELECT DISTINCT).</param>
    /// <param name="where">The row filter.</param>
    /// <param name="having">The group filter.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="asLocal">Return a local frame.</param>
    /// <example>
    /// <code>
    /// var totals = FugueApi.Select(sales, SelectColumns.Of("key", Functions.Sum(Functions.Col("amount")).Alias("total")),
    ///     where: Functions.Col("amount") &gt; 0);
    /// </code>
    /// </example>
    public static DataFrame Select(
        AnyDataFrame df,
        SelectColumns columns,
        ColumnExpr? where = null,
        ColumnExpr? having = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return RunFrame("select", engine, engineConf, asLocal, [df], e => e.Select(df.On(e), columns, where, having));
    }

    /// <summary>Selects columns given as names or <see cref="ColumnExpr"/>s, with the default engine.</summary>
    public static DataFrame Select(AnyDataFrame df, params object[] columns) => Select(df, Expressions.SelectColumns.Of(columns));

    /// <summary>The rows where <paramref name="condition"/> is true; false and null drop the row (Fugue's <c>fa.filter</c>).</summary>
    public static DataFrame Filter(
        AnyDataFrame df,
        ColumnExpr condition,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return RunFrame("filter", engine, engineConf, asLocal, [df], e => e.Filter(df.On(e), condition));
    }

    /// <summary>
    /// Adds or replaces columns (Fugue's <c>fa.assign</c>): each needs a name; an existing name is replaced in place and
    /// a new one appended.
    /// </summary>
    public static DataFrame Assign(
        AnyDataFrame df,
        IReadOnlyList<ColumnExpr> columns,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var array = columns.ToArray();
        return RunFrame("assign", engine, engineConf, asLocal, [df], e => e.Assign(df.On(e), array));
    }

    /// <summary>Adds or replaces columns with the default engine.</summary>
    public static DataFrame Assign(AnyDataFrame df, params ColumnExpr[] columns) => Assign(df, (IReadOnlyList<ColumnExpr>)columns);

    /// <summary>
    /// Adds or replaces columns by name, as Python's <c>fa.assign(df, x=...)</c>: a <see cref="ColumnExpr"/> value is
    /// aliased to its key, any other value becomes a literal.
    /// </summary>
    public static DataFrame Assign(
        AnyDataFrame df,
        IReadOnlyDictionary<string, object?> columns,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Assign(df, columns.Select(kv => kv.Value is ColumnExpr c ? c.Alias(kv.Key) : Functions.Lit(kv.Value, kv.Key)).ToArray(), engine, engineConf, asLocal);
    }

    /// <summary>
    /// Aggregates the whole frame, or per group of <paramref name="partitionBy"/> (null keys form a group); the output is
    /// the keys then the aggregations (Fugue's <c>fa.aggregate</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// var perKey = FugueApi.Aggregate(sales, ["key"], Functions.Sum(Functions.Col("amount")).Alias("total"));
    /// </code>
    /// </example>
    public static DataFrame Aggregate(
        AnyDataFrame df,
        IReadOnlyList<string>? partitionBy,
        IReadOnlyList<ColumnExpr> aggregations,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var spec = partitionBy is null || partitionBy.Count == 0 ? null : new Partitioning.PartitionSpec(partitionBy);
        var array = aggregations.ToArray();
        return RunFrame("aggregate", engine, engineConf, asLocal, [df], e => e.Aggregate(df.On(e), spec, array));
    }

    /// <summary>Aggregates with the default engine; see the list overload.</summary>
    public static DataFrame Aggregate(AnyDataFrame df, IReadOnlyList<string>? partitionBy, params ColumnExpr[] aggregations) =>
        Aggregate(df, partitionBy, (IReadOnlyList<ColumnExpr>)aggregations);

    /// <summary>Aggregates by name, as Python's <c>fa.aggregate(df, by, x=...)</c>: each aggregation is aliased to its key.</summary>
    public static DataFrame Aggregate(
        AnyDataFrame df,
        IReadOnlyList<string>? partitionBy,
        IReadOnlyDictionary<string, ColumnExpr> aggregations,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        return Aggregate(df, partitionBy, aggregations.Select(kv => kv.Value.Alias(kv.Key)).ToArray(), engine, engineConf, asLocal);
    }

    /// <summary>
    /// Runs a SQL statement on the engine's SQL engine (Fugue's <c>fa.raw_sql</c>); the keys of <paramref name="tables"/>
    /// are the table names the statement uses.
    /// </summary>
    public static DataFrame RawSql(
        string statement,
        IReadOnlyDictionary<string, AnyDataFrame> tables,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        ArgumentNullException.ThrowIfNull(tables);
        return RunFrame("raw_sql", engine, engineConf, asLocal, tables.Values.ToArray(), e =>
            e.Select(new DataFrames(tables.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.On(e)))), statement, cancellationToken));
    }
}
