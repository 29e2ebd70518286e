using Fugue.Frames;
using Fugue.Expressions;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Execution;

/// <summary>Column-expression operations (select, filter, assign, aggregate); by default they run as SQL on <see cref="SqlEngine"/>.</summary>
public abstract partial class ExecutionEngine
{
    private const string ExpressionTableName = "df";

    /// <summary>
    /// Selects <paramref name="columns"/> from <paramref name="df"/>, keeping rows where <paramref name="where"/> is
    /// true and, with aggregations, groups where <paramref name="having"/> is true. Non-aggregated, non-literal
    /// columns next to aggregations form an implicit GROUP BY (the NULL group is kept). Output types follow
    /// <see cref="ExpressionTypes"/> on every engine. The default writes the select as SQL for
    /// <see cref="SqlEngine"/>, then converts the output columns to those types (this is where the output columns'
    /// own casts happen, with Fugue's value conversion, so they behave the same on every engine).
    /// </summary>
    /// <exception cref="FugueExpressionException">The columns or conditions are invalid for the frame's schema.</exception>
    public virtual DataFrame Select(DataFrame df, SelectColumns columns, ColumnExpr? where = null, ColumnExpr? having = null)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(columns);
        var input = ToDf(df);
        var output = ExpressionValidation.ValidateSelect(columns, input.Schema, where, having);
        var sql = new SqlExpressionGenerator(SqlEngine.Dialect)
            .Select(columns, ExpressionTableName, input.Schema, where, having, outputCasts: false);
        var table = ReferencedColumns(input, columns.ReplaceWildcard(input.Schema), where, having);
        var result = SqlEngine.Select(new DataFrames([KeyValuePair.Create(ExpressionTableName, table)]), sql);
        result = ConformTypes(result, output, sql);
        if (columns.IsDistinct && columns.ReplaceWildcard(input.Schema).Any(c => c.AsType is not null))
        {
            // the casts ran after SQL's DISTINCT and may have made rows equal
            result = Distinct(result);
        }

        return result;
    }

    /// <summary>Selects <paramref name="columns"/> (column names or <see cref="ColumnExpr"/>s); see <see cref="Select(DataFrame, SelectColumns, ColumnExpr?, ColumnExpr?)"/>.</summary>
    public DataFrame Select(DataFrame df, params object[] columns) => Select(df, SelectColumns.Of(columns));

    /// <summary>The rows where <paramref name="condition"/> is true (false and null drop the row).</summary>
    public virtual DataFrame Filter(DataFrame df, ColumnExpr condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Select(df, new SelectColumns(Functions.All()), where: condition);
    }

    /// <summary>
    /// Adds or replaces columns: each needs a name (an alias or an inferred one), no wildcard, no aggregation; an
    /// existing name is replaced in place and a new one is appended.
    /// </summary>
    public virtual DataFrame Assign(DataFrame df, params ColumnExpr[] columns)
    {
        ArgumentNullException.ThrowIfNull(df);
        var input = ToDf(df);
        return Select(input, ExpressionValidation.AssignColumns(input.Schema, columns));
    }

    /// <summary>
    /// Aggregates the whole frame, or per group of <paramref name="partitionBy"/>'s keys (null keys form a group); the
    /// output is the keys then the aggregations.
    /// </summary>
    /// <exception cref="FugueExpressionException">No aggregations, or a column that does not aggregate.</exception>
    public virtual DataFrame Aggregate(DataFrame df, PartitionSpec? partitionBy, params ColumnExpr[] aggregations)
    {
        ArgumentNullException.ThrowIfNull(df);
        return Select(df, ExpressionValidation.AggregateColumns(partitionBy, aggregations));
    }

    /// <summary>The frame reduced to the columns the select reads (less to load into the SQL engine; unused nested columns never reach it).</summary>
    private static DataFrame ReferencedColumns(DataFrame input, SelectColumns columns, ColumnExpr? where, ColumnExpr? having)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Collect(ColumnExpr e)
        {
            if (e is ColumnRefExpr { IsWildcard: false } c)
            {
                names.Add(c.Column);
            }

            foreach (var child in e.Children)
            {
                Collect(child);
            }
        }

        foreach (var c in columns)
        {
            Collect(c);
        }

        if (where is not null)
        {
            Collect(where);
        }

        if (having is not null)
        {
            Collect(having);
        }

        var schema = input.Schema;
        var keep = schema.Names.Where(names.Contains).ToList();
        if (keep.Count == 0)
        {
            // COUNT(*) or literals only: the table still needs a column (and its rows)
            keep.Add(schema.Fields.FirstOrDefault(f => !f.Type.IsNested)?.Name ?? schema.Names[0]);
        }

        return keep.Count == schema.Count ? input : input.SelectColumns(keep);
    }

    private DataFrame ConformTypes(DataFrame result, Schema expected, string sql)
    {
        if (result.Schema.Count != expected.Count || !result.Schema.Names.SequenceEqual(expected.Names, StringComparer.Ordinal))
        {
            throw new FugueSqlException($"the SQL engine returned columns {result.Schema} where {expected} was expected", sql);
        }

        if (result.Schema.Types.SequenceEqual(expected.Types))
        {
            return result;
        }

        var changed = new Schema(expected.Fields.Where((f, i) => !f.Type.Equals(result.Schema[i].Type)));
        return ToDf(result.AlterColumns(changed).AsLocalBounded());
    }
}
