using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>
/// A decoded Arrow field: our type plus how to read its buffers (the Arrow type may be a large/view/dictionary
/// variant that is converted to our layout on read).
/// </summary>
internal sealed class IpcField
{
    public IpcField(string name, DataType type, IpcLayout layout, IpcField[] children)
    {
        Name = name;
        Type = type;
        Layout = layout;
        Children = children;
    }

    public string Name { get; }

    public DataType Type { get; }

    public IpcLayout Layout { get; }

    public IpcField[] Children { get; }

    /// <summary>The dictionary id when the field is dictionary-encoded (its batches then hold indices).</summary>
    public long? DictionaryId { get; init; }

    /// <summary>Index integer width in bytes (dictionary-encoded fields).</summary>
    public int IndexWidth { get; init; } = 4;

    /// <summary>Whether dictionary indices are signed.</summary>
    public bool IndexSigned { get; init; } = true;

    /// <summary>The layout of the dictionary values (the field without its encoding).</summary>
    public IpcField WithoutDictionary() => new(Name, Type, Layout, Children);
}
