using Fugue.Engines.Tests.Expressions;
using Fugue.Execution;

namespace Fugue.Engines.Tests.Sql;

/// <summary>The expression operations through the default SQL path (SQLite) of a minimal engine.</summary>
public class SqliteExpressionOperationTests : ExpressionOperationTests
{
    protected override ExecutionEngine CreateEngine() => new SqlTestEngine();
}
