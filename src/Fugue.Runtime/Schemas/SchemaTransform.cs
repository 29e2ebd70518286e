using System.Runtime.CompilerServices;

namespace Fugue.Schemas;

/// <summary>
/// Schema hints (Fugue section 2.3): the output schema of a transformer described relative to its input,
/// such as <c>"*,x:str"</c>, <c>"*-a,b"</c>, <c>"*~a"</c> or <c>"*+b:str"</c>.
/// </summary>
public sealed partial class Schema
{
    /// <summary>
    /// Applies schema hints to this (input) schema. Each hint gives a schema and the results are concatenated
    /// (a repeated column is an error, so <c>("*","*")</c> fails). In a hint, the operators <c>-</c>, <c>~</c>
    /// and <c>+</c> outside backticks split it into a head and operations:
    /// the head is a schema expression in which an unquoted <c>*</c> item stands for every input column; then,
    /// left to right, <c>-a,b</c> removes columns that must exist, <c>~a,b</c> removes them if present, and
    /// <c>+x:T,y:U</c> changes the type of existing columns in place and appends new ones in order.
    /// Blank items are ignored, so <c>"* + - ~ "</c> is the input unchanged. Unlike Fugue, operator characters
    /// inside parentheses are not operators, so <c>timestamp(s,+05:00)</c> can be used in a hint, and <c>*</c> is
    /// a list item rather than a text substitution, so <c>"*,x:str"</c> on an empty input gives <c>x:str</c>.
    /// A <c>-</c> or <c>~</c> list with a <c>:</c> removes a typed sub-schema (types must match).
    /// </summary>
    /// <exception cref="FugueSchemaException">A hint is invalid, removes a missing column, or columns repeat.
    /// Errors inside a hint carry the hint and the position.</exception>
    public Schema Transform(params string[] hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var result = Empty;
        foreach (var hint in hints)
        {
            if (hint is not null)
            {
                result = Concatenate(result, ApplyHint(hint), hint);
            }
        }

        return result;
    }

    /// <summary>Applies a computed hint: the function receives this schema and returns the output schema.</summary>
    public Schema Transform(Func<Schema, Schema> hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        return hint(this) ?? throw new FugueSchemaException("a schema hint function returned null");
    }

    /// <summary>
    /// Applies mixed hints, concatenating their results in order: hint strings (see
    /// <see cref="Transform(string[])"/>), <see cref="Schema"/>s and <see cref="Field"/>s (taken as they are),
    /// <c>Func&lt;Schema, Schema&gt;</c> (called with this schema), and name/type pairs, one column each like
    /// Fugue's <c>x=str</c> keyword hints: <c>(string, DataType)</c> or <c>(string, string)</c> tuples (the string
    /// is a type expression) and the same as <c>KeyValuePair</c>s.
    /// Null items are skipped.
    /// </summary>
    /// <exception cref="FugueSchemaException">A hint is invalid or of an unsupported kind, or columns repeat.</exception>
    public Schema Transform(params object?[] hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var result = Empty;
        foreach (var hint in hints)
        {
            var part = hint switch
            {
                null => Empty,
                string s => ApplyHint(s),
                Schema s => s,
                Field f => FromValidatedFields([f]),
                Func<Schema, Schema> f => Transform(f),
                KeyValuePair<string, DataType> p => FromValidatedFields([new Field(p.Key, p.Value)]),
                KeyValuePair<string, string> p => FromValidatedFields([new Field(p.Key, DataType.Parse(p.Value))]),
                ITuple { Length: 2 } t when t[0] is string name && t[1] is DataType type => FromValidatedFields([new Field(name, type)]),
                ITuple { Length: 2 } t when t[0] is string name && t[1] is string type => FromValidatedFields([new Field(name, DataType.Parse(type))]),
                _ => throw new FugueSchemaException($"unsupported schema hint of type {hint.GetType()}: expected a string, Schema, Field, Func<Schema, Schema> or a (name, type) pair"),
            };
            result = Concatenate(result, part, hint?.ToString() ?? "");
        }

        return result;
    }

    private static Schema Concatenate(Schema left, Schema right, string hint)
    {
        foreach (var f in right._fields)
        {
            if (left.Contains(f.Name))
            {
                throw new FugueSchemaException($"schema hint '{hint}' repeats column '{SchemaNames.Quote(f.Name)}' already produced: '{left}'");
            }
        }

        return left.Count == 0 ? right : FromValidatedFields([.. left._fields, .. right._fields]);
    }

    private Schema ApplyHint(string hint)
    {
        var operators = SchemaParser.FindHintOperators(hint);
        var headEnd = operators.Count == 0 ? hint.Length : operators[0];
        var result = FromValidatedFields(SchemaParser.ParseFields(hint, 0, headEnd, star: this));
        for (var k = 0; k < operators.Count; k++)
        {
            var start = operators[k] + 1;
            var end = k + 1 < operators.Count ? operators[k + 1] : hint.Length;
            result = hint[operators[k]] == '+'
                ? AlterOrAppend(result, SchemaParser.ParseFields(hint, start, end, star: null))
                : RemoveForHint(result, hint, start, end, mustExist: hint[operators[k]] == '-');
        }

        return result;
    }

    private static Schema AlterOrAppend(Schema schema, Field[] changes)
    {
        if (changes.Length == 0)
        {
            return schema;
        }

        var fields = new List<Field>(schema._fields);
        foreach (var f in changes)
        {
            var i = schema.TryIndexOf(f.Name);
            if (i >= 0)
            {
                fields[i] = f;
            }
            else
            {
                fields.Add(f);
            }
        }

        return FromValidatedFields(fields.ToArray());
    }

    private static Schema RemoveForHint(Schema schema, string hint, int start, int end, bool mustExist)
    {
        if (SchemaParser.HasTypeSeparator(hint, start, end))
        {
            var typed = FromValidatedFields(SchemaParser.ParseFields(hint, start, end, star: null));
            return mustExist ? schema.Remove(typed) : schema.Exclude(typed);
        }

        var names = SchemaParser.ParseNameList(hint, start, end);
        var drop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, position) in names)
        {
            if (mustExist && !schema.Contains(name))
            {
                throw new FugueSchemaException($"cannot remove column '{SchemaNames.Quote(name)}': it is not in schema '{schema}'", hint, position);
            }

            drop.Add(name);
        }

        return schema.Without(drop);
    }
}
