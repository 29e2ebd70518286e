namespace Fugue.Expressions;

/// <summary>The operation of a <see cref="BinaryExpr"/>.</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c>.</summary>
    Add,

    /// <summary><c>-</c>.</summary>
    Subtract,

    /// <summary><c>*</c>.</summary>
    Multiply,

    /// <summary><c>/</c>: true division, double; division by zero is null.</summary>
    Divide,

    /// <summary><c>=</c>.</summary>
    Eq,

    /// <summary><c>&lt;&gt;</c>.</summary>
    Ne,

    /// <summary><c>&lt;</c>.</summary>
    Lt,

    /// <summary><c>&lt;=</c>.</summary>
    Le,

    /// <summary><c>&gt;</c>.</summary>
    Gt,

    /// <summary><c>&gt;=</c>.</summary>
    Ge,

    /// <summary><c>AND</c> (three-valued).</summary>
    And,

    /// <summary><c>OR</c> (three-valued).</summary>
    Or,
}
