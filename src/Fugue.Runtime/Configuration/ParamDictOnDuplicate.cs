namespace Fugue.Configuration;

/// <summary>What <see cref="ParamDict.Update"/> does with a key that already exists.</summary>
public enum ParamDictOnDuplicate
{
    /// <summary>The new value replaces the old one.</summary>
    Overwrite = 0,

    /// <summary>The old value is kept.</summary>
    Ignore,

    /// <summary>An existing key with a different value is an error; nothing is changed (transactional).</summary>
    Throw,
}
