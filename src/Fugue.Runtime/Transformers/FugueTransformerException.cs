namespace Fugue.Transformers;

/// <summary>
/// A transformer could not run: a required column is missing or has an incompatible type, a parameter is
/// missing or unknown, or the method's output does not fit its declared schema. Messages name the transformer.
/// </summary>
public class FugueTransformerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FugueTransformerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public FugueTransformerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
