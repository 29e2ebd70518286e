using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>An aggregation of one argument (<c>*</c> only for <see cref="AggregateFunction.Count"/>); named after its argument.</summary>
public sealed class AggregateExpr : ColumnExpr
{
    internal AggregateExpr(AggregateFunction function, ColumnExpr argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.IsWildcard && function != AggregateFunction.Count)
        {
            throw new FugueExpressionException($"'*' can only be counted, not used in {function.ToString().ToUpperInvariant()}");
        }

        if (argument.IsAggregation)
        {
            throw new FugueExpressionException($"aggregations cannot be nested: {function.ToString().ToUpperInvariant()}({argument})");
        }

        Function = function;
        Argument = argument;
    }

    /// <summary>The aggregate function.</summary>
    public AggregateFunction Function { get; }

    /// <summary>The aggregated expression (the wildcard for <c>COUNT(*)</c>).</summary>
    public ColumnExpr Argument { get; }

    /// <inheritdoc />
    public override bool IsAggregation => true;

    /// <inheritdoc />
    public override IReadOnlyList<ColumnExpr> Children => [Argument];

    /// <inheritdoc />
    protected override string InferredName => Argument.Name;

    /// <inheritdoc />
    public override DataType InferBodyType(Schema schema) =>
        Argument.IsWildcard ? DataType.Int64 : ExpressionTypes.Aggregate(Function, Argument.InferType(schema));

    /// <inheritdoc />
    protected override string BodyToString() => Function == AggregateFunction.CountDistinct
        ? $"COUNT(DISTINCT {Argument})"
        : $"{Function.ToString().ToUpperInvariant()}({Argument})";

    /// <inheritdoc />
    protected override string BodyKey() => $"{Function}({Argument.StructuralKey})";
}
