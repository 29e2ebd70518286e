using Fugue.Execution;

namespace Fugue.Engines.Tests.Expressions;

/// <summary>The expression-operation cases on an engine given by the subclass (the default SQL path and the columnar evaluator).</summary>
public abstract class ExpressionOperationTests
{
    protected abstract ExecutionEngine CreateEngine();

    [Fact]
    public void FilterPort() => ExpressionOperationCases.FilterPort(CreateEngine());

    [Fact]
    public void SelectPort() => ExpressionOperationCases.SelectPort(CreateEngine());

    [Fact]
    public void AssignPort() => ExpressionOperationCases.AssignPort(CreateEngine());

    [Fact]
    public void AggregatePort() => ExpressionOperationCases.AggregatePort(CreateEngine());

    [Fact]
    public void OutputTypesFollowTheRules() => ExpressionOperationCases.OutputTypesFollowTheRules(CreateEngine());

    [Fact]
    public void AggregationTypes() => ExpressionOperationCases.AggregationTypes(CreateEngine());

    [Fact]
    public void FirstAndLastTakeTheGroupsValues() => ExpressionOperationCases.FirstAndLastTakeTheGroupsValues(CreateEngine());

    [Fact]
    public void AggregateOverEmptyFrame() => ExpressionOperationCases.AggregateOverEmptyFrame(CreateEngine());

    [Fact]
    public void FilterWithNullConditionDropsRow() => ExpressionOperationCases.FilterWithNullConditionDropsRow(CreateEngine());

    [Fact]
    public void DivisionIsTrueDivisionAndByZeroIsNull() => ExpressionOperationCases.DivisionIsTrueDivisionAndByZeroIsNull(CreateEngine());

    [Fact]
    public void StringsAndOddNames() => ExpressionOperationCases.StringsAndOddNames(CreateEngine());

    [Fact]
    public void InvalidCallsAreRejected() => ExpressionOperationCases.InvalidCallsAreRejected(CreateEngine());

    [Fact]
    public void WildcardWithExtraColumns() => ExpressionOperationCases.WildcardWithExtraColumns(CreateEngine());

    [Fact]
    public void LiteralsOnlyGiveOneRowPerInputRow() => ExpressionOperationCases.LiteralsOnlyGiveOneRowPerInputRow(CreateEngine());

    [Fact]
    public void GroupByExpressionKey() => ExpressionOperationCases.GroupByExpressionKey(CreateEngine());

    [Fact]
    public void SqlSelectThroughEngine() => ExpressionOperationCases.SqlSelectThroughEngine(CreateEngine());

    [Fact]
    public void UnreferencedNestedColumnsDoNotMatter() => ExpressionOperationCases.UnreferencedNestedColumnsDoNotMatter(CreateEngine());
}
