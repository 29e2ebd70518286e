using System.Globalization;

namespace Fugue.IO.Csv;

/// <summary>
/// CSV input is malformed (wrong field count, unterminated quote) or a value does not parse as its column's
/// type. The message names the file (when known), the 1-based line where the record starts, the column, the
/// offending text (truncated) and the expected type, so bad rows are found without a debugger.
/// </summary>
public class CsvFormatException : FormatException
{
    private const int TextLimit = 60;

    /// <summary>Creates the exception with a plain message.</summary>
    public CsvFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and an inner exception.</summary>
    public CsvFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at <paramref name="line"/> of <paramref name="filePath"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="filePath">The file, when known.</param>
    /// <param name="line">The 1-based line where the record starts (embedded newlines counted).</param>
    /// <param name="columnName">The column, when the problem is one field.</param>
    /// <param name="text">The offending text, when the problem is one field.</param>
    /// <param name="expectedType">The column type the text had to parse as.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CsvFormatException(string message, string? filePath, long line, string? columnName = null, string? text = null,
        string? expectedType = null, Exception? innerException = null)
        : base(Format(message, filePath, line, columnName, text, expectedType), innerException)
    {
        FilePath = filePath;
        Line = line;
        ColumnName = columnName;
        Text = text;
        ExpectedType = expectedType;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line where the offending record starts, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>The column of the offending field, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>The offending field text (possibly truncated), when known.</summary>
    public string? Text { get; }

    /// <summary>The expected type of the offending field, when known.</summary>
    public string? ExpectedType { get; }

    internal static string Truncate(string text) => text.Length <= TextLimit ? text : text[..TextLimit] + "...";

    private static string Format(string message, string? filePath, long line, string? columnName, string? text, string? expectedType)
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

        if (text is not null)
        {
            sb.Append(", text \"").Append(Truncate(text)).Append('"');
        }

        if (expectedType is not null)
        {
            sb.Append(", expected ").Append(expectedType);
        }

        return sb.Append(')').ToString();
    }
}
