namespace Fugue.Expressions;

/// <summary>The operation of a <see cref="UnaryExpr"/>.</summary>
public enum UnaryOperator
{
    /// <summary>Arithmetic negation: keeps the numeric type.</summary>
    Negate,

    /// <summary>Logical NOT of a bool (null stays null).</summary>
    Not,

    /// <summary><c>IS NULL</c>: bool, never null.</summary>
    IsNull,

    /// <summary><c>IS NOT NULL</c>: bool, never null.</summary>
    NotNull,
}
