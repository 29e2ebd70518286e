namespace Fugue.IO.Ipc;

/// <summary>The physical layout of an incoming field: how its buffers map onto our (32-bit) columns.</summary>
internal enum IpcLayout
{
    /// <summary>No buffers.</summary>
    Null,

    /// <summary>Validity + bit-packed values.</summary>
    Bool,

    /// <summary>Validity + fixed-width values of the field type's width.</summary>
    Fixed,

    /// <summary>Date(MILLISECOND): validity + int64 milliseconds, converted to int32 days.</summary>
    DateMilliseconds,

    /// <summary>Validity + int32 offsets + data.</summary>
    Variable32,

    /// <summary>Validity + int64 offsets + data (LargeUtf8/LargeBinary), converted to int32 offsets.</summary>
    Variable64,

    /// <summary>Validity + 16-byte views + variadic data buffers (Utf8View/BinaryView), converted.</summary>
    View,

    /// <summary>Validity + int32 offsets; one child.</summary>
    List32,

    /// <summary>Validity + int64 offsets; one child (LargeList), converted.</summary>
    List64,

    /// <summary>Validity; children.</summary>
    Struct,

    /// <summary>Validity + int32 offsets; one entries struct child.</summary>
    Map,
}
