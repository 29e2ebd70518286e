namespace Fugue.Transformers;

/// <summary>Names the column a row-type member maps to (by default the member name).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Maps the member to column <paramref name="name"/>.</summary>
    /// <param name="name">The column name, exactly as in the schema.</param>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The column name.</summary>
    public string Name { get; }
}
