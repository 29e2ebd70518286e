namespace Fugue.IO.Ipc;

/// <summary>File.fbs <c>Block</c>: where one message of an Arrow file starts and how long its parts are.</summary>
internal readonly record struct ArrowBlock(long Offset, int MetadataLength, long BodyLength);
