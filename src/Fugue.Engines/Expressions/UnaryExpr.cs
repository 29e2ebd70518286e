using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>A unary operation; it takes its operand's name. Negation keeps the numeric type, the others give bool.</summary>
public sealed class UnaryExpr : ColumnExpr
{
    internal UnaryExpr(UnaryOperator op, ColumnExpr operand)
    {
        ArgumentNullException.ThrowIfNull(operand);
        if (operand.IsWildcard)
        {
            throw new FugueExpressionException($"'*' cannot be an operand of {op}");
        }

        Operator = op;
        Operand = operand;
    }

    /// <summary>The operation.</summary>
    public UnaryOperator Operator { get; }

    /// <summary>The operand.</summary>
    public ColumnExpr Operand { get; }

    /// <inheritdoc />
    public override bool IsAggregation => Operand.IsAggregation;

    /// <inheritdoc />
    public override IReadOnlyList<ColumnExpr> Children => [Operand];

    /// <inheritdoc />
    protected override string InferredName => Operand.Name;

    /// <inheritdoc />
    public override DataType InferBodyType(Schema schema)
    {
        var type = Operand.InferType(schema);
        switch (Operator)
        {
            case UnaryOperator.Negate:
                if (!type.IsNumeric && type.Kind != TypeKind.Null)
                {
                    throw new FugueExpressionException($"cannot negate {type} in {this}");
                }

                return type;
            case UnaryOperator.Not:
                ExpressionTypes.CheckBool(ToString(), type);
                return DataType.Bool;
            default:
                return DataType.Bool;
        }
    }

    /// <inheritdoc />
    protected override string BodyToString() => Operator switch
    {
        UnaryOperator.Negate => $"-{Operand}",
        UnaryOperator.Not => $"NOT {Operand}",
        UnaryOperator.IsNull => $"{Operand} IS NULL",
        _ => $"{Operand} IS NOT NULL",
    };

    /// <inheritdoc />
    protected override string BodyKey() => $"{Operator}({Operand.StructuralKey})";
}
