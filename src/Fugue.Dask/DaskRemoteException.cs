using System.Text.Json.Nodes;

namespace Fugue.Dask;

/// <summary>
/// A Dask job failed. For user errors <see cref="RemoteType"/> is the C# exception type thrown on the worker, the message
/// is its message and <see cref="RemoteStackTrace"/> its stack trace (also in <see cref="Exception.ToString"/>).
/// </summary>
public class DaskRemoteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DaskRemoteException(string remoteType, string message, string remoteStackTrace, DaskFailureKind kind)
        : base(message)
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
        Kind = kind;
    }

    /// <summary>The full name of the exception type thrown remotely (a C# type for user errors).</summary>
    public string RemoteType { get; }

    /// <summary>The remote stack trace.</summary>
    public string RemoteStackTrace { get; }

    /// <summary>What failed.</summary>
    public DaskFailureKind Kind { get; }

    /// <summary>The remote type, message and stack, then the local stack.</summary>
    public override string ToString() => $"{GetType().FullName}: {RemoteType}: {Message}\n--- remote stack ---\n{RemoteStackTrace}\n--- local stack ---\n{StackTrace}";

    internal static DaskRemoteException FromReply(JsonObject reply)
    {
        var kind = (string?)reply["kind"] switch
        {
            "user" => DaskFailureKind.User,
            "timeout" => DaskFailureKind.Timeout,
            _ => DaskFailureKind.Infrastructure,
        };
        return new DaskRemoteException((string?)reply["type"] ?? "?", (string?)reply["error"] ?? "", (string?)reply["stack"] ?? "", kind);
    }
}
