using System.Globalization;

namespace Fugue.IO.Ipc;

/// <summary>
/// Arrow IPC input is corrupt, truncated or uses a feature Fugue does not read. The message names the byte
/// offset where decoding failed (when known) and what was expected, so a bad stream is diagnosable.
/// </summary>
public class ArrowIpcFormatException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ArrowIpcFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ArrowIpcFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure at byte <paramref name="offset"/> of the input.</summary>
    public ArrowIpcFormatException(string message, long offset, Exception? innerException = null)
        : base(message + string.Create(CultureInfo.InvariantCulture, $" (at offset {offset})"), innerException)
    {
        Offset = offset;
    }

    /// <summary>The byte offset of the failure (in the flatbuffer, message body or stream), or -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
