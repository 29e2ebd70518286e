using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// The checks and column lists shared by every engine's select, filter, assign and aggregate, so that all engines
/// accept and reject the same calls and produce the same output schema.
/// </summary>
public static class ExpressionValidation
{
    /// <summary>
    /// Validates a select over <paramref name="input"/> and returns its output schema: the columns' types must fit
    /// (see <see cref="ExpressionTypes"/>), <paramref name="where"/> is a bool condition without aggregations and
    /// <paramref name="having"/> a bool condition that needs aggregations in the select.
    /// </summary>
    /// <exception cref="FugueExpressionException">A rule is broken.</exception>
    public static Schema ValidateSelect(SelectColumns columns, Schema input, ColumnExpr? where, ColumnExpr? having)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(input);
        var output = columns.InferSchema(input);
        if (where is not null)
        {
            if (where.IsAggregation)
            {
                throw new FugueExpressionException($"a WHERE condition cannot contain aggregations: {where}");
            }

            ExpressionTypes.CheckBool($"the WHERE condition {where}", where.InferType(input));
        }

        if (having is not null)
        {
            if (!columns.HasAggregation)
            {
                throw new FugueExpressionException($"HAVING needs aggregations in the select: {having}");
            }

            ExpressionTypes.CheckBool($"the HAVING condition {having}", having.InferType(input));
        }

        return output;
    }

    /// <summary>
    /// The select list of an assign (Fugue's <c>assign</c>): each column needs a name and may not be a wildcard or an
    /// aggregation; an existing name is replaced in place, a new one appended at the end in the given order.
    /// </summary>
    /// <exception cref="FugueExpressionException">A rule is broken or a name is assigned twice.</exception>
    public static SelectColumns AssignColumns(Schema input, IReadOnlyList<ColumnExpr> columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new FugueExpressionException("assign needs at least one column");
        }

        var byName = new Dictionary<string, ColumnExpr>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(columns));
            if (c.IsWildcard)
            {
                throw new FugueExpressionException("'*' cannot be assigned");
            }

            if (c.IsAggregation)
            {
                throw new FugueExpressionException($"assign cannot use aggregations: {c}");
            }

            if (c.Name.Length == 0)
            {
                throw new FugueExpressionException($"{c} does not have a name: give it one with Alias(...)");
            }

            if (!byName.TryAdd(c.Name, c))
            {
                throw new FugueExpressionException($"column '{c.Name}' is assigned more than once");
            }
        }

        var list = new List<ColumnExpr>(input.Count + columns.Count);
        foreach (var name in input.Names)
        {
            list.Add(byName.Remove(name, out var replaced) ? WithName(replaced, name) : Functions.Col(name));
        }

        list.AddRange(columns.Where(c => byName.ContainsKey(c.Name)).Select(c => WithName(c, c.Name)));
        return new SelectColumns(list);
    }

    /// <summary>
    /// The select list of an aggregate (Fugue's <c>aggregate</c>): the partition keys, then the aggregations, each of
    /// which must aggregate and have a name.
    /// </summary>
    /// <exception cref="FugueExpressionException">There are no aggregations, one does not aggregate or has no name.</exception>
    public static SelectColumns AggregateColumns(PartitionSpec? partitionBy, IReadOnlyList<ColumnExpr> aggregations)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        if (aggregations.Count == 0)
        {
            throw new FugueExpressionException("aggregate needs at least one aggregation");
        }

        foreach (var a in aggregations)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(aggregations));
            if (!a.IsAggregation)
            {
                throw new FugueExpressionException($"{a} is not an aggregation");
            }
        }

        var keys = partitionBy?.PartitionBy ?? [];
        return new SelectColumns(keys.Select(Functions.Col).Concat(aggregations));
    }

    private static ColumnExpr WithName(ColumnExpr c, string name) => c.AsName == name ? c : c.Alias(name);
}
