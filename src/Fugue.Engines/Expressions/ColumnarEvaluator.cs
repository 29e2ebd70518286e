using System.Numerics;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// Evaluates row-level column expressions over a <see cref="RecordBatch"/>, column at a time: typed loops over the
/// value spans with null masks, no SQL and no per-row boxing for numbers, bools, strings, dates and timestamps
/// (casts to other types go through Fugue's value conversion). Results have exactly the types of
/// <see cref="ColumnExpr.InferType"/> (see <see cref="ExpressionTypes"/>). Aggregations are evaluated by
/// <see cref="ColumnarOperations"/>, not here.
/// </summary>
public static class ColumnarEvaluator
{
    /// <summary>The column of <paramref name="expr"/>'s values, one per row of <paramref name="batch"/>.</summary>
    /// <exception cref="FugueExpressionException">A column is missing, the types do not fit, or the expression aggregates.</exception>
    public static Column Evaluate(ColumnExpr expr, RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(batch);
        var body = EvaluateBody(expr, batch);
        return expr.AsType is null ? body : ColumnKernels.Cast(body, expr.AsType);
    }

    /// <summary>The indices of the rows where <paramref name="condition"/> is true (false and null drop the row).</summary>
    public static int[] Where(ColumnExpr condition, RecordBatch batch)
    {
        var mask = Evaluate(condition, batch);
        if (mask is NullColumn)
        {
            return [];
        }

        if (mask is not BooleanColumn b)
        {
            throw new FugueExpressionException($"the condition {condition} is {mask.Type}, not bool");
        }

        var result = new List<int>(b.Length);
        var hasNulls = b.NullCount > 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (b.GetBoolean(i) && (!hasNulls || !b.IsNull(i)))
            {
                result.Add(i);
            }
        }

