using Fugue.Engines.Tests.Expressions;

namespace Fugue.Engines.Tests.Conformance;

// 7.1 cases 4-7 (test_filter, test_select, test_assign, test_aggregate) and SQL through the engine; the bodies live in
// Expressions/ExpressionOperationCases.cs so the default SQL path of ExecutionEngine runs them too.
public abstract partial class ExecutionEngineTests
{
    [Fact]
    public void Expressions_FilterPort() => ExpressionOperationCases.FilterPort(Engine);

    [Fact]
    public void Expressions_SelectPort() => ExpressionOperationCases.SelectPort(Engine);

    [Fact]
    public void Expressions_AssignPort() => ExpressionOperationCases.AssignPort(Engine);

    [Fact]
    public void Expressions_AggregatePort() => ExpressionOperationCases.AggregatePort(Engine);

    [Fact]
    public void Expressions_OutputTypesFollowTheRules() => ExpressionOperationCases.OutputTypesFollowTheRules(Engine);

    [Fact]
    public void Expressions_AggregationTypes() => ExpressionOperationCases.AggregationTypes(Engine);

    [Fact]
    public void Expressions_FirstAndLastTakeTheGroupsValues() => ExpressionOperationCases.FirstAndLastTakeTheGroupsValues(Engine);

    [Fact]
    public void Expressions_AggregateOverEmptyFrame() => ExpressionOperationCases.AggregateOverEmptyFrame(Engine);

    [Fact]
    public void Expressions_FilterWithNullConditionDropsRow() => ExpressionOperationCases.FilterWithNullConditionDropsRow(Engine);

    [Fact]
    public void Expressions_DivisionIsTrueDivisionAndByZeroIsNull() => ExpressionOperationCases.DivisionIsTrueDivisionAndByZeroIsNull(Engine);

    [Fact]
    public void Expressions_StringsAndOddNames() => ExpressionOperationCases.StringsAndOddNames(Engine);

    [Fact]
    public void Expressions_InvalidCallsAreRejected() => ExpressionOperationCases.InvalidCallsAreRejected(Engine);

    [Fact]
    public void Expressions_WildcardWithExtraColumns() => ExpressionOperationCases.WildcardWithExtraColumns(Engine);

    [Fact]
    public void Expressions_LiteralsOnlyGiveOneRowPerInputRow() => ExpressionOperationCases.LiteralsOnlyGiveOneRowPerInputRow(Engine);

    [Fact]
    public void Expressions_GroupByExpressionKey() => ExpressionOperationCases.GroupByExpressionKey(Engine);

    [Fact]
    public void Sql_SelectThroughSqliteEngine() => ExpressionOperationCases.SqlSelectThroughEngine(Engine);

    [Fact]
    public void Expressions_UnreferencedNestedColumnsDoNotMatter() => ExpressionOperationCases.UnreferencedNestedColumnsDoNotMatter(Engine);
}
