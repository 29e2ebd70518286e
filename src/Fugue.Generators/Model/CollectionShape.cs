namespace Fugue.Generators.Model;

/// <summary>The .NET collection a row stream is declared as.</summary>
internal enum CollectionShape
{
    None,
    Enumerable,
    ReadOnlyList,
    Array,
    List,
}
