namespace Fugue.Schemas;

/// <summary>A named column type. Immutable; compares by name (ordinal) and type.</summary>
public sealed class Field : IEquatable<Field>
{
    /// <summary>Creates a field.</summary>
    public Field(string name, DataType type)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
    }

    /// <summary>The column name, verbatim (any string, the empty one included).</summary>
    public string Name { get; }

    /// <summary>The column type.</summary>
    public DataType Type { get; }

    /// <summary>A copy with another name.</summary>
    public Field WithName(string name) => new(name, Type);

    /// <summary>A copy with another type.</summary>
    public Field WithType(DataType type) => new(Name, type);

    /// <inheritdoc />
    public bool Equals(Field? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Type.Equals(other.Type);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Field f && Equals(f);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type);

    /// <summary>The canonical form <c>name:type</c>, with the name backtick-quoted when it needs to be.</summary>
    public override string ToString() => SchemaNames.Quote(Name) + ":" + Type;
}
