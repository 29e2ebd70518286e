namespace Fugue.Schemas;

/// <summary>
/// Schema algebra (Fugue section 2.2). Every operation returns a new schema and leaves this one unchanged;
/// when nothing changes the same instance may be returned. Errors are <see cref="FugueSchemaException"/>s
/// naming the column and the schema.
/// </summary>
public sealed partial class Schema
{
    /// <summary>Concatenates schema expressions: <c>Schema.Parse("a:int", "b:str")</c> is <c>a:int,b:str</c>.</summary>
    /// <exception cref="FugueSchemaException">An expression is invalid or two of them share a column name.</exception>
    public static Schema Parse(params string[] expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var result = Empty;
        foreach (var expression in expressions)
        {
            result = result.Append(Parse(expression));
        }

        return result;
    }

    /// <summary>A schema from <c>(name, type)</c> pairs, in order.</summary>
    /// <exception cref="FugueSchemaException">Two pairs share a name.</exception>
    public static Schema Of(params (string Name, DataType Type)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return FromFields(Array.ConvertAll(columns, c => new Field(c.Name, c.Type)));
    }

    /// <summary>A schema from name/type pairs (for example a dictionary), in enumeration order.</summary>
    /// <exception cref="FugueSchemaException">Two pairs share a name.</exception>
    public static Schema Of(IEnumerable<KeyValuePair<string, DataType>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return FromFields(columns.Select(c => new Field(c.Key, c.Value)).ToArray());
    }

    /// <summary>Appends the columns of <paramref name="other"/> (Fugue's <c>+</c>): only new names are allowed.</summary>
    /// <exception cref="FugueSchemaException">A column of <paramref name="other"/> is already in this schema.</exception>
    public Schema Append(Schema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        foreach (var f in other._fields)
        {
            if (Contains(f.Name))
            {
                throw new FugueSchemaException($"cannot append column '{SchemaNames.Quote(f.Name)}': it is already in schema '{this}'");
            }
        }

        return FromValidatedFields([.. _fields, .. other._fields]);
    }

    /// <summary>Appends the columns of a schema expression.</summary>
    /// <exception cref="FugueSchemaException">The expression is invalid or repeats an existing column.</exception>
    public Schema Append(string expression) => Append(Parse(expression));

    /// <summary>Appends one column.</summary>
    /// <exception cref="FugueSchemaException">The column already exists.</exception>
    public Schema Append(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Append(FromValidatedFields([field]));
    }

    /// <summary>Appends one column.</summary>
    /// <exception cref="FugueSchemaException">The column already exists.</exception>
    public Schema Append(string name, DataType type) => Append(new Field(name, type));

    /// <summary><see cref="Append(Schema)"/>.</summary>
    public static Schema operator +(Schema left, Schema right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Append(right);
    }

    /// <summary>
    /// Not usable: <c>"text" + schema</c> would otherwise convert the text to a schema (and fail to parse it at run time)
    /// where string concatenation was meant. It is a compile-time error instead; use interpolation
    /// (<c>$"schema: {schema}"</c>) to print, or <c>Schema.Parse(text) + schema</c> to combine.
    /// </summary>
    [Obsolete("string + Schema is ambiguous: use $\"...{schema}\" to print it, or Schema.Parse(text) + schema to append", error: true)]
    public static Schema operator +(string left, Schema right) => Parse(left).Append(right);

    /// <summary><see cref="Append(string)"/>.</summary>
    public static Schema operator +(Schema left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Append(right);
    }

    /// <summary><see cref="Append(Field)"/>.</summary>
    public static Schema operator +(Schema left, Field right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Append(right);
    }

    /// <summary>Removes the named columns (Fugue's <c>-</c>). Each must exist; repeating a name is harmless.</summary>
    /// <exception cref="FugueSchemaException">A name is not in the schema.</exception>
    public Schema Remove(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(names));
            if (!Contains(name))
            {
                throw new FugueSchemaException($"cannot remove column '{SchemaNames.Quote(name)}': it is not in schema '{this}'");
            }

