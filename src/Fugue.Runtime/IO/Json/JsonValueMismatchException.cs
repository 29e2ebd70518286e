namespace Fugue.IO.Json;

/// <summary>A JSON value does not fit its builder; the readers add the file, line and column.</summary>
internal sealed class JsonValueMismatchException(string message) : Exception(message)
{
}
