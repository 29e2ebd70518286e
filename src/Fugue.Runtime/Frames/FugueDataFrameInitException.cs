namespace Fugue.Frames;

/// <summary>A frame cannot be built from the given data (Fugue's <c>FugueDataFrameInitError</c>): a row of the wrong width, a batch whose schema differs from the frame's, an invalid frame collection.</summary>
public class FugueDataFrameInitException : FugueDataFrameException
{
    /// <summary>Creates the exception with a message.</summary>
    public FugueDataFrameInitException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public FugueDataFrameInitException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
