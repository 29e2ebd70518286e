using Fugue.Frames;
using Fugue.Expressions;

namespace Fugue.Native;

/// <summary>Column-expression operations evaluated natively on the columnar batches (no SQL round trip).</summary>
public partial class NativeExecutionEngine
{
    /// <summary>
    /// Evaluates the select on the frame's batches with <see cref="ColumnarOperations"/>: vectorized expression
    /// evaluation, a hash group-by for aggregations (NULL group kept), the same validation and output types as every
    /// engine (<see cref="ExpressionTypes"/>); without aggregations the batches run in parallel. The call is checked now; the result is lazy like the engine's other
    /// results. Filter, assign and aggregate come here through the base class.
    /// </summary>
    /// <exception cref="FugueExpressionException">The columns or conditions are invalid for the frame's schema.</exception>
    public override DataFrame Select(DataFrame df, SelectColumns columns, ColumnExpr? where = null, ColumnExpr? having = null)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(columns);
        var input = ToDf(df);
        var output = ExpressionValidation.ValidateSelect(columns, input.Schema, where, having);
        return NativeFrames.Lazy(output, () => ColumnarOperations.Select(input, columns, where, having, parallelism: _parallelism).Batches);
    }
}
