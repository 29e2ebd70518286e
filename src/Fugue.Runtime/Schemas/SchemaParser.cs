using System.Globalization;
using System.Text;

namespace Fugue.Schemas;

/// <summary>
/// Parses schema expressions (<c>a:int,b:[str]</c>), single types and the pieces of schema hints with a
/// forward-only character scanner: no regex, no tokenised copy, one allocation per name and per field.
/// Every error is a <see cref="FugueSchemaException"/> carrying the whole expression and the position.
/// </summary>
internal static class SchemaParser
{
    /// <summary>Above this many fields a hash set replaces the linear duplicate-name scan.</summary>
    private const int LinearDuplicateScanLimit = 16;

    /// <summary>Deeper type nesting is rejected so a hostile expression cannot overflow the stack.</summary>
    public const int MaxNestingDepth = 100;

    /// <summary>Parses a whole schema expression; the empty (or all-blank) expression is the empty schema.</summary>
    public static Schema Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Schema.FromValidatedFields(ParseFields(expression, 0, expression.Length, star: null));
    }

    /// <summary>Parses one type expression such as <c>int</c>, <c>[str]</c> or <c>decimal(5,2)</c>.</summary>
    public static DataType ParseType(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var scanner = new Scanner(expression, 0, expression.Length);
        scanner.SkipWhiteSpace();
        var type = scanner.ParseType();
        scanner.ExpectEnd("after the type: expected the end of the expression");
        return type;
    }

    /// <summary>
    /// Parses the field list in <c>expression[start..end)</c>. With <paramref name="star"/> set, an unquoted
    /// <c>*</c> item stands for all of its fields (the head of a schema hint). Positions in errors are
    /// absolute in <paramref name="expression"/>.
    /// </summary>
    public static Field[] ParseFields(string expression, int start, int end, Schema? star)
    {
        var scanner = new Scanner(expression, start, end);
        var fields = scanner.ParseFieldList('\0', star);
        scanner.ExpectEnd("after a column: expected ',' or the end of the expression");
        return fields;
    }

    /// <summary>
    /// Parses a comma-separated list of column names (plain or backtick-quoted) in <c>expression[start..end)</c>,
    /// with each name's position. Empty items (<c>a,,b</c>, blanks) are skipped, as Fugue does in hints.
    /// </summary>
    public static List<(string Name, int Position)> ParseNameList(string expression, int start, int end)
    {
        var scanner = new Scanner(expression, start, end);
        return scanner.ParseNameList();
    }

    /// <summary>True when <c>expression[start..end)</c> has a <c>:</c> outside backticks, i.e. it is a typed
    /// schema expression rather than a list of names.</summary>
    public static bool HasTypeSeparator(string expression, int start, int end)
    {
        var quoted = false;
        for (var i = start; i < end; i++)
        {
            var c = expression[i];
            if (c == '`')
            {
                quoted = !quoted; // a doubled backtick toggles twice, so it stays inside the name
            }
            else if (c == ':' && !quoted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The positions of the hint operators <c>-</c>, <c>~</c> and <c>+</c> that are outside backticks. Operators
    /// inside parentheses are also skipped so a zone like <c>timestamp(ns,+05:00)</c> survives (Fugue would split it).
    /// </summary>
    public static List<int> FindHintOperators(string hint)
    {
        var result = new List<int>();
        var quoted = false;
        var depth = 0;
        for (var i = 0; i < hint.Length; i++)
        {
            switch (hint[i])
            {
                case '`':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted && depth > 0:
                    depth--;
                    break;
                case '-' or '~' or '+' when !quoted && depth == 0:
                    result.Add(i);
                    break;
            }
        }

        return result;
    }

    private static bool IsWordChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    /// <summary>The grammar of section 2.1 as a recursive-descent scanner over <c>text[pos..end)</c>.</summary>
    private ref struct Scanner
    {
        private readonly string _text;
        private readonly int _end;
        private int _pos;
        private int _depth;

        public Scanner(string text, int start, int end)
        {
            _text = text;
            _pos = start;
            _end = end;
        }

        private readonly bool AtEnd => _pos >= _end;

        private readonly bool At(char c) => _pos < _end && _text[_pos] == c;

        public void SkipWhiteSpace()
        {
            while (_pos < _end && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }
        }

        /// <summary>Only blanks may follow; anything else is trailing garbage.</summary>
        public void ExpectEnd(string context)
        {
            SkipWhiteSpace();
            if (!AtEnd)
            {
                throw Error($"unexpected {Describe(_pos)} {context}", _pos);
            }
        }

        /// <summary><c>field ("," field)*</c> up to <paramref name="closer"/> (not consumed) or the end.</summary>
        public Field[] ParseFieldList(char closer, Schema? star)
        {
            SkipWhiteSpace();
            if (closer == '\0' ? AtEnd : At(closer))
            {
                return [];
            }

            var fields = new List<Field>();
            HashSet<string>? seen = null;
            while (true)
            {
                SkipWhiteSpace();
                var position = _pos;
                if (star is not null && At('*'))
                {
                    _pos++;
                    foreach (var f in star)
                    {
                        Add(fields, ref seen, f, position, " (from '*')");
                    }
                }
                else
                {
                    var name = ParseName();
                    SkipWhiteSpace();
                    if (!At(':'))
                    {
                        throw Error($"expected ':' after column name '{name}', found {Describe(_pos)}", _pos);
                    }

                    _pos++;
                    var type = ParseType();
                    Add(fields, ref seen, new Field(name, type), position, "");
                }

                SkipWhiteSpace();
                if (!At(','))
                {
                    return fields.ToArray();
                }

                _pos++;
            }
        }

        private readonly void Add(List<Field> fields, ref HashSet<string>? seen, Field field, int position, string origin)
        {
            bool duplicate;
            if (fields.Count < LinearDuplicateScanLimit)
            {
                duplicate = false;
                foreach (var f in fields)
                {
                    if (string.Equals(f.Name, field.Name, StringComparison.Ordinal))
                    {
                        duplicate = true;
                        break;
                    }
                }
            }
            else
            {
                if (seen is null)
                {
                    seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var f in fields)
                    {
                        seen.Add(f.Name);
                    }
                }

                duplicate = !seen.Add(field.Name);
            }

            if (duplicate)
            {
                throw Error($"duplicate column name '{field.Name}'{origin}", position);
            }

            fields.Add(field);
        }

        /// <summary>A plain name (<c>[A-Za-z0-9_]+</c>) or a backtick-quoted one with <c>``</c> as the escape.</summary>
        private string ParseName()
        {
            if (AtEnd)
            {
                throw Error("expected a column name, found the end of the expression", _pos);
            }

            if (_text[_pos] == '`')
            {
                return ParseQuotedName();
            }

            var start = _pos;
            while (_pos < _end && IsWordChar(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"expected a column name, found {Describe(start)} (names that are not ASCII identifiers must be backtick-quoted)", start);
            }

            return _text.Substring(start, _pos - start);
        }

        private string ParseQuotedName()
        {
            var open = _pos++;
            var segment = _pos;
            StringBuilder? builder = null;
            while (true)
            {
                var close = _pos < _end ? _text.IndexOf('`', _pos, _end - _pos) : -1;
                if (close < 0)
                {
                    throw Error("unclosed backtick: a quoted name needs a closing '`'", open);
                }

                if (close + 1 < _end && _text[close + 1] == '`')
                {
                    builder ??= new StringBuilder();
                    builder.Append(_text, segment, close + 1 - segment);
                    _pos = segment = close + 2;
                    continue;
                }

                _pos = close + 1;
                if (builder is null)
                {
                    return _text.Substring(open + 1, close - open - 1);
                }

                builder.Append(_text, segment, close - segment);
                return builder.ToString();
            }
        }

        /// <summary><c>[T]</c>, <c>{fields}</c>, <c>&lt;K,V&gt;</c> or a named type with optional parameters.</summary>
        public DataType ParseType()
        {
            SkipWhiteSpace();
            if (AtEnd)
            {
                throw Error("expected a type, found the end of the expression", _pos);
            }

            var c = _text[_pos];
            if (c is '[' or '{' or '<')
            {
                if (_depth >= MaxNestingDepth)
                {
                    throw Error($"types are nested more than {MaxNestingDepth} levels deep", _pos);
                }

                _depth++;
                var nested = ParseNestedType(c);
                _depth--;
                return nested;
            }

            return ParseNamedType();
        }

        private DataType ParseNestedType(char open)
        {
            switch (open)
            {
                case '[':
                    {
                        _pos++;
                        SkipWhiteSpace();
                        if (At(']'))
                        {
                            throw Error("empty list type: '[T]' needs an item type", _pos);
                        }

                        var item = ParseType();
                        SkipWhiteSpace();
                        if (!At(']'))
                        {
                            throw Error($"expected ']' to close the list type, found {Describe(_pos)} ('[T]' takes exactly one type)", _pos);
                        }

                        _pos++;
                        return DataType.List(item);
                    }

                case '{':
                    {
                        _pos++;
                        var fields = ParseFieldList('}', null);
                        SkipWhiteSpace();
                        if (!At('}'))
                        {
                            throw Error($"expected ',' or '}}' in the struct type, found {Describe(_pos)}", _pos);
                        }

                        _pos++;
                        return new StructType(fields, validated: true);
                    }

                case '<':
                    {
                        _pos++;
                        SkipWhiteSpace();
                        if (At('>'))
                        {
                            throw Error("empty map type: '<K,V>' needs a key and a value type", _pos);
                        }

                        var key = ParseType();
                        SkipWhiteSpace();
                        if (!At(','))
                        {
                            throw Error($"expected ',' after the map key type, found {Describe(_pos)} ('<K,V>' takes exactly two types)", _pos);
                        }

                        _pos++;
                        var value = ParseType();
                        SkipWhiteSpace();
                        if (!At('>'))
                        {
                            throw Error($"expected '>' to close the map type, found {Describe(_pos)} ('<K,V>' takes exactly two types)", _pos);
                        }

                        _pos++;
                        return DataType.Map(key, value);
                    }

                default:
                    throw Error($"expected '[', '{{' or '<', found {Describe(_pos)}", _pos);
            }
        }

        private DataType ParseNamedType()
        {
            var start = _pos;
            while (_pos < _end && IsWordChar(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"expected a type, found {Describe(start)}", start);
            }

            var name = _text.AsSpan(start, _pos - start);
            var afterName = _pos;
            SkipWhiteSpace();
            var hasParameters = At('(');
            if (!hasParameters)
            {
                _pos = afterName;
            }

            var simple = Lookup(name);
            if (simple is not null)
            {
                if (hasParameters)
                {
                    throw Error($"type '{name}' takes no parameters", _pos);
                }

                return simple;
            }

            if (name.SequenceEqual("decimal"))
            {
                if (!hasParameters)
                {
                    throw Error("decimal needs a precision: decimal(p) or decimal(p,s)", afterName);
                }

                return ParseDecimalParameters();
            }

            if (name.SequenceEqual("timestamp"))
            {
                if (!hasParameters)
                {
                    throw Error("timestamp needs a unit: timestamp(unit) or timestamp(unit,tz) with unit s, ms, us or ns", afterName);
                }

                return ParseTimestampParameters();
            }

            var lower = name.ToString().ToLowerInvariant();
            if (Lookup(lower) is not null || lower is "decimal" or "timestamp")
            {
                throw Error($"unknown type '{name}' (type names are case-sensitive: use '{lower}')", start);
            }

            throw Error($"unknown type '{name}'", start);
        }

        private static DataType? Lookup(ReadOnlySpan<char> name) => name switch
        {
            "null" => DataType.Null,
            "str" or "string" => DataType.String,
            "bool" or "boolean" => DataType.Bool,
            "int8" or "byte" => DataType.Int8,
            "uint8" or "ubyte" => DataType.UInt8,
            "int16" or "short" => DataType.Int16,
            "uint16" or "ushort" => DataType.UInt16,
            "int32" or "int" => DataType.Int32,
            "uint32" or "uint" => DataType.UInt32,
            "int64" or "long" => DataType.Int64,
            "uint64" or "ulong" => DataType.UInt64,
            "float16" => DataType.Float16,
            "float" or "float32" => DataType.Float32,
            "double" or "float64" => DataType.Float64,
            "date" => DataType.Date,
            "datetime" => DataType.DateTime,
            "bytes" or "binary" => DataType.Binary,
            _ => null,
        };

        /// <summary><c>(p)</c> or <c>(p,s)</c>, the opening parenthesis under the cursor.</summary>
        private DecimalType ParseDecimalParameters()
        {
            _pos++;
            SkipWhiteSpace();
            var precisionAt = _pos;
            var precision = ParseInteger("decimal precision");
            if (precision is < 1 or > 38)
            {
                throw Error($"decimal precision must be between 1 and 38, got {precision}", precisionAt);
            }

            var scale = 0;
            SkipWhiteSpace();
            if (At(','))
            {
                _pos++;
                SkipWhiteSpace();
                var scaleAt = _pos;
                scale = ParseInteger("decimal scale");
                if (scale > precision)
                {
                    throw Error($"decimal scale must be between 0 and the precision {precision}, got {scale}", scaleAt);
                }

                SkipWhiteSpace();
            }

            if (!At(')'))
            {
                throw Error($"expected ')' to close decimal(p,s), found {Describe(_pos)}", _pos);
            }

            _pos++;
            return DataType.Decimal(precision, scale);
        }

        private int ParseInteger(string what)
        {
            var start = _pos;
            while (_pos < _end && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"expected the {what} (a non-negative integer), found {Describe(start)}", start);
            }

            if (_pos - start > 9)
            {
                throw Error($"{what} is too large", start);
            }

            return int.Parse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        /// <summary><c>(unit)</c> or <c>(unit,tz)</c>, the opening parenthesis under the cursor.</summary>
        private TimestampType ParseTimestampParameters()
        {
            _pos++;
            SkipWhiteSpace();
            var unitAt = _pos;
            while (_pos < _end && IsWordChar(_text[_pos]))
            {
                _pos++;
            }

            TimeUnit unit;
            switch (_text.AsSpan(unitAt, _pos - unitAt))
            {
                case "s":
                    unit = TimeUnit.Second;
                    break;
                case "ms":
                    unit = TimeUnit.Millisecond;
                    break;
                case "us":
                    unit = TimeUnit.Microsecond;
                    break;
                case "ns":
                    unit = TimeUnit.Nanosecond;
                    break;
                default:
                    throw Error(_pos == unitAt
                        ? $"expected a timestamp unit (s, ms, us or ns), found {Describe(unitAt)}"
                        : $"unknown timestamp unit '{_text.AsSpan(unitAt, _pos - unitAt)}': expected s, ms, us or ns", unitAt);
            }

            string? zone = null;
            SkipWhiteSpace();
            if (At(','))
            {
                _pos++;
                SkipWhiteSpace();
                var zoneAt = _pos;
                while (_pos < _end && _text[_pos] is not (')' or ',' or '(' or '`'))
                {
                    _pos++;
                }

                zone = _text.AsSpan(zoneAt, _pos - zoneAt).TrimEnd().ToString();
                if (zone.Length == 0)
                {
                    throw Error("expected a time zone after ',' in timestamp(unit,tz)", zoneAt);
                }
            }

            if (!At(')'))
            {
                throw Error($"expected ')' to close timestamp(unit,tz), found {Describe(_pos)}", _pos);
            }

            _pos++;
            return DataType.Timestamp(unit, zone);
        }

        /// <summary>Names separated by commas; blank items are skipped.</summary>
        public List<(string Name, int Position)> ParseNameList()
        {
            var names = new List<(string, int)>();
            while (true)
            {
                SkipWhiteSpace();
                if (AtEnd)
                {
                    return names;
                }

                if (!At(','))
                {
                    var position = _pos;
                    names.Add((ParseName(), position));
                    SkipWhiteSpace();
                    if (AtEnd)
                    {
                        return names;
                    }

                    if (!At(','))
                    {
                        throw Error($"expected ',' between column names, found {Describe(_pos)}", _pos);
                    }
                }

                _pos++;
            }
        }

        private readonly string Describe(int position) =>
            position >= _end ? "the end of the expression" : $"'{_text[position]}'";

        private readonly FugueSchemaException Error(string message, int position) => new(message, _text, position);
    }
}
