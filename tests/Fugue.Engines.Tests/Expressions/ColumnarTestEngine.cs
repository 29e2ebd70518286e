using Fugue.Frames;
using Fugue.Engines.Tests.Sql;
using Fugue.Expressions;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>A minimal engine whose expression operations run on <see cref="ColumnarOperations"/> (what the native engine does).</summary>
internal sealed class ColumnarTestEngine : SqlTestEngine
{
    public override DataFrame Select(DataFrame df, SelectColumns columns, ColumnExpr? where = null, ColumnExpr? having = null) =>
        ColumnarOperations.Select(ToDf(df), columns, where, having);
}

/// <summary>The expression operations evaluated natively on columns.</summary>
public class ColumnarExpressionOperationTests : ExpressionOperationTests
{
    protected override Fugue.Execution.ExecutionEngine CreateEngine() => new ColumnarTestEngine();
}
