namespace Fugue.Generators.Model;

/// <summary>How one row is represented.</summary>
internal enum RowShape
{
    None,

    /// <summary>A user row type with a generated codec.</summary>
    Typed,

    /// <summary><c>object?[]</c> in schema order.</summary>
    ObjectArray,

    /// <summary>A string-keyed dictionary of canonical values.</summary>
    Dictionary,
}
