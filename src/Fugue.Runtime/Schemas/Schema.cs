using System.Collections;

namespace Fugue.Schemas;

/// <summary>
/// An ordered, immutable list of uniquely named <see cref="Field"/>s: the type of a dataframe.
/// Built from a schema expression (<c>"a:int,b:str"</c>) or from fields; compares by value and also
/// against an expression string; <see cref="ToString"/> prints the canonical expression.
/// </summary>
public sealed partial class Schema : IReadOnlyList<Field>, IEquatable<Schema>
{
    /// <summary>Up to this many columns, lookups scan the fields instead of building a dictionary.</summary>
    private const int LinearLookupLimit = 8;

    private readonly Field[] _fields;
    private Dictionary<string, int>? _index;
    private string[]? _names;
    private DataType[]? _types;
    private string? _text;

    /// <summary>The empty schema.</summary>
    public static Schema Empty { get; } = new([], validated: true);

    /// <summary>Creates a schema from fields.</summary>
    /// <exception cref="FugueSchemaException">Two fields share a name.</exception>
    public Schema(params IEnumerable<Field> fields)
        : this(CopyFields(fields), validated: false)
    {
    }

    /// <summary>Takes ownership of <paramref name="fields"/>; checks the names unless the caller already did.</summary>
    private Schema(Field[] fields, bool validated)
    {
        _fields = fields;
        if (fields.Length > LinearLookupLimit)
        {
            _index = BuildIndex(fields);
        }
        else if (!validated)
        {
            for (var i = 1; i < fields.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(fields[i].Name, fields[j].Name, StringComparison.Ordinal))
                    {
                        throw DuplicateName(fields, fields[i].Name);
                    }
                }
            }
        }
    }

    /// <summary>Wraps fields whose names are known to be unique (parser output, operation results).</summary>
    internal static Schema FromValidatedFields(Field[] fields) => fields.Length == 0 ? Empty : new(fields, validated: true);

    /// <summary>Wraps fields that may repeat a name; throws a <see cref="FugueSchemaException"/> if they do.</summary>
    internal static Schema FromFields(Field[] fields) => fields.Length == 0 ? Empty : new(fields, validated: false);

    private static Field[] CopyFields(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var array = fields.ToArray();
        foreach (var f in array)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(fields));
        }

        return array;
    }

    private static Dictionary<string, int> BuildIndex(Field[] fields)
    {
        var index = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            if (!index.TryAdd(fields[i].Name, i))
            {
                throw DuplicateName(fields, fields[i].Name);
            }
        }

        return index;
    }

    private static FugueSchemaException DuplicateName(Field[] fields, string name) =>
        new($"duplicate column name '{name}' in schema '{string.Join(",", (IEnumerable<Field>)fields)}'");

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>The column names in order.</summary>
    public IReadOnlyList<string> Names => _names ??= Array.ConvertAll(_fields, f => f.Name);

    /// <summary>The column types in order.</summary>
    public IReadOnlyList<DataType> Types => _types ??= Array.ConvertAll(_fields, f => f.Type);

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
    public bool Contains(string name) => TryIndexOf(name) >= 0;

    /// <summary>The index of the named column.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the schema.</exception>
    public int IndexOf(string name)
    {
        var i = TryIndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"column '{name}' is not in schema '{this}'");
    }

    /// <summary>The index of the named column, or -1.</summary>
    public int TryIndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? i : -1;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Gets the named field if present.</summary>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Field? field)
    {
        var i = TryIndexOf(name);
        if (i >= 0)
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

    /// <summary>
    /// Compares against a schema expression the way Fugue does: by the canonical printed form. The expression is
    /// parsed first, so aliases, quoting and blanks do not matter (<c>"`a` : int32"</c> equals <c>a:int</c>);
    /// an invalid expression is simply not equal.
    /// </summary>
    public bool Equals(string? expression)
    {
        if (expression is null)
        {
            return false;
        }

        var text = ToString();
        if (string.Equals(text, expression, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return string.Equals(text, Parse(expression).ToString(), StringComparison.Ordinal);
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
    /// <summary>
    /// Parses a schema expression such as <c>a:int,b:[str]</c>: <c>name:type</c> fields separated by commas,
    /// blanks ignored around tokens, the empty string giving the empty schema. A name is either a run of ASCII
    /// letters, digits and underscores (so <c>123:bytes</c> is accepted and prints as <c>`123`:bytes</c>) or is
    /// backtick-quoted with <c>``</c> as the escape. Type names are lowercase and case-sensitive; see
    /// <see cref="DataType.Parse"/> for the type grammar. Names must be unique at every level.
    /// </summary>
    /// <exception cref="FugueSchemaException">The expression is invalid; the message points at the position.</exception>
    public static Schema Parse(string expression) => SchemaParser.Parse(expression);
}