        return result.ToArray();
    }

    private static Column EvaluateBody(ColumnExpr expr, RecordBatch batch)
    {
        switch (expr)
        {
            case ColumnRefExpr c:
                if (c.IsWildcard)
                {
                    throw new FugueExpressionException("'*' cannot be evaluated as one column");
                }

                var index = batch.Schema.TryIndexOf(c.Column);
                if (index < 0)
                {
                    throw new FugueExpressionException($"column '{c.Column}' is not in schema {batch.Schema}");
                }

                return batch.Column(index);
            case LiteralExpr l:
                return ColumnKernels.Constant(l.Type, l.Value, batch.Length);
            case UnaryExpr u:
                return Unary(u, Evaluate(u.Operand, batch));
            case BinaryExpr b when TryScalar(b, batch, out var scalarResult):
                return scalarResult;
            case BinaryExpr b:
                var left = Evaluate(b.Left, batch);
                var right = Evaluate(b.Right, batch);
                if (b.IsArithmetic)
                {
                    return Arithmetic(b.Operator, left, right);
                }

                if (b.IsComparison)
                {
                    ExpressionTypes.CheckComparable(b.ToString(), left.Type, right.Type);
                    return Compare(b.Operator, left, right);
                }

                ExpressionTypes.CheckBool(b.ToString(), left.Type);
                ExpressionTypes.CheckBool(b.ToString(), right.Type);
                return Logical(b.Operator == BinaryOperator.And, left, right);
            case AggregateExpr a:
                throw new FugueExpressionException($"the aggregation {a} can only be used in a select with aggregations or in aggregate");
            default:
                throw new FugueExpressionException($"cannot evaluate {expr.GetType().Name}");
        }
    }

    /// <summary>
    /// A comparison or arithmetic between a numeric column and a numeric literal, without materializing the literal:
    /// the common <c>Col("a") &gt; 3</c> and <c>Col("a") * 2</c> shapes.
    /// </summary>
    private static bool TryScalar(BinaryExpr b, RecordBatch batch, out Column result)
    {
        result = null!;
        if (b.Operator is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Divide)
        {
            return false;
        }

        var literalRight = b.Right is LiteralExpr { AsType: null, Value: not null } r && r.Type.IsNumeric && r.Type.Kind != TypeKind.Decimal;
        var literalLeft = b.Left is LiteralExpr { AsType: null, Value: not null } l && l.Type.IsNumeric && l.Type.Kind != TypeKind.Decimal;
        if (literalRight == literalLeft)
        {
            return false;
        }

        var literal = (LiteralExpr)(literalRight ? b.Right : b.Left);
        var column = Evaluate(literalRight ? b.Left : b.Right, batch);
        var type = column.Type;
        if (!type.IsNumeric || type.Kind is TypeKind.Decimal or TypeKind.UInt64 || literal.Type.Kind == TypeKind.UInt64)
        {
            return false;
        }

        var n = column.Length;
        var nulls = ColumnKernels.NullMask(column);
        if (b.IsComparison)
        {
            var op = literalRight ? b.Operator : Flip(b.Operator);
            var values = new bool[n];
            if (type.IsInteger && literal.Type.IsInteger)
            {
                var x = ColumnKernels.AsInt64(column, out _);
                var s = Convert.ToInt64(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < n; i++)
                {
                    values[i] = Test(op, x[i].CompareTo(s));
                }
            }
            else
            {
                var x = ColumnKernels.AsDouble(column);
                var s = Convert.ToDouble(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < n; i++)
                {
                    values[i] = Test(op, x[i].CompareTo(s));
                }
            }

            result = ColumnKernels.Bools(values, nulls);
            return true;
        }

        var resultType = ExpressionTypes.Arithmetic(b.Operator, literalRight ? type : literal.Type, literalRight ? literal.Type : type);
        if (resultType.Kind == TypeKind.Int64)
        {
            var x = ColumnKernels.AsInt64(column, out _);
            var s = Convert.ToInt64(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
            var values = new long[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = b.Operator switch
                {
                    BinaryOperator.Add => unchecked(x[i] + s),
                    BinaryOperator.Multiply => unchecked(x[i] * s),
                    _ => literalRight ? unchecked(x[i] - s) : unchecked(s - x[i]),
                };
            }

            result = PrimitiveColumn<long>.FromArray(resultType, values, nulls);
            return true;
        }

        var xd = ColumnKernels.AsDouble(column);
        var sd = Convert.ToDouble(literal.Value, System.Globalization.CultureInfo.InvariantCulture);
        var doubles = new double[n];
        for (var i = 0; i < n; i++)
        {
            doubles[i] = b.Operator switch
            {
                BinaryOperator.Add => xd[i] + sd,
                BinaryOperator.Multiply => xd[i] * sd,
                _ => literalRight ? xd[i] - sd : sd - xd[i],
            };
        }

        if (resultType.Kind == TypeKind.Float32)
        {
            var floats = new float[n];
            for (var i = 0; i < n; i++)
            {
                floats[i] = (float)doubles[i];
            }

            result = PrimitiveColumn<float>.FromArray(resultType, floats, nulls);
        }
        else
        {
            result = PrimitiveColumn<double>.FromArray(resultType, doubles, nulls);
        }

        return true;
    }

    private static BinaryOperator Flip(BinaryOperator op) => op switch
    {
        BinaryOperator.Lt => BinaryOperator.Gt,
        BinaryOperator.Le => BinaryOperator.Ge,
        BinaryOperator.Gt => BinaryOperator.Lt,
        BinaryOperator.Ge => BinaryOperator.Le,
        _ => op,
    };

    private static bool Test(BinaryOperator op, int c) => op switch
    {
        BinaryOperator.Eq => c == 0,
        BinaryOperator.Ne => c != 0,
        BinaryOperator.Lt => c < 0,
        BinaryOperator.Le => c <= 0,
        BinaryOperator.Gt => c > 0,
        _ => c >= 0,
    };

    private static Column Unary(UnaryExpr u, Column operand)
    {
        var n = operand.Length;
        switch (u.Operator)
        {
            case UnaryOperator.IsNull:
            case UnaryOperator.NotNull:
                var values = new bool[n];
                var wantNull = u.Operator == UnaryOperator.IsNull;
                if (operand.NullCount == 0)
                {
                    Array.Fill(values, !wantNull);
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = operand.IsNull(i) == wantNull;
                    }
                }

                return ColumnKernels.Bools(values, null);
            case UnaryOperator.Not:
                ExpressionTypes.CheckBool(u.ToString(), operand.Type);
                if (operand is not BooleanColumn b)
                {
                    return ColumnFactory.Nulls(DataType.Bool, n);
                }

                var negated = new bool[n];
                for (var i = 0; i < n; i++)
                {
                    negated[i] = !b.GetBoolean(i);
                }

                return ColumnKernels.Bools(negated, ColumnKernels.NullMask(b));
            default:
                return operand switch
                {
                    NullColumn => operand,
                    PrimitiveColumn<sbyte> p => Negate(p),
                    PrimitiveColumn<byte> p => Negate(p),
                    PrimitiveColumn<short> p => Negate(p),
                    PrimitiveColumn<ushort> p => Negate(p),
                    PrimitiveColumn<int> p when p.Type.IsInteger => Negate(p),
                    PrimitiveColumn<uint> p => Negate(p),
                    PrimitiveColumn<long> p when p.Type.IsInteger => Negate(p),
                    PrimitiveColumn<ulong> p => Negate(p),
                    PrimitiveColumn<Half> p => Negate(p),
                    PrimitiveColumn<float> p => Negate(p),
                    PrimitiveColumn<double> p => Negate(p),
                    DecimalColumn d => NegateDecimal(d),
                    _ => throw new FugueExpressionException($"cannot negate {operand.Type} in {u}"),
                };
        }
    }

    private static PrimitiveColumn<T> Negate<T>(PrimitiveColumn<T> column)
        where T : unmanaged, IUnaryNegationOperators<T, T>
    {
        var source = column.Values;
        var values = new T[source.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -source[i];
        }

        return PrimitiveColumn<T>.FromArray(column.Type, values, ColumnKernels.NullMask(column));
    }

    private static Column NegateDecimal(DecimalColumn column)
    {
        var builder = new DecimalColumnBuilder((DecimalType)column.Type, column.Length);
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(-column.GetDecimal(i));
            }
        }

        return builder.Build();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Column Arithmetic(BinaryOperator op, Column left, Column right)
    {
        var type = ExpressionTypes.Arithmetic(op, left.Type, right.Type);
        var n = left.Length;
        if (type.Kind == TypeKind.Null)
        {
            return new NullColumn(n);
        }

        var nulls = ColumnKernels.Or(ColumnKernels.NullMask(left), ColumnKernels.NullMask(right));
        if (type.Kind == TypeKind.Int64)
        {
            var l = ColumnKernels.AsInt64(left, out _);
            var r = ColumnKernels.AsInt64(right, out _);
            var values = GC.AllocateUninitializedArray<long>(n);
            switch (op)
            {
                case BinaryOperator.Add:
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = unchecked(l[i] + r[i]);
                    }

                    break;
                case BinaryOperator.Subtract:
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = unchecked(l[i] - r[i]);
                    }

                    break;
                default:
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = unchecked(l[i] * r[i]);
                    }

                    break;
            }

            return Wrap(type, values, nulls);
        }

        var ld = ColumnKernels.AsDouble(left);
        var rd = ColumnKernels.AsDouble(right);
        // every slot is written except a division by zero's (null), so only division needs zeroed memory
        var result = op == BinaryOperator.Divide ? new double[n] : GC.AllocateUninitializedArray<double>(n);
        switch (op)
        {
            case BinaryOperator.Add:
                for (var i = 0; i < n; i++)
                {
                    result[i] = ld[i] + rd[i];
                }

                break;
            case BinaryOperator.Subtract:
                for (var i = 0; i < n; i++)
                {
                    result[i] = ld[i] - rd[i];
                }

                break;
            case BinaryOperator.Multiply:
                for (var i = 0; i < n; i++)
                {
                    result[i] = ld[i] * rd[i];
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    if (rd[i] == 0)
                    {
                        // SQL: division by zero is null
                        nulls ??= new bool[n];
                        nulls[i] = true;
                    }
                    else
                    {
                        result[i] = ld[i] / rd[i];
                    }
                }

                break;
        }

        if (type.Kind == TypeKind.Float32)
        {
            var floats = new float[n];
            for (var i = 0; i < n; i++)
            {
                floats[i] = (float)result[i];
            }

            return PrimitiveColumn<float>.FromArray(type, floats, nulls);
        }

        return Wrap(type, result, nulls);
    }

    /// <summary>A column over a freshly computed array (no copy).</summary>
    private static PrimitiveColumn<T> Wrap<T>(DataType type, T[] values, bool[]? nulls)
        where T : unmanaged
    {
        var (validity, nullCount) = ColumnKernels.Validity(nulls);
        return new PrimitiveColumn<T>(type, values.Length, ArrowBuffer.Wrap(values), validity, nullCount);
    }

    private static Column Compare(BinaryOperator op, Column left, Column right)
    {
        var n = left.Length;
        if (left.Type.Kind == TypeKind.Null || right.Type.Kind == TypeKind.Null)
        {
            return ColumnFactory.Nulls(DataType.Bool, n);
        }

        var nulls = ColumnKernels.Or(ColumnKernels.NullMask(left), ColumnKernels.NullMask(right));
        var cmp = new int[n];
        var lt = left.Type;
        var rt = right.Type;
        if ((lt.IsInteger && rt.IsInteger && lt.Kind != TypeKind.UInt64 && rt.Kind != TypeKind.UInt64)
            || (lt.Kind == TypeKind.Bool && rt.Kind == TypeKind.Bool)
            || (lt.Kind == TypeKind.Date && rt.Kind == TypeKind.Date)
            || (lt.IsTimestamp && rt.IsTimestamp && ((TimestampType)lt).Unit == ((TimestampType)rt).Unit))
        {
            var l = ColumnKernels.AsInt64(left, out _);
            var r = ColumnKernels.AsInt64(right, out _);
            for (var i = 0; i < n; i++)
            {
                cmp[i] = l[i].CompareTo(r[i]);
            }
        }
        else if (lt.IsTimestamp && rt.IsTimestamp)
        {
            var l = (PrimitiveColumn<long>)left;
            var r = (PrimitiveColumn<long>)right;
            var lu = ((TimestampType)lt).Unit;
            var ru = ((TimestampType)rt).Unit;
            for (var i = 0; i < n; i++)
            {
                if (nulls is null || !nulls[i])
                {
                    cmp[i] = TemporalConversions.ToDateTime(l[i], lu).Ticks.CompareTo(TemporalConversions.ToDateTime(r[i], ru).Ticks);
                }
            }
        }
        else if (lt.Kind == TypeKind.Decimal && rt.Kind == TypeKind.Decimal)
        {
            var l = (DecimalColumn)left;
            var r = (DecimalColumn)right;
            for (var i = 0; i < n; i++)
            {
                if (nulls is null || !nulls[i])
                {
                    cmp[i] = l.GetDecimal(i).CompareTo(r.GetDecimal(i));
                }
            }
        }
        else if (lt.IsNumeric && rt.IsNumeric)
        {
            var l = ColumnKernels.AsDouble(left);
            var r = ColumnKernels.AsDouble(right);
            for (var i = 0; i < n; i++)
            {
                cmp[i] = l[i].CompareTo(r[i]);
            }
        }
        else if (left is VariableBinaryColumn lv && right is VariableBinaryColumn rv)
        {
            for (var i = 0; i < n; i++)
            {
                if (nulls is null || !nulls[i])
                {
                    cmp[i] = lv.GetBytes(i).SequenceCompareTo(rv.GetBytes(i));
                }
            }
        }
        else
        {
            throw new FugueExpressionException($"cannot compare {lt} with {rt}");
        }

        var values = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var c = cmp[i];
            values[i] = op switch
            {
                BinaryOperator.Eq => c == 0,
                BinaryOperator.Ne => c != 0,
                BinaryOperator.Lt => c < 0,
                BinaryOperator.Le => c <= 0,
                BinaryOperator.Gt => c > 0,
                _ => c >= 0,
            };
        }

        return ColumnKernels.Bools(values, nulls);
    }

    private static Column Logical(bool and, Column left, Column right)
    {
        var n = left.Length;
        var l = left as BooleanColumn;
        var r = right as BooleanColumn;
        var values = new bool[n];
        bool[]? nulls = null;
        for (var i = 0; i < n; i++)
        {
            var lNull = l is null || l.IsNull(i);
            var rNull = r is null || r.IsNull(i);
            var lv = !lNull && l!.GetBoolean(i);
            var rv = !rNull && r!.GetBoolean(i);
            bool isNull;
            if (and)
            {
                // false wins over null
                var anyFalse = (!lNull && !lv) || (!rNull && !rv);
                isNull = !anyFalse && (lNull || rNull);
                values[i] = !anyFalse && !isNull;
            }
            else
            {
                // true wins over null
                var anyTrue = lv || rv;
                isNull = !anyTrue && (lNull || rNull);
                values[i] = anyTrue;
            }

            if (isNull)
            {
                nulls ??= new bool[n];
                nulls[i] = true;
            }
        }

        return ColumnKernels.Bools(values, nulls);
    }
}
