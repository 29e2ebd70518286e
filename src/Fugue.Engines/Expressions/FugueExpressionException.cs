namespace Fugue.Expressions;

/// <summary>An invalid column expression or column list (Fugue's <c>ValueError</c> for select, assign and aggregate).</summary>
public sealed class FugueExpressionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public FugueExpressionException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
