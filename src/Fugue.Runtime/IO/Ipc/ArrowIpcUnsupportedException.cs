namespace Fugue.IO.Ipc;

/// <summary>
/// The Arrow IPC input is well-formed but uses a type or feature Fugue does not read (for example Time,
/// Interval, unions, big-endian data). Derives from <see cref="ArrowIpcFormatException"/> so one catch covers
/// every "cannot read this input" case.
/// </summary>
public class ArrowIpcUnsupportedException : ArrowIpcFormatException
{
    /// <summary>Creates the exception with a message.</summary>
    public ArrowIpcUnsupportedException(string message) : base(message)
    {
    }
}
