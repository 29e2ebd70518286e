namespace Fugue.IO.Parquet;

/// <summary>
/// Parquet (or Thrift) input is corrupt or unsupported. The message names the file (when known), the byte offset
/// where decoding failed and what was expected, so corrupt files are diagnosable without a debugger.
/// </summary>
public class ParquetFormatException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ParquetFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ParquetFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure at <paramref name="offset"/> of <paramref name="filePath"/>.</summary>
    public ParquetFormatException(string message, string? filePath, long offset, Exception? innerException = null)
        : base(Format(message, filePath, offset), innerException)
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The file being decoded, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The absolute byte offset of the failure in the file (or buffer), or -1 when unknown.</summary>
    public long Offset { get; } = -1;

    private static string Format(string message, string? filePath, long offset)
    {
        var where = offset >= 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at offset {offset}") : "";
        return filePath is null ? message + where : message + where + " in '" + filePath + "'";
    }
}
