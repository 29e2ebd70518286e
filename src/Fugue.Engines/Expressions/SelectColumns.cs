using System.Collections;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// The column list of a select (Fugue's <c>SelectColumns</c>), validated on construction: not empty; the wildcard
/// <c>*</c> at most once and never next to an aggregation; every other column has a name (an alias or an inferred
/// name, see <see cref="ColumnExpr"/>) and the names are unique. With aggregations, the non-aggregated, non-literal
/// columns are the implicit group keys (<see cref="GroupKeys"/>). <c>*</c> expands to the input columns in order
/// (<see cref="ReplaceWildcard"/>); a named column that repeats one of them is an error (<c>Select("*", "a")</c>).
/// </summary>
public sealed class SelectColumns : IReadOnlyList<ColumnExpr>
{
    private readonly ColumnExpr[] _all;

    /// <summary>Creates the list.</summary>
    /// <exception cref="FugueExpressionException">The list breaks one of the rules above.</exception>
    public SelectColumns(IEnumerable<ColumnExpr> columns, bool distinct = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _all = columns.Select(c => c ?? throw new ArgumentNullException(nameof(columns), "a select column is null")).ToArray();
        IsDistinct = distinct;
        if (_all.Length == 0)
        {
            throw new FugueExpressionException("a select needs at least one column");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _all)
        {
            if (c.IsWildcard)
            {
                if (HasWildcard)
                {
                    throw new FugueExpressionException("'*' can be used at most once in a select");
                }

                HasWildcard = true;
                continue;
            }

            if (c.Name.Length == 0)
            {
                throw new FugueExpressionException($"{c} does not have a name: give it one with Alias(...)");
            }

            if (!names.Add(c.Name))
            {
                throw new FugueExpressionException($"column name '{c.Name}' appears more than once in the select");
            }
        }

        HasAggregation = _all.Any(c => c.IsAggregation);
        if (HasWildcard && HasAggregation)
        {
            throw new FugueExpressionException("'*' cannot be used together with aggregations");
        }

        Aggregations = _all.Where(c => c.IsAggregation).ToArray();
        Literals = _all.Where(c => c is LiteralExpr).ToArray();
        GroupKeys = HasAggregation ? _all.Where(c => !c.IsAggregation && c is not LiteralExpr).ToArray() : [];
    }

    /// <summary>Creates the list.</summary>
    public SelectColumns(params ColumnExpr[] columns) : this((IEnumerable<ColumnExpr>)columns)
    {
    }

    /// <summary>A list from column names (<c>"*"</c> for the wildcard) and expressions (Fugue's <c>select("a", col("b")+1, ...)</c>).</summary>
    /// <exception cref="ArgumentException">An item is neither a string nor a <see cref="ColumnExpr"/>.</exception>
    public static SelectColumns Of(params object[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new SelectColumns(columns.Select(c => c switch
        {
            string s => Functions.Col(s),
            ColumnExpr e => e,
            _ => throw new ArgumentException($"a select column must be a column name or a ColumnExpr, not {c?.GetType().Name ?? "null"}", nameof(columns)),
        }));
    }

    /// <summary>True for SELECT DISTINCT.</summary>
    public bool IsDistinct { get; }

    /// <summary>True when <c>*</c> is in the list.</summary>
    public bool HasWildcard { get; }

    /// <summary>True when a column is or contains an aggregation.</summary>
    public bool HasAggregation { get; }

    /// <summary>The aggregated columns.</summary>
    public IReadOnlyList<ColumnExpr> Aggregations { get; }

    /// <summary>The literal columns.</summary>
    public IReadOnlyList<ColumnExpr> Literals { get; }

    /// <summary>With aggregations: the non-aggregated, non-literal columns, which form the implicit GROUP BY; else empty.</summary>
    public IReadOnlyList<ColumnExpr> GroupKeys { get; }

    /// <inheritdoc />
    public int Count => _all.Length;

    /// <inheritdoc />
    public ColumnExpr this[int index] => _all[index];

    /// <summary>The list with <c>*</c> replaced by the columns of <paramref name="schema"/> (the same list when there is no wildcard).</summary>
    /// <exception cref="FugueExpressionException">An expanded column's name collides with another column's name.</exception>
    public SelectColumns ReplaceWildcard(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!HasWildcard)
        {
            return this;
        }

        var expanded = new List<ColumnExpr>();
        foreach (var c in _all)
        {
            if (c.IsWildcard)
            {
                expanded.AddRange(schema.Names.Select(Functions.Col));
            }
            else
            {
                expanded.Add(c);
            }
        }

        return new SelectColumns(expanded, IsDistinct);
    }

    /// <summary>This list when it has no wildcard.</summary>
    /// <exception cref="FugueExpressionException">It has one.</exception>
    public SelectColumns AssertNoWildcard() =>
        HasWildcard ? throw new FugueExpressionException("'*' is not allowed here") : this;

    /// <summary>This list when it has no aggregation.</summary>
    /// <exception cref="FugueExpressionException">It has one.</exception>
    public SelectColumns AssertNoAggregation() =>
        HasAggregation ? throw new FugueExpressionException($"aggregations are not allowed here: {string.Join(", ", Aggregations)}") : this;

    /// <summary>The output schema over <paramref name="input"/>: the expanded names with each expression's type.</summary>
    /// <exception cref="FugueExpressionException">A column is missing or an expression's types do not fit.</exception>
    public Schema InferSchema(Schema input)
    {
        var columns = ReplaceWildcard(input);
        return new Schema(columns.Select(c => new Field(c.Name, c.InferType(input))));
    }

    /// <inheritdoc />
    public IEnumerator<ColumnExpr> GetEnumerator() => ((IEnumerable<ColumnExpr>)_all).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => (IsDistinct ? "DISTINCT " : string.Empty) + string.Join(", ", _all.Select(c => c.ToString()));
}
