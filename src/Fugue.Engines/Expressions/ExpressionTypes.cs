using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// The typing rules shared by every engine, so the native evaluator and SQL engines produce the same types:
/// integer <c>+ - *</c> give long (computed in 64 bits); with a floating or decimal operand they give double, or
/// float when both operands are float/float16; <c>/</c> is true division and gives double; comparisons, <c>AND</c>,
/// <c>OR</c>, <c>NOT</c>, <c>IS [NOT] NULL</c> give bool; a null-typed operand takes the other side's rule.
/// </summary>
public static class ExpressionTypes
{
    /// <summary>The result type of an arithmetic operator.</summary>
    /// <exception cref="FugueExpressionException">An operand is not numeric.</exception>
    public static DataType Arithmetic(BinaryOperator op, DataType left, DataType right)
    {
        CheckNumeric(op, left);
        CheckNumeric(op, right);
        if (left.Kind == TypeKind.Null && right.Kind == TypeKind.Null)
        {
            return DataType.Null;
        }

        if (op == BinaryOperator.Divide)
        {
            return DataType.Float64;
        }

        if (left.Kind == TypeKind.Null)
        {
            left = right;
        }
        else if (right.Kind == TypeKind.Null)
        {
            right = left;
        }

        if (left.IsInteger && right.IsInteger)
        {
            return DataType.Int64;
        }

        return IsSingle(left) && IsSingle(right) ? DataType.Float32 : DataType.Float64;
    }

    /// <summary>Checks that a comparison's operands can be compared: both numeric, or the same kind of value (str, bytes, bool, date, timestamp), or null.</summary>
    /// <exception cref="FugueExpressionException">They cannot.</exception>
    public static void CheckComparable(string what, DataType left, DataType right)
    {
        if (!Comparable(left, right))
        {
            throw new FugueExpressionException($"cannot compare {left} with {right} in {what}");
        }
    }

    /// <summary>True when values of the two types can be compared.</summary>
    public static bool Comparable(DataType left, DataType right)
    {
        if (left.Kind == TypeKind.Null || right.Kind == TypeKind.Null)
        {
            return !left.IsNested && !right.IsNested;
        }

        if (left.IsNumeric && right.IsNumeric)
        {
            return true;
        }

        return left.Kind == right.Kind && !left.IsNested;
    }

    /// <summary>Checks that a logical operand is bool (or null).</summary>
    public static void CheckBool(string what, DataType type)
    {
        if (type.Kind is not (TypeKind.Bool or TypeKind.Null))
        {
            throw new FugueExpressionException($"{what} needs bool operands, not {type}");
        }
    }

    /// <summary>The result type of an aggregation of a <paramref name="input"/> column.</summary>
    public static DataType Aggregate(AggregateFunction function, DataType input)
    {
        switch (function)
        {
            case AggregateFunction.Count:
            case AggregateFunction.CountDistinct:
                return DataType.Int64;
            case AggregateFunction.Sum:
                if (input.Kind == TypeKind.Null)
                {
                    return DataType.Null;
                }

                if (input.IsInteger || input.Kind == TypeKind.Bool)
                {
                    return DataType.Int64;
                }

                if (input.IsNumeric)
                {
                    return DataType.Float64;
                }

                break;
            case AggregateFunction.Avg:
                if (input.IsNumeric || input.Kind is TypeKind.Bool or TypeKind.Null)
                {
                    return DataType.Float64;
                }

                break;
            case AggregateFunction.Min:
            case AggregateFunction.Max:
                if (!input.IsNested)
                {
                    return input;
                }

                break;
            default:
                return input;
        }

        throw new FugueExpressionException($"{function.ToString().ToUpperInvariant()} is not defined for {input}");
    }

    private static bool IsSingle(DataType type) => type.Kind is TypeKind.Float32 or TypeKind.Float16;

    private static void CheckNumeric(BinaryOperator op, DataType type)
    {
        if (!type.IsNumeric && type.Kind != TypeKind.Null)
        {
            throw new FugueExpressionException($"arithmetic {op} needs numeric operands, not {type}");
        }
    }
}
