using System.Globalization;

namespace Fugue.Partitioning;

/// <summary>
/// A parsed <c>num_partitions</c> expression such as <c>"(ROWCOUNT+4)/3"</c> or <c>"min(ROWCOUNT,CONCURRENCY)"</c>.
/// Supports integer and decimal literals, variables (identifiers), unary <c>+ -</c>, binary <c>+ - * / // %</c>
/// with Python's meaning (<c>/</c> is true division, <c>//</c> floors, <c>%</c> takes the divisor's sign),
/// parentheses and <c>min(...)</c>/<c>max(...)</c>. The result is truncated toward zero, like Fugue's
/// <c>int(eval(expr))</c>. Hand-written recursive descent: no reflection, no dynamic code.
/// </summary>
public sealed class NumPartitionsExpression
{
    private readonly Node _root;
    private readonly string[] _variables;

    private NumPartitionsExpression(string text, Node root, string[] variables)
    {
        Text = text;
        _root = root;
        _variables = variables;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>The distinct variable names the expression uses, in order of first appearance.</summary>
    public IReadOnlyList<string> Variables => _variables;

    /// <summary>True when the expression uses <paramref name="name"/> (ordinal).</summary>
    public bool Uses(string name) => Array.IndexOf(_variables, name) >= 0;

    /// <summary>Parses an expression.</summary>
    /// <exception cref="FuguePartitionSpecException">The expression is malformed; the message gives the position.</exception>
    public static NumPartitionsExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var root = parser.ParseAll();
        return new NumPartitionsExpression(text, root, parser.Variables.ToArray());
    }

