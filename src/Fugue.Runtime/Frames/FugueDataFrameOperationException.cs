namespace Fugue.Frames;

/// <summary>
/// A column operation is invalid for the frame's schema (Fugue's <c>FugueDataFrameOperationError</c>):
/// selecting no columns, selecting or dropping a missing column, dropping every column, renaming a missing column.
/// </summary>
public class FugueDataFrameOperationException : FugueDataFrameException
{
    /// <summary>Creates the exception with a message.</summary>
    public FugueDataFrameOperationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public FugueDataFrameOperationException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
