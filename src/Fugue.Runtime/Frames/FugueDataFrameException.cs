namespace Fugue.Frames;

/// <summary>The base of every dataframe error (construction, column operations, value conversion, empty datasets).</summary>
public class FugueDataFrameException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public FugueDataFrameException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public FugueDataFrameException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