    /// <summary>
    /// Evaluates the expression. Each variable's thunk is called only if the expression uses it, and at most once.
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">
    /// A variable is not provided, a division by zero, an overflow, or a result outside the <see cref="int"/> range.
    /// </exception>
    public int Evaluate(IReadOnlyDictionary<string, Func<long>>? variables = null)
    {
        var ctx = new Context(this, variables);
        var v = _root.Eval(ctx);
        double d = v.IsInt ? v.I : v.D;
        if (!v.IsInt && (double.IsNaN(d) || double.IsInfinity(d)))
        {
            throw new FuguePartitionSpecException($"num_partitions expression '{Text}' evaluated to {d.ToString(CultureInfo.InvariantCulture)}, not a number of partitions");
        }

        var truncated = v.IsInt ? v.I : Math.Truncate(d);
        if (truncated < int.MinValue || truncated > int.MaxValue)
        {
            throw new FuguePartitionSpecException($"num_partitions expression '{Text}' evaluated to {truncated.ToString(CultureInfo.InvariantCulture)}, outside the Int32 range");
        }

        return (int)truncated;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private readonly struct Num
    {
        public Num(long i)
        {
            IsInt = true;
            I = i;
            D = 0;
        }

        public Num(double d)
        {
            IsInt = false;
            I = 0;
            D = d;
        }

        public bool IsInt { get; }

        public long I { get; }

        public double D { get; }

        public double AsDouble => IsInt ? I : D;
    }

    private sealed class Context(NumPartitionsExpression expr, IReadOnlyDictionary<string, Func<long>>? variables)
    {
        private readonly long?[] _cache = new long?[expr._variables.Length];

        public string Text => expr.Text;

        public long Get(int slot)
        {
            if (_cache[slot] is { } cached)
            {
                return cached;
            }

            var name = expr._variables[slot];
            if (variables is null || !variables.TryGetValue(name, out var thunk) || thunk is null)
            {
                var available = variables is null || variables.Count == 0 ? "(none)" : string.Join(", ", variables.Keys);
                throw new FuguePartitionSpecException(
                    $"num_partitions expression '{expr.Text}' uses variable '{name}' which is not provided; available: {available}");
            }

            var value = thunk();
            _cache[slot] = value;
            return value;
        }
    }

    private abstract class Node
    {
        public abstract Num Eval(Context ctx);
    }

    private sealed class Literal(Num value) : Node
    {
        public override Num Eval(Context ctx) => value;
    }

    private sealed class Variable(int slot) : Node
    {
        public override Num Eval(Context ctx) => new(ctx.Get(slot));
    }

    private sealed class Negate(Node operand) : Node
    {
        public override Num Eval(Context ctx)
        {
            var v = operand.Eval(ctx);
            if (!v.IsInt)
            {
                return new Num(-v.D);
            }

            return v.I == long.MinValue ? Overflow(ctx) : new Num(-v.I);
        }
    }

    private sealed class Call(bool isMax, Node[] args) : Node
    {
        public override Num Eval(Context ctx)
        {
            var best = args[0].Eval(ctx);
            for (var i = 1; i < args.Length; i++)
            {
                var v = args[i].Eval(ctx);
                var cmp = v.IsInt && best.IsInt ? v.I.CompareTo(best.I) : v.AsDouble.CompareTo(best.AsDouble);
                if (isMax ? cmp > 0 : cmp < 0)
                {
                    best = v;
                }
            }

            return best;
        }
    }

    private sealed class Binary(char op, bool floorDiv, Node left, Node right) : Node
    {
        public override Num Eval(Context ctx)
        {
            var a = left.Eval(ctx);
            var b = right.Eval(ctx);
            try
            {
                return op switch
                {
                    '+' => a.IsInt && b.IsInt ? new Num(checked(a.I + b.I)) : new Num(a.AsDouble + b.AsDouble),
                    '-' => a.IsInt && b.IsInt ? new Num(checked(a.I - b.I)) : new Num(a.AsDouble - b.AsDouble),
                    '*' => a.IsInt && b.IsInt ? new Num(checked(a.I * b.I)) : new Num(a.AsDouble * b.AsDouble),
                    '/' when floorDiv => FloorDivide(ctx, a, b),
                    '/' => b.AsDouble == 0 ? DivideByZero(ctx) : new Num(a.AsDouble / b.AsDouble),
                    _ => Modulo(ctx, a, b),
                };
            }
            catch (OverflowException)
            {
                return Overflow(ctx);
            }
        }

        private static Num FloorDivide(Context ctx, Num a, Num b)
        {
            if (b.AsDouble == 0)
            {
                return DivideByZero(ctx);
            }

            if (a.IsInt && b.IsInt)
            {
                var q = a.I / b.I;
                if ((a.I % b.I != 0) && ((a.I < 0) != (b.I < 0)))
                {
                    q--;
                }

                return new Num(q);
            }

            return new Num(Math.Floor(a.AsDouble / b.AsDouble));
        }

        private static Num Modulo(Context ctx, Num a, Num b)
        {
            if (b.AsDouble == 0)
            {
                return DivideByZero(ctx);
            }

            if (a.IsInt && b.IsInt)
            {
                var r = a.I % b.I;
                return new Num(r != 0 && ((r < 0) != (b.I < 0)) ? r + b.I : r);
            }

            var x = a.AsDouble;
            var y = b.AsDouble;
            return new Num(x - (y * Math.Floor(x / y)));
        }
    }

    private static Num Overflow(Context ctx) =>
        throw new FuguePartitionSpecException($"num_partitions expression '{ctx.Text}' overflows a 64-bit integer");

    private static Num DivideByZero(Context ctx) =>
        throw new FuguePartitionSpecException($"num_partitions expression '{ctx.Text}' divides by zero");

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<string> Variables { get; } = [];

        public Node ParseAll()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("empty expression (expected a number or an expression such as ROWCOUNT/4)");
            }

            var node = ParseSum();
            SkipSpace();
            if (_pos < text.Length)
            {
                throw Error($"unexpected '{text[_pos]}'");
            }

