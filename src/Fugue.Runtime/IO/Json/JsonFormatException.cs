using System.Globalization;

namespace Fugue.IO.Json;

/// <summary>
/// JSON Lines input has a syntax error, a line that is not an object, or a value that does not match its
/// column's type. The message names the file (when known), the 1-based line, the column and the expected type.
/// </summary>
public class JsonFormatException : FormatException
{
    /// <summary>Creates the exception with a plain message.</summary>
    public JsonFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and an inner exception.</summary>
    public JsonFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at <paramref name="line"/> of <paramref name="filePath"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="filePath">The file, when known.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="columnName">The column, when the problem is one value.</param>
    /// <param name="expectedType">The column type the value had to match.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public JsonFormatException(string message, string? filePath, long line, string? columnName = null, string? expectedType = null,
        Exception? innerException = null)
        : base(Format(message, filePath, line, columnName, expectedType), innerException)
    {
        FilePath = filePath;
        Line = line;
        ColumnName = columnName;
        ExpectedType = expectedType;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>The column of the offending value, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>The expected type of the offending value, when known.</summary>
    public string? ExpectedType { get; }

    private static string Format(string message, string? filePath, long line, string? columnName, string? expectedType)
    {
        var sb = new System.Text.StringBuilder(message);
        sb.Append(CultureInfo.InvariantCulture, $" (line {line}");
        if (filePath is not null)
        {
            sb.Append(" of '").Append(filePath).Append('\'');
        }

        if (columnName is not null)
        {
            sb.Append(", column '").Append(columnName).Append('\'');
        }

        if (expectedType is not null)
        {
            sb.Append(", expected ").Append(expectedType);
        }

        return sb.Append(')').ToString();
    }
}
