using System.Collections.Generic;
using System.Linq;

namespace Fugue.Generators.Schemas;

/// <summary>
/// A transformer schema hint: a head schema expression where <c>*</c> stands for the input columns, followed
/// by operators applied left to right: <c>-a,b</c> (remove, must exist), <c>~a,b</c> (remove if present),
/// <c>+x:T</c> (alter in place or append). Operators count only outside backticks.
/// </summary>
internal sealed class SchemaHint
{
    private SchemaHint(string text, List<SchemaField?> head, List<Operation> operations)
    {
        Text = text;
        Head = head;
        Operations = operations;
    }

    public string Text { get; }

    /// <summary>Head fields; <c>null</c> stands for <c>*</c>.</summary>
    public IReadOnlyList<SchemaField?> Head { get; }

    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>Whether the hint depends on the input schema (it has a <c>*</c> or an operator).</summary>
    public bool NeedsInput => Head.Any(f => f is null) || Operations.Count > 0;

    public bool HasStar => Head.Any(f => f is null);

    /// <summary>Parses a hint; throws <see cref="SchemaSyntaxException"/> with the offending position.</summary>
    public static SchemaHint Parse(string text, bool allowOperators)
    {
        var cuts = new List<int>();
        var inQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`')
            {
                inQuote = !inQuote;
            }
            else if (!inQuote && allowOperators && (c == '-' || c == '~' || c == '+'))
            {
                cuts.Add(i);
            }
        }

        var headEnd = cuts.Count > 0 ? cuts[0] : text.Length;
        var head = SchemaExpressionParser.Parse(text.Substring(0, headEnd), 0, allowStar: allowOperators);
        var operations = new List<Operation>();
        for (var k = 0; k < cuts.Count; k++)
        {
            var start = cuts[k] + 1;
            var end = k + 1 < cuts.Count ? cuts[k + 1] : text.Length;
            var body = text.Substring(start, end - start);
            var op = text[cuts[k]];
            if (op == '+')
            {
                var fields = SchemaExpressionParser.Parse(body, start).Select(f => f!).ToList();
                operations.Add(new Operation(op, start, new List<string>(), fields));
            }
            else
            {
                operations.Add(new Operation(op, start, ParseNames(body, start), new List<SchemaField>()));
            }
        }

        return new SchemaHint(text, head, operations);
    }

    /// <summary>Resolves the hint against an input schema, as the runtime's Schema.Transform does.</summary>
    public List<SchemaField> Apply(IReadOnlyList<SchemaField> input)
    {
        var result = new List<SchemaField>();
        foreach (var f in Head)
        {
            if (f is null)
            {
                result.AddRange(input);
            }
            else
            {
                result.Add(f);
            }
        }

        CheckDuplicates(result, 0);
        foreach (var op in Operations)
        {
            switch (op.Op)
            {
                case '-':
                    foreach (var name in op.Names)
                    {
                        var index = result.FindIndex(x => x.Name == name);
                        if (index < 0)
                        {
                            throw new SchemaSyntaxException(op.Position, "column '" + name + "' can't be removed: it is not in the schema");
                        }

                        result.RemoveAt(index);
                    }

                    break;
                case '~':
                    result.RemoveAll(x => op.Names.Contains(x.Name));
                    break;
                default:
                    foreach (var field in op.Fields)
                    {
                        var index = result.FindIndex(x => x.Name == field.Name);
                        if (index >= 0)
                        {
                            result[index] = field;
                        }
                        else
                        {
                            result.Add(field);
                        }
                    }

                    break;
            }
        }

        return result;
    }

    private static void CheckDuplicates(List<SchemaField> fields, int position)
    {
        var seen = new HashSet<string>();
        foreach (var f in fields)
        {
            if (!seen.Add(f.Name))
            {
                throw new SchemaSyntaxException(position, "duplicate column name '" + f.Name + "'", isDuplicate: true);
            }
        }
    }

    private static List<string> ParseNames(string body, int offset)
    {
        var names = new List<string>();
        foreach (var field in SplitNames(body, offset))
        {
            names.Add(field);
        }

        return names;
    }

    private static IEnumerable<string> SplitNames(string body, int offset)
    {
        var i = 0;
        while (i < body.Length)
        {
            while (i < body.Length && (char.IsWhiteSpace(body[i]) || body[i] == ','))
            {
                i++;
            }

            if (i >= body.Length)
            {
                yield break;
            }

            if (body[i] == '`')
            {
                var start = i++;
                var sb = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= body.Length)
                    {
                        throw new SchemaSyntaxException(offset + start, "unclosed backtick");
                    }

                    if (body[i] == '`')
                    {
                        if (i + 1 < body.Length && body[i + 1] == '`')
                        {
                            sb.Append('`');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(body[i++]);
                }

                yield return sb.ToString();
            }
            else
            {
                var start = i;
                while (i < body.Length && body[i] != ',' && !char.IsWhiteSpace(body[i]))
                {
                    i++;
                }

                var name = body.Substring(start, i - start);
                if (!SchemaNames.IsPlainName(name))
                {
                    throw new SchemaSyntaxException(offset + start, "the name '" + name + "' must be quoted with backticks");
                }

                yield return name;
            }
        }
    }

    /// <summary>One operator of a hint with its names (for - and ~) or fields (for +).</summary>
    internal sealed class Operation
    {
        public Operation(char op, int position, List<string> names, List<SchemaField> fields)
        {
            Op = op;
            Position = position;
            Names = names;
            Fields = fields;
        }

        public char Op { get; }

        public int Position { get; }

        public List<string> Names { get; }

        public List<SchemaField> Fields { get; }
    }
}
