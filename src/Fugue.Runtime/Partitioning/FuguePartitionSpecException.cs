namespace Fugue.Partitioning;

/// <summary>
/// A partition spec, presort expression or number-of-partitions expression is invalid, or cannot be
/// evaluated. This is the one error type of <see cref="PartitionSpec"/> (Fugue raises SyntaxError/TypeError).
/// </summary>
public class FuguePartitionSpecException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public FuguePartitionSpecException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public FuguePartitionSpecException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
