namespace Fugue.Frames;

/// <summary>A row was requested from a frame that has none (Fugue's <c>FugueDatasetEmptyError</c>), e.g. by <see cref="DataFrame.PeekArray"/>.</summary>
public class FugueDatasetEmptyException : FugueDataFrameException
{
    /// <summary>Creates the exception with a message.</summary>
    public FugueDatasetEmptyException(string message) : base(message)
    {
    }
}
