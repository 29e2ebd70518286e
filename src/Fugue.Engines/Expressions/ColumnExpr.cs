using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// An immutable column expression (Fugue's <c>ColumnExpr</c>): a column reference, a literal, an operation or an
/// aggregation, with an optional output alias and an optional cast. Build them with <see cref="Functions"/>
/// (<c>using static Fugue.Expressions.Functions;</c>) and the operators below.
/// </summary>
/// <remarks>
/// <para>Operators <c>+ - * /</c>, unary <c>-</c>, <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>&amp; | !</c> build new
/// expressions (they do not compare), so <c>==</c> returns a <see cref="ColumnExpr"/>; <see cref="Equals(object?)"/>
/// is structural equality (same operation, operands, literal values and types, alias and cast). Test an expression
/// reference for null with <c>is null</c>. Plain values convert implicitly to literals (<c>Col("a") + 1</c>); a null
/// operand is the SQL NULL literal.</para>
/// <para>Output names: an alias wins; otherwise a column reference is named after its column, and a unary operation,
/// a cast or a one-argument aggregation takes its operand's name (<c>-Col("a")</c> and <c>Sum(Col("a"))</c> are
/// named <c>a</c>); literals and binary operations have no name and need <see cref="Alias"/> in a select.</para>
/// <para>Types (<see cref="InferType"/>): see each expression kind; a cast gives its type.</para>
/// </remarks>
public abstract class ColumnExpr : IEquatable<ColumnExpr>
{
    private string? _key;

    /// <summary>The output alias, or null.</summary>
    public string? AsName { get; private set; }

    /// <summary>The type the value is cast to, or null.</summary>
    public DataType? AsType { get; private set; }

    /// <summary>The output name: the alias, else the inferred name (see remarks), else the empty string.</summary>
    public string Name => AsName ?? InferredName;

    /// <summary>The name the expression has without an alias ("" when none).</summary>
    protected abstract string InferredName { get; }

    /// <summary>True for the wildcard <c>*</c>.</summary>
    public virtual bool IsWildcard => false;

    /// <summary>True when the expression is or contains an aggregation.</summary>
    public abstract bool IsAggregation { get; }

    /// <summary>The direct operands.</summary>
    public abstract IReadOnlyList<ColumnExpr> Children { get; }

    /// <summary>The expression with output name <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ColumnExpr Alias(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (IsWildcard)
        {
            throw new FugueExpressionException("'*' cannot have an alias");
        }

