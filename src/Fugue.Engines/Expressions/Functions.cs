namespace Fugue.Expressions;

/// <summary>
/// Factories of column expressions (Fugue's <c>col</c>, <c>lit</c>, <c>null</c> and <c>fugue.column.functions</c>);
/// meant for <c>using static Fugue.Expressions.Functions;</c>.
/// </summary>
public static class Functions
{
    /// <summary>The NULL literal (null type).</summary>
    public static ColumnExpr Null { get; } = new LiteralExpr(null);

    /// <summary>A column reference; <c>"*"</c> is the wildcard (all columns).</summary>
    public static ColumnExpr Col(string name) => new ColumnRefExpr(name);

    /// <summary>A column reference with an alias.</summary>
    public static ColumnExpr Col(string name, string alias) => new ColumnRefExpr(name).Alias(alias);

    /// <summary>The wildcard <c>*</c>.</summary>
    public static ColumnExpr All() => new ColumnRefExpr("*");

    /// <summary>A literal (see <see cref="LiteralExpr"/> for its type).</summary>
    public static ColumnExpr Lit(object? value) => value is null ? Null : new LiteralExpr(value);

    /// <summary>A literal with an alias (Fugue's <c>lit(value, alias)</c>).</summary>
    public static ColumnExpr Lit(object? value, string alias) => Lit(value).Alias(alias);

    /// <summary><c>SUM</c>.</summary>
    public static ColumnExpr Sum(ColumnExpr column) => new AggregateExpr(AggregateFunction.Sum, column);

    /// <summary><c>MIN</c>.</summary>
    public static ColumnExpr Min(ColumnExpr column) => new AggregateExpr(AggregateFunction.Min, column);

    /// <summary><c>MAX</c>.</summary>
    public static ColumnExpr Max(ColumnExpr column) => new AggregateExpr(AggregateFunction.Max, column);

    /// <summary><c>AVG</c>.</summary>
    public static ColumnExpr Avg(ColumnExpr column) => new AggregateExpr(AggregateFunction.Avg, column);

    /// <summary><c>COUNT</c> of non-null values (<c>Count(All())</c> counts rows).</summary>
    public static ColumnExpr Count(ColumnExpr column) => new AggregateExpr(AggregateFunction.Count, column);

    /// <summary><c>COUNT(*)</c>.</summary>
    public static ColumnExpr CountAll() => new AggregateExpr(AggregateFunction.Count, All());

    /// <summary><c>COUNT(DISTINCT x)</c>.</summary>
    public static ColumnExpr CountDistinct(ColumnExpr column) => new AggregateExpr(AggregateFunction.CountDistinct, column);

    /// <summary><c>FIRST</c>: the group's first value.</summary>
    public static ColumnExpr First(ColumnExpr column) => new AggregateExpr(AggregateFunction.First, column);

    /// <summary><c>LAST</c>: the group's last value.</summary>
    public static ColumnExpr Last(ColumnExpr column) => new AggregateExpr(AggregateFunction.Last, column);

    /// <summary>True when the expression is or contains an aggregation (Fugue's <c>is_agg</c>).</summary>
    public static bool IsAgg(ColumnExpr column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsAggregation;
    }
}
