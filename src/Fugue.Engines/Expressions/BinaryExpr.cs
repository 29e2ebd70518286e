using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>A binary operation; it has no name of its own. Types: see <see cref="ExpressionTypes"/>.</summary>
public sealed class BinaryExpr : ColumnExpr
{
    internal BinaryExpr(BinaryOperator op, ColumnExpr left, ColumnExpr right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.IsWildcard || right.IsWildcard)
        {
            throw new FugueExpressionException($"'*' cannot be an operand of {op}");
        }

        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operation.</summary>
    public BinaryOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public ColumnExpr Left { get; }

    /// <summary>The right operand.</summary>
    public ColumnExpr Right { get; }

    /// <summary>True for <c>+ - * /</c>.</summary>
    public bool IsArithmetic => Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide;

    /// <summary>True for <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
    public bool IsComparison => Operator is >= BinaryOperator.Eq and <= BinaryOperator.Ge;

    /// <inheritdoc />
    public override bool IsAggregation => Left.IsAggregation || Right.IsAggregation;

    /// <inheritdoc />
    public override IReadOnlyList<ColumnExpr> Children => [Left, Right];

    /// <inheritdoc />
    protected override string InferredName => string.Empty;

    /// <inheritdoc />
    public override DataType InferBodyType(Schema schema)
    {
        var left = Left.InferType(schema);
        var right = Right.InferType(schema);
        if (IsArithmetic)
        {
            return ExpressionTypes.Arithmetic(Operator, left, right);
        }

        if (IsComparison)
        {
            ExpressionTypes.CheckComparable(ToString(), left, right);
            return DataType.Bool;
        }

        ExpressionTypes.CheckBool(ToString(), left);
        ExpressionTypes.CheckBool(ToString(), right);
        return DataType.Bool;
    }

    /// <summary>The SQL spelling of the operator.</summary>
    public string OperatorText => Operator switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Eq => "=",
        BinaryOperator.Ne => "<>",
        BinaryOperator.Lt => "<",
        BinaryOperator.Le => "<=",
        BinaryOperator.Gt => ">",
        BinaryOperator.Ge => ">=",
        BinaryOperator.And => "AND",
        _ => "OR",
    };

    /// <inheritdoc />
    protected override string BodyToString() => $"({Left} {OperatorText} {Right})";

    /// <inheritdoc />
    protected override string BodyKey() => $"{Operator}({Left.StructuralKey},{Right.StructuralKey})";
}