            return node;
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (_pos < text.Length && (text[_pos] == '+' || text[_pos] == '-'))
                {
                    var op = text[_pos++];
                    left = new Binary(op, false, left, ParseProduct());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseProduct()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpace();
                if (_pos >= text.Length)
                {
                    return left;
                }

                var c = text[_pos];
                if (c == '*' || c == '%')
                {
                    _pos++;
                    if (c == '*' && _pos < text.Length && text[_pos] == '*')
                    {
                        throw Error("'**' (power) is not supported");
                    }

                    left = new Binary(c, false, left, ParseUnary());
                }
                else if (c == '/')
                {
                    _pos++;
                    var floor = _pos < text.Length && text[_pos] == '/';
                    if (floor)
                    {
                        _pos++;
                    }

                    left = new Binary('/', floor, left, ParseUnary());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseUnary()
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
                return new Negate(ParseUnary());
            }

            if (_pos < text.Length && text[_pos] == '+')
            {
                _pos++;
                return ParseUnary();
            }

            return ParsePrimary();
        }

        private Node ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("unexpected end (expected a number, a variable, a function call or '(')");
            }

            var c = text[_pos];
            if (c == '(')
            {
                _pos++;
                var inner = ParseSum();
                Expect(')');
                return inner;
            }

            if (char.IsAsciiDigit(c) || c == '.')
            {
                return ParseNumber();
            }

            if (c == '_' || char.IsAsciiLetter(c))
            {
                var start = _pos;
                while (_pos < text.Length && (text[_pos] == '_' || char.IsAsciiLetterOrDigit(text[_pos])))
                {
                    _pos++;
                }

                var name = text.Substring(start, _pos - start);
                SkipSpace();
                if (_pos < text.Length && text[_pos] == '(')
                {
                    return ParseCall(name, start);
                }

                var slot = Variables.IndexOf(name);
                if (slot < 0)
                {
                    slot = Variables.Count;
                    Variables.Add(name);
                }

                return new Variable(slot);
            }

            throw Error($"unexpected '{c}' (expected a number, a variable, a function call or '(')");
        }

        private Node ParseCall(string name, int start)
        {
            bool isMax;
            if (name.Equals("max", StringComparison.OrdinalIgnoreCase))
            {
                isMax = true;
            }
            else if (name.Equals("min", StringComparison.OrdinalIgnoreCase))
            {
                isMax = false;
            }
            else
            {
                _pos = start;
                throw Error($"unknown function '{name}' (only min and max are supported)");
            }

            _pos++; // '('
            var args = new List<Node> { ParseSum() };
            SkipSpace();
            while (_pos < text.Length && text[_pos] == ',')
            {
                _pos++;
                args.Add(ParseSum());
                SkipSpace();
            }

            Expect(')');
            return new Call(isMax, args.ToArray());
        }

        private Node ParseNumber()
        {
            var start = _pos;
            var dot = false;
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || (text[_pos] == '.' && !dot)))
            {
                dot |= text[_pos] == '.';
                _pos++;
            }

            var s = text.AsSpan(start, _pos - start);
            if (_pos < text.Length && (char.IsAsciiLetter(text[_pos]) || text[_pos] == '_' || text[_pos] == '.'))
            {
                throw Error($"malformed number '{text.Substring(start, _pos - start + 1)}'");
            }

            if (!dot)
            {
                if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                {
                    _pos = start;
                    throw Error($"integer literal '{s}' is too large");
                }

                return new Literal(new Num(i));
            }

            if (s.Length == 1 || !double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            {
                _pos = start;
                throw Error($"malformed number '{s}'");
            }

            return new Literal(new Num(d));
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error($"unexpected end (expected '{c}')");
            }

            if (text[_pos] != c)
            {
                throw Error($"unexpected '{text[_pos]}' (expected '{c}')");
            }

            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private FuguePartitionSpecException Error(string reason) =>
            new($"invalid num_partitions expression '{text}' at position {_pos}: {reason}");
    }
}
