using System.Collections;

namespace Fugue.Schemas;

/// <summary>
/// An ordered, immutable list of uniquely named <see cref="Field"/>s: the type of a dataframe.
/// Built from a schema expression (<c>"a:int,b:str"</c>) or from fields; compares by value and also
/// against an expression string; <see cref="ToString"/> prints the canonical expression.
/// </summary>
public sealed partial class Schema : IReadOnlyList<Field>, IEquatable<Schema>
{
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _index;
    private string? _text;

    /// <summary>The empty schema.</summary>
    public static Schema Empty { get; } = new([]);

    /// <summary>Creates a schema from fields.</summary>
    /// <exception cref="FugueSchemaException">Two fields share a name.</exception>
    public Schema(params IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToArray();
        _index = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            if (!_index.TryAdd(_fields[i].Name, i))
            {
                throw new FugueSchemaException($"duplicate column name '{_fields[i].Name}' in schema");
            }
        }
    }

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>The column names in order.</summary>
    public IReadOnlyList<string> Names => Array.ConvertAll(_fields, f => f.Name);

    /// <summary>The column types in order.</summary>
    public IReadOnlyList<DataType> Types => Array.ConvertAll(_fields, f => f.Type);

    /// <summary>The number of columns.</summary>
    public int Count => _fields.Length;

    /// <summary>True when the schema has no columns.</summary>
    public bool IsEmpty => _fields.Length == 0;

    /// <summary>The field at <paramref name="index"/>.</summary>
    public Field this[int index] => _fields[index];

    /// <summary>The field named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the schema.</exception>
    public Field this[string name] => _fields[IndexOf(name)];

    /// <summary>True when a column has this name.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The index of the named column.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the schema.</exception>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"column '{name}' is not in schema '{this}'");

    /// <summary>The index of the named column, or -1.</summary>
    public int TryIndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Gets the named field if present.</summary>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Field? field)
    {
        if (_index.TryGetValue(name, out var i))
        {
            field = _fields[i];
            return true;
        }

        field = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<Field> GetEnumerator() => ((IEnumerable<Field>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _fields.GetEnumerator();

    /// <summary>The canonical schema expression, e.g. <c>a:int,`b c`:[str]</c>.</summary>
    public override string ToString() => _text ??= string.Join(",", (IEnumerable<Field>)_fields);

    /// <inheritdoc />
    public bool Equals(Schema? other) =>
        other is not null && (ReferenceEquals(this, other) || _fields.AsSpan().SequenceEqual(other._fields));

    /// <summary>Compares against a schema expression by parsing it; an invalid expression is simply not equal.</summary>
    public bool Equals(string? expression)
    {
        if (expression is null)
        {
            return false;
        }

        try
        {
            return Equals(Parse(expression));
        }
        catch (FugueSchemaException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj switch
    {
        Schema s => Equals(s),
        string e => Equals(e),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Schema? left, Schema? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Schema? left, Schema? right) => !(left == right);

    /// <summary>Equality against a schema expression.</summary>
    public static bool operator ==(Schema? left, string? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality against a schema expression.</summary>
    public static bool operator !=(Schema? left, string? right) => !(left == right);

    /// <summary>Parses a schema expression.</summary>
    public static implicit operator Schema(string expression) => Parse(expression);
}

public sealed partial class Schema
{
    /// <summary>Parses a schema expression such as <c>a:int,b:[str]</c>.</summary>
    /// <exception cref="FugueSchemaException">The expression is invalid; the message points at the position.</exception>
    public static Schema Parse(string expression) => SchemaParser.Parse(expression);
}
