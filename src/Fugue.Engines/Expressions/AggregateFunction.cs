namespace Fugue.Expressions;

/// <summary>The function of an <see cref="AggregateExpr"/>. Nulls are skipped except by <see cref="First"/> and <see cref="Last"/>.</summary>
public enum AggregateFunction
{
    /// <summary>Sum: long for integers and bools, double for floating and decimal values; null when there is no value.</summary>
    Sum,

    /// <summary>Minimum: the input type.</summary>
    Min,

    /// <summary>Maximum: the input type.</summary>
    Max,

    /// <summary>Mean: double; null when there is no value.</summary>
    Avg,

    /// <summary>Count of non-null values, or of rows for <c>*</c>: long.</summary>
    Count,

    /// <summary>Count of distinct non-null values: long.</summary>
    CountDistinct,

    /// <summary>The group's first value (null included), in the engine's row order: the input type.</summary>
    First,

    /// <summary>The group's last value (null included), in the engine's row order: the input type.</summary>
    Last,
}