        var copy = (ColumnExpr)MemberwiseClone();
        copy.AsName = name;
        copy._key = null;
        return copy;
    }

    /// <summary>The expression without its alias and cast (the same object when it has neither).</summary>
    public ColumnExpr Bare()
    {
        if (AsName is null && AsType is null)
        {
            return this;
        }

        var copy = (ColumnExpr)MemberwiseClone();
        copy.AsName = null;
        copy.AsType = null;
        copy._key = null;
        return copy;
    }

    /// <summary>The expression cast to <paramref name="type"/> (values converted as <c>ValueConverter</c> does).</summary>
    public ColumnExpr Cast(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsWildcard)
        {
            throw new FugueExpressionException("'*' cannot be cast");
        }

        var copy = (ColumnExpr)MemberwiseClone();
        copy.AsType = type;
        copy._key = null;
        return copy;
    }

    /// <summary>The expression cast to a type given as a type expression (<c>"int"</c>, <c>"str"</c>, <c>"int32"</c> ...).</summary>
    public ColumnExpr Cast(string type) => Cast(DataType.Parse(type));

    /// <summary><c>IS NULL</c> (bool, never null).</summary>
    public ColumnExpr IsNull() => new UnaryExpr(UnaryOperator.IsNull, this);

    /// <summary><c>IS NOT NULL</c> (bool, never null).</summary>
    public ColumnExpr NotNull() => new UnaryExpr(UnaryOperator.NotNull, this);

    /// <summary>Equal (SQL <c>=</c>; null when either side is null).</summary>
    public ColumnExpr Eq(ColumnExpr? other) => Binary(BinaryOperator.Eq, this, other);

    /// <summary>Not equal (SQL <c>&lt;&gt;</c>).</summary>
    public ColumnExpr Ne(ColumnExpr? other) => Binary(BinaryOperator.Ne, this, other);

    /// <summary>Less than.</summary>
    public ColumnExpr Lt(ColumnExpr? other) => Binary(BinaryOperator.Lt, this, other);

    /// <summary>Less than or equal.</summary>
    public ColumnExpr Le(ColumnExpr? other) => Binary(BinaryOperator.Le, this, other);

    /// <summary>Greater than.</summary>
    public ColumnExpr Gt(ColumnExpr? other) => Binary(BinaryOperator.Gt, this, other);

    /// <summary>Greater than or equal.</summary>
    public ColumnExpr Ge(ColumnExpr? other) => Binary(BinaryOperator.Ge, this, other);

    /// <summary>Logical AND (SQL three-valued logic).</summary>
    public ColumnExpr And(ColumnExpr? other) => Binary(BinaryOperator.And, this, other);

    /// <summary>Logical OR (SQL three-valued logic).</summary>
    public ColumnExpr Or(ColumnExpr? other) => Binary(BinaryOperator.Or, this, other);

    /// <summary>Logical NOT.</summary>
    public ColumnExpr Not() => new UnaryExpr(UnaryOperator.Not, this);

    /// <summary>Negation.</summary>
    public ColumnExpr Negate() => new UnaryExpr(UnaryOperator.Negate, this);

    /// <summary>Addition.</summary>
    public ColumnExpr Add(ColumnExpr? other) => Binary(BinaryOperator.Add, this, other);

    /// <summary>Subtraction.</summary>
    public ColumnExpr Subtract(ColumnExpr? other) => Binary(BinaryOperator.Subtract, this, other);

    /// <summary>Multiplication.</summary>
    public ColumnExpr Multiply(ColumnExpr? other) => Binary(BinaryOperator.Multiply, this, other);

    /// <summary>True division (always double; division by zero is null).</summary>
    public ColumnExpr Divide(ColumnExpr? other) => Binary(BinaryOperator.Divide, this, other);

    /// <summary>
    /// The output type over <paramref name="schema"/>: the cast type when cast, else the expression kind's own rule.
    /// </summary>
    /// <exception cref="FugueExpressionException">A column is missing or the operand types do not fit the operation.</exception>
    public DataType InferType(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return AsType ?? InferBodyType(schema);
    }

    /// <summary>The type of the expression without its cast.</summary>
    public abstract DataType InferBodyType(Schema schema);

    /// <summary>The structural identity: operation, operands, literal values with types, alias and cast.</summary>
    public override bool Equals(object? obj) => obj is ColumnExpr other && Equals(other);

    /// <inheritdoc />
    public bool Equals(ColumnExpr? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>A readable form, for example <c>CAST((b + 1) AS str) AS c</c>.</summary>
    public override string ToString()
    {
        var body = BodyToString();
        if (AsType is not null)
        {
            body = $"CAST({body} AS {AsType})";
        }

        return AsName is null ? body : $"{body} AS {SchemaNames.Quote(AsName)}";
    }

    /// <summary>The readable form without alias and cast.</summary>
    protected abstract string BodyToString();

    /// <summary>The identity of the body (without alias and cast), including literal types.</summary>
    protected abstract string BodyKey();

    private string Key => _key ??= $"{BodyKey()}|{AsType}|{AsName}";

    internal string StructuralKey => Key;

    private static BinaryExpr Binary(BinaryOperator op, ColumnExpr? left, ColumnExpr? right) =>
        new(op, left ?? Functions.Null, right ?? Functions.Null);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(int value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(long value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(double value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(float value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(decimal value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(bool value) => Functions.Lit(value);

    /// <summary>A string literal (not a column reference: use <see cref="Functions.Col(string)"/> for columns).</summary>
    public static implicit operator ColumnExpr(string? value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(DateOnly value) => Functions.Lit(value);

    /// <summary>A literal.</summary>
    public static implicit operator ColumnExpr(DateTime value) => Functions.Lit(value);

    /// <summary>Addition.</summary>
    public static ColumnExpr operator +(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Add, left, right);

    /// <summary>Subtraction.</summary>
    public static ColumnExpr operator -(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Subtract, left, right);

    /// <summary>Multiplication.</summary>
    public static ColumnExpr operator *(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Multiply, left, right);

    /// <summary>True division.</summary>
    public static ColumnExpr operator /(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Divide, left, right);

    /// <summary>Negation.</summary>
    public static ColumnExpr operator -(ColumnExpr operand) => new UnaryExpr(UnaryOperator.Negate, operand ?? Functions.Null);

    /// <summary>Logical NOT.</summary>
    public static ColumnExpr operator !(ColumnExpr operand) => new UnaryExpr(UnaryOperator.Not, operand ?? Functions.Null);

    /// <summary>Logical AND.</summary>
    public static ColumnExpr operator &(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.And, left, right);

    /// <summary>Logical OR.</summary>
    public static ColumnExpr operator |(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Or, left, right);

    /// <summary>An equality expression (not a comparison of the expressions: see <see cref="Equals(ColumnExpr?)"/>).</summary>
    public static ColumnExpr operator ==(ColumnExpr? left, ColumnExpr? right) => Binary(BinaryOperator.Eq, left, right);

    /// <summary>An inequality expression.</summary>
    public static ColumnExpr operator !=(ColumnExpr? left, ColumnExpr? right) => Binary(BinaryOperator.Ne, left, right);

    /// <summary>A less-than expression.</summary>
    public static ColumnExpr operator <(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Lt, left, right);

    /// <summary>A less-or-equal expression.</summary>
    public static ColumnExpr operator <=(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Le, left, right);

    /// <summary>A greater-than expression.</summary>
    public static ColumnExpr operator >(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Gt, left, right);

    /// <summary>A greater-or-equal expression.</summary>
    public static ColumnExpr operator >=(ColumnExpr left, ColumnExpr right) => Binary(BinaryOperator.Ge, left, right);
}
