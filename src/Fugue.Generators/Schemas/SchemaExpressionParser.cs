using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Fugue.Generators.Schemas;

/// <summary>
/// Recursive-descent parser for Fugue schema expressions (<c>a:int,b:[str],c:{x:long},d:&lt;str,int&gt;</c>).
/// With <c>allowStar</c> a bare <c>*</c> may stand for a field (the head of a transform hint). Errors carry the
/// offending position.
/// </summary>
internal sealed class SchemaExpressionParser
{
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["null"] = "null",
        ["str"] = "str",
        ["string"] = "str",
        ["bool"] = "bool",
        ["boolean"] = "bool",
        ["int8"] = "byte",
        ["byte"] = "byte",
        ["uint8"] = "ubyte",
        ["ubyte"] = "ubyte",
        ["int16"] = "short",
        ["short"] = "short",
        ["uint16"] = "ushort",
        ["ushort"] = "ushort",
        ["int32"] = "int",
        ["int"] = "int",
        ["uint32"] = "uint",
        ["uint"] = "uint",
        ["int64"] = "long",
        ["long"] = "long",
        ["uint64"] = "ulong",
        ["ulong"] = "ulong",
        ["float16"] = "float16",
        ["float"] = "float",
        ["float32"] = "float",
        ["double"] = "double",
        ["float64"] = "double",
        ["date"] = "date",
        ["bytes"] = "bytes",
        ["binary"] = "bytes",
    };

    private readonly string _text;
    private readonly int _offset;
    private readonly bool _allowStar;
    private int _pos;

    private SchemaExpressionParser(string text, int offset, bool allowStar)
    {
        _text = text;
        _offset = offset;
        _allowStar = allowStar;
    }

    /// <summary>Parses a schema; <c>null</c> entries in the result stand for <c>*</c>.</summary>
    public static List<SchemaField?> Parse(string text, int offset = 0, bool allowStar = false)
    {
        var parser = new SchemaExpressionParser(text, offset, allowStar);
        var fields = parser.ParseFields(topLevel: true, closing: '\0');
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            parser.Fail("unexpected '" + text[parser._pos] + "'");
        }

        return fields;
    }

    /// <summary>Parses a single type expression such as <c>[int]</c>.</summary>
    public static SchemaType ParseType(string text)
    {
        var parser = new SchemaExpressionParser(text, 0, allowStar: false);
        var type = parser.ParseTypeCore();
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            parser.Fail("unexpected '" + text[parser._pos] + "'");
        }

        return type;
    }

    private List<SchemaField?> ParseFields(bool topLevel, char closing)
    {
        var fields = new List<SchemaField?>();
        var seen = new HashSet<string>();
        SkipSpace();
        if (AtEnd() || Peek() == closing)
        {
            if (!topLevel)
            {
                Fail("a struct needs at least one field");
            }

            return fields;
        }

        while (true)
        {
            SkipSpace();
            var start = _pos;
            if (_allowStar && topLevel && !AtEnd() && Peek() == '*')
            {
                _pos++;
                fields.Add(null);
            }
            else
            {
                var name = ParseName();
                SkipSpace();
                Expect(':', "expected ':' after the column name");
                var type = ParseTypeCore();
                if (!seen.Add(name))
                {
                    throw new SchemaSyntaxException(_offset + start, "duplicate column name '" + name + "'", isDuplicate: true);
                }

                fields.Add(new SchemaField(name, type));
            }

            SkipSpace();
            if (!AtEnd() && Peek() == ',')
            {
                _pos++;
                continue;
            }

            return fields;
        }
    }

    private string ParseName()
    {
        SkipSpace();
        if (AtEnd())
        {
            Fail("expected a column name");
        }

        if (Peek() == '`')
        {
            var start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd())
                {
                    throw new SchemaSyntaxException(_offset + start, "unclosed backtick");
                }

                var c = _text[_pos++];
                if (c == '`')
                {
                    if (!AtEnd() && Peek() == '`')
                    {
                        sb.Append('`');
                        _pos++;
                        continue;
                    }

                    return sb.ToString();
                }

                sb.Append(c);
            }
        }

        var ident = ParseIdentifier();
        if (ident.Length == 0)
        {
            Fail("expected a column name");
        }

        if (!SchemaNames.IsPlainName(ident))
        {
            Fail("the name '" + ident + "' must be quoted with backticks");
        }

        return ident;
    }

    private string ParseIdentifier()
    {
        var start = _pos;
        while (!AtEnd() && (char.IsLetterOrDigit(Peek()) || Peek() == '_'))
        {
            _pos++;
        }

        return _text.Substring(start, _pos - start);
    }

    private SchemaType ParseTypeCore()
    {
        SkipSpace();
        if (AtEnd())
        {
            Fail("expected a type");
        }

        var c = Peek();
        if (c == '[')
        {
            _pos++;
            var item = ParseTypeCore();
            SkipSpace();
            Expect(']', "expected ']' to close the list type");
            return SchemaType.List(item);
        }

        if (c == '{')
        {
            _pos++;
            var fields = ParseFields(topLevel: false, closing: '}');
            SkipSpace();
            Expect('}', "expected '}' to close the struct type");
            var list = new List<SchemaField>();
            foreach (var f in fields)
            {
                list.Add(f!);
            }

            return SchemaType.Struct(list);
        }

        if (c == '<')
        {
            _pos++;
            var key = ParseTypeCore();
            SkipSpace();
            Expect(',', "expected ',' between the map key and value types");
            var value = ParseTypeCore();
            SkipSpace();
            Expect('>', "expected '>' to close the map type");
            return SchemaType.Map(key, value);
        }

        var start = _pos;
        var name = ParseIdentifier();
        if (name.Length == 0)
        {
            Fail("expected a type");
        }

        if (name == "decimal" || name == "timestamp")
        {
            SkipSpace();
            if (name == "decimal" || (!AtEnd() && Peek() == '('))
            {
                Expect('(', "expected '(' after " + name);
                var args = ParseArguments();
                return name == "decimal" ? MakeDecimal(args, start) : MakeTimestamp(args, start);
            }
        }

        if (name == "datetime")
        {
            return SchemaType.Timestamp("us", null);
        }

        if (!Aliases.TryGetValue(name, out var canonical))
        {
            throw new SchemaSyntaxException(_offset + start, "unknown type '" + name + "'");
        }

        return SchemaType.Primitive(canonical);
    }

    private List<string> ParseArguments()
    {
        var args = new List<string>();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd())
            {
                Fail("expected ')'");
            }

            var c = _text[_pos++];
            if (c == ')')
            {
                args.Add(sb.ToString().Trim());
                return args;
            }

            if (c == ',')
            {
                args.Add(sb.ToString().Trim());
                sb.Clear();
                continue;
            }

            sb.Append(c);
        }
    }

    private SchemaType MakeDecimal(List<string> args, int start)
    {
        if (args.Count < 1 || args.Count > 2
            || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            || precision < 1 || precision > 38)
        {
            throw new SchemaSyntaxException(_offset + start, "decimal needs a precision from 1 to 38 and an optional scale");
        }

        var scale = 0;
        if (args.Count == 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out scale) || scale > precision))
        {
            throw new SchemaSyntaxException(_offset + start, "decimal scale must be a number from 0 to the precision");
        }

        return SchemaType.Decimal(precision, scale);
    }

    private SchemaType MakeTimestamp(List<string> args, int start)
    {
        if (args.Count < 1 || args.Count > 2 || (args[0] != "s" && args[0] != "ms" && args[0] != "us" && args[0] != "ns"))
        {
            throw new SchemaSyntaxException(_offset + start, "timestamp needs a unit (s, ms, us or ns) and an optional time zone");
        }

        if (args.Count == 2 && args[1].Length == 0)
        {
            throw new SchemaSyntaxException(_offset + start, "the time zone of a timestamp can't be empty");
        }

        return SchemaType.Timestamp(args[0], args.Count == 2 ? args[1] : null);
    }

    private void Expect(char c, string message)
    {
        if (AtEnd() || Peek() != c)
        {
            Fail(message);
        }

        _pos++;
    }

    private void Fail(string message) => throw new SchemaSyntaxException(_offset + _pos, message);

    private bool AtEnd() => _pos >= _text.Length;

    private char Peek() => _text[_pos];

    private void SkipSpace()
    {
        while (!AtEnd() && char.IsWhiteSpace(Peek()))
        {
            _pos++;
        }
    }
}
