using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>A reference to a column by name, or the wildcard <c>*</c> (all columns). Its type is the column's type.</summary>
public sealed class ColumnRefExpr : ColumnExpr
{
    internal ColumnRefExpr(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        Column = column;
    }

    /// <summary>The referenced column name (<c>*</c> for the wildcard).</summary>
    public string Column { get; }

    /// <inheritdoc />
    public override bool IsWildcard => Column == "*";

    /// <inheritdoc />
    public override bool IsAggregation => false;

    /// <inheritdoc />
    public override IReadOnlyList<ColumnExpr> Children => [];

    /// <inheritdoc />
    protected override string InferredName => IsWildcard ? string.Empty : Column;

    /// <inheritdoc />
    public override DataType InferBodyType(Schema schema)
    {
        if (IsWildcard)
        {
            throw new FugueExpressionException("'*' stands for all columns and has no single type");
        }

        var index = schema.TryIndexOf(Column);
        if (index < 0)
        {
            throw new FugueExpressionException($"column '{Column}' is not in schema {schema}");
        }

        return schema[index].Type;
    }

    /// <inheritdoc />
    protected override string BodyToString() => IsWildcard ? "*" : SchemaNames.Quote(Column);

    /// <inheritdoc />
    protected override string BodyKey() => "col:" + Column;
}
