using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A value cannot be converted to a column type. The message names the value, its .NET type, the target type,
/// the reason and, when known, the row index and column name.
/// </summary>
public class FugueValueConversionException : FugueDataFrameException
{
    /// <summary>Creates the exception for <paramref name="value"/> failing to become <paramref name="targetType"/>.</summary>
    public FugueValueConversionException(object? value, DataType targetType, string reason, long? rowIndex = null, string? columnName = null, Exception? innerException = null)
        : base(BuildMessage(value, targetType, reason, rowIndex, columnName), innerException)
    {
        Value = value;
        TargetType = targetType;
        Reason = reason;
        RowIndex = rowIndex;
        ColumnName = columnName;
    }

    /// <summary>The value that failed (for a nested value, the outermost value).</summary>
    public object? Value { get; }

    /// <summary>The type the value was converted to.</summary>
    public DataType TargetType { get; }

    /// <summary>Why the conversion failed.</summary>
    public string Reason { get; }

    /// <summary>The zero-based row index, when the value came from a row.</summary>
    public long? RowIndex { get; }

    /// <summary>The column name, when the value came from a row.</summary>
    public string? ColumnName { get; }

    /// <summary>Returns a copy of this error located at a row and column (the original becomes the inner exception).</summary>
    public FugueValueConversionException At(long rowIndex, string columnName) =>
        new(Value, TargetType, Reason, rowIndex, columnName, this);

    private static string BuildMessage(object? value, DataType targetType, string reason, long? rowIndex, string? columnName)
    {
        var where = rowIndex is null && columnName is null
            ? string.Empty
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at row {(rowIndex is null ? "?" : rowIndex.Value)}, column '{columnName}'");
        return $"cannot convert {ValueConverter.Describe(value)} to {targetType}{where}: {reason}";
    }
}
