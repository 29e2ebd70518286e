namespace Fugue.Schemas;

/// <summary>A schema expression or schema operation is invalid. The message quotes the expression and the position where it applies.</summary>
public class FugueSchemaException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public FugueSchemaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public FugueSchemaException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a parse error in <paramref name="expression"/> at <paramref name="position"/>.</summary>
    public FugueSchemaException(string message, string expression, int position)
        : base($"{message} at position {position} in schema expression '{expression}'\n  {expression}\n  {new string(' ', Math.Clamp(position, 0, expression.Length))}^")
    {
        Expression = expression;
        Position = position;
    }

    /// <summary>The expression that failed to parse, when the error is a parse error.</summary>
    public string? Expression { get; }

    /// <summary>The zero-based character position of the error in <see cref="Expression"/>, or -1.</summary>
    public int Position { get; } = -1;
}