            drop.Add(name);
        }

        return Without(drop);
    }

    /// <summary>Removes the named columns. Each must exist.</summary>
    /// <exception cref="FugueSchemaException">A name is not in the schema.</exception>
    public Schema Remove(params string[] names) => Remove((IEnumerable<string>)names);

    /// <summary>Removes a typed sub-schema: every column must exist with the same type.</summary>
    /// <exception cref="FugueSchemaException">A column is missing or has another type.</exception>
    public Schema Remove(Schema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in columns._fields)
        {
            RequireSameType(f, "remove");
            drop.Add(f.Name);
        }

        return Without(drop);
    }

    /// <summary><see cref="Remove(Schema)"/>.</summary>
    public static Schema operator -(Schema left, Schema right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Remove(right);
    }

    /// <summary>
    /// Removes columns given as an expression: a name list (<c>"a, `b c`"</c>, blank items ignored) or, when it
    /// has a <c>:</c> outside backticks, a typed schema expression (<see cref="Remove(Schema)"/>).
    /// </summary>
    public static Schema operator -(Schema left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return SchemaParser.HasTypeSeparator(right, 0, right.Length)
            ? left.Remove(Parse(right))
            : left.Remove(ParseNames(right));
    }

    /// <summary><see cref="Remove(IEnumerable{string})"/>.</summary>
    public static Schema operator -(Schema left, IEnumerable<string> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Remove(right);
    }

    /// <summary>The named columns in the order given (Fugue's <c>extract</c>). Each must exist, once.</summary>
    /// <exception cref="FugueSchemaException">A name is missing or repeated.</exception>
    public Schema Extract(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<Field>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(names));
            if (!TryGetField(name, out var field))
            {
                throw new FugueSchemaException($"cannot extract column '{SchemaNames.Quote(name)}': it is not in schema '{this}'");
            }

            if (!seen.Add(name))
            {
                throw new FugueSchemaException($"cannot extract column '{SchemaNames.Quote(name)}' twice from schema '{this}'");
            }

            result.Add(field);
        }

        return FromValidatedFields(result.ToArray());
    }

    /// <summary>The named columns in the order given. Each must exist, once.</summary>
    /// <exception cref="FugueSchemaException">A name is missing or repeated.</exception>
    public Schema Extract(params string[] names) => Extract((IEnumerable<string>)names);

    /// <summary>The columns of a typed sub-schema, in its order; each must exist with the same type.</summary>
    /// <exception cref="FugueSchemaException">A column is missing or has another type.</exception>
    public Schema Extract(Schema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var f in columns._fields)
        {
            RequireSameType(f, "extract");
        }

        return columns;
    }

    /// <summary>This schema without the named columns; names that are not here are ignored.</summary>
    public Schema Exclude(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return Without(drop);
    }

    /// <summary>This schema without the named columns; names that are not here are ignored.</summary>
    public Schema Exclude(params string[] names) => Exclude((IEnumerable<string>)names);

    /// <summary>
    /// This schema without the columns of <paramref name="columns"/>. Missing names are ignored, but a column
    /// present here with another type is an error (as in Fugue).
    /// </summary>
    /// <exception cref="FugueSchemaException">A column is here with another type.</exception>
    public Schema Exclude(Schema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in columns._fields)
        {
            if (TryGetField(f.Name, out var mine))
            {
                if (!mine.Type.Equals(f.Type))
                {
                    throw TypeMismatch("exclude", f, mine);
                }

                drop.Add(f.Name);
            }
        }

        return Without(drop);
    }

    /// <summary>The columns of this schema whose names are listed, in this schema's order; unknown names are ignored.</summary>
    public Schema Intersect(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var keep = new HashSet<string>(names, StringComparer.Ordinal);
        return Where(f => keep.Contains(f.Name));
    }

    /// <summary>The columns of this schema whose names are listed, in this schema's order; unknown names are ignored.</summary>
    public Schema Intersect(params string[] names) => Intersect((IEnumerable<string>)names);

    /// <summary>The columns of this schema that <paramref name="other"/> has with the same type, in this schema's order.</summary>
    public Schema Intersect(Schema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Where(f => other.TryGetField(f.Name, out var o) && o.Type.Equals(f.Type));
    }

    /// <summary>
    /// This schema followed by the columns of <paramref name="other"/> it does not have. On a name clash this
    /// schema's column wins and the types are not compared (Fugue's <c>union</c>).
    /// </summary>
    public Schema Union(Schema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var extra = other._fields.Where(f => !Contains(f.Name)).ToArray();
        return extra.Length == 0 ? this : FromValidatedFields([.. _fields, .. extra]);
    }

    /// <summary><see cref="Union(Schema)"/> with a schema expression.</summary>
    public Schema Union(string expression) => Union(Parse(expression));

    /// <summary>Renames columns in place, keeping their types and order. Every old name must exist and the result
    /// must have unique names (swapping two names is fine).</summary>
    /// <exception cref="FugueSchemaException">An old name is missing or a new name clashes.</exception>
    public Schema Rename(IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return this;
        }

        var result = (Field[])_fields.Clone();
        foreach (var (oldName, newName) in names)
        {
            ArgumentNullException.ThrowIfNull(newName, nameof(names));
            var i = TryIndexOf(oldName);
            if (i < 0)
            {
                throw new FugueSchemaException($"cannot rename column '{SchemaNames.Quote(oldName)}': it is not in schema '{this}'");
            }

            result[i] = result[i].WithName(newName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in result)
        {
            if (!seen.Add(f.Name))
            {
                throw new FugueSchemaException($"cannot rename to '{SchemaNames.Quote(f.Name)}': schema '{this}' would have two columns with that name");
            }
        }

        return FromValidatedFields(result);
    }

    /// <summary>Renames one column. The old name must exist and the new one must not clash.</summary>
    /// <exception cref="FugueSchemaException">The old name is missing or the new one clashes.</exception>
    public Schema Rename(string oldName, string newName) => Rename(new Dictionary<string, string>(StringComparer.Ordinal) { [oldName] = newName });

    /// <summary>Changes the types of existing columns in place (Fugue's <c>alter</c>).</summary>
    /// <exception cref="FugueSchemaException">A column of <paramref name="columns"/> is not in this schema.</exception>
    public Schema Alter(Schema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            return this;
        }

        var result = (Field[])_fields.Clone();
        foreach (var f in columns._fields)
        {
            var i = TryIndexOf(f.Name);
            if (i < 0)
            {
                throw new FugueSchemaException($"cannot alter column '{SchemaNames.Quote(f.Name)}': it is not in schema '{this}'");
            }

            result[i] = f;
        }

        return FromValidatedFields(result);
    }

    /// <summary><see cref="Alter(Schema)"/> with a schema expression such as <c>"a:long,b:str"</c>.</summary>
    public Schema Alter(string expression) => Alter(Parse(expression));

    /// <summary>Parses a comma-separated list of column names (plain or backtick-quoted); blank items are skipped.</summary>
    /// <exception cref="FugueSchemaException">The list is malformed; the message points at the position.</exception>
    public static IReadOnlyList<string> ParseNames(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return SchemaParser.ParseNameList(expression, 0, expression.Length).ConvertAll(n => n.Name);
    }

    private void RequireSameType(Field field, string operation)
    {
        if (!TryGetField(field.Name, out var mine))
        {
            throw new FugueSchemaException($"cannot {operation} column '{field}': '{SchemaNames.Quote(field.Name)}' is not in schema '{this}'");
        }

        if (!mine.Type.Equals(field.Type))
        {
            throw TypeMismatch(operation, field, mine);
        }
    }

    private FugueSchemaException TypeMismatch(string operation, Field wanted, Field actual) =>
        new($"cannot {operation} column '{wanted}': schema '{this}' has it as '{actual}' (type mismatch)");

    private Schema Without(HashSet<string> drop) => drop.Count == 0 ? this : Where(f => !drop.Contains(f.Name));

    private Schema Where(Func<Field, bool> keep)
    {
        var result = new List<Field>(_fields.Length);
        foreach (var f in _fields)
        {
            if (keep(f))
            {
                result.Add(f);
            }
        }

        return result.Count == _fields.Length ? this : FromValidatedFields(result.ToArray());
    }
}
