using System.Text;

namespace Fugue.Partitioning;

/// <summary>
/// Parses presort expressions such as <c>"a desc, `b c` ASC, d"</c>: comma separated items, each a column
/// name (backtick-quoted when it has spaces, commas or backticks; a doubled backtick escapes one) and an
/// optional direction <c>asc</c>/<c>desc</c> (case-insensitive, default asc).
/// </summary>
internal static class PresortParser
{
    private readonly record struct Token(string Text, bool Quoted);

    /// <summary>Parses a whole presort expression; null or blank is an empty presort.</summary>
    public static PresortKey[] Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return [];
        }

        var keys = new List<PresortKey>();
        var tokens = new List<Token>(2);
        var pos = 0;
        while (true)
        {
            tokens.Clear();
            var itemStart = pos;
            pos = ReadItem(expression, pos, tokens);
            keys.Add(ToKey(expression, itemStart, tokens));
            if (pos >= expression.Length)
            {
                break;
            }

            pos++; // the comma
        }

        return CheckDuplicates(keys, expression);
    }

    /// <summary>Parses list items, each a single (optionally backtick-quoted) column name sorted ascending.</summary>
    public static PresortKey ParseNameItem(string item, string context)
    {
        var tokens = new List<Token>(1);
        var end = ReadItem(item, 0, tokens);
        if (end != item.Length || tokens.Count != 1)
        {
            throw new FuguePartitionSpecException(
                $"invalid presort item '{item}' in {context}: a list item must be a single column name (use a (name, ascending) pair for a direction)");
        }

        return new PresortKey(tokens[0].Text, true);
    }

    /// <summary>Rejects a repeated column name; returns the keys as an array.</summary>
    public static PresortKey[] CheckDuplicates(List<PresortKey> keys, string context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (!seen.Add(k.Name))
            {
                throw new FuguePartitionSpecException($"invalid presort expression '{context}': duplicated key '{k.Name}'");
            }
        }

        return keys.ToArray();
    }

    /// <summary>The name as written in a presort expression: quoted only when an unquoted token could not hold it.</summary>
    public static string QuoteName(string name)
    {
        var needs = name.Length == 0;
        foreach (var c in name)
        {
            if (c == '`' || c == ',' || char.IsWhiteSpace(c))
            {
                needs = true;
                break;
            }
        }

        return needs ? "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`" : name;
    }

    private static PresortKey ToKey(string expression, int itemStart, List<Token> tokens)
    {
        switch (tokens.Count)
        {
            case 0:
                throw Error(expression, itemStart, "empty item (expected a column name)");
            case 1:
                return new PresortKey(tokens[0].Text, true);
            case 2:
                var dir = tokens[1];
                if (!dir.Quoted && dir.Text.Equals("asc", StringComparison.OrdinalIgnoreCase))
                {
                    return new PresortKey(tokens[0].Text, true);
                }

                if (!dir.Quoted && dir.Text.Equals("desc", StringComparison.OrdinalIgnoreCase))
                {
                    return new PresortKey(tokens[0].Text, false);
                }

                throw Error(expression, itemStart, $"invalid direction '{dir.Text}' after '{tokens[0].Text}' (expected asc or desc)");
            default:
                throw Error(expression, itemStart,
                    $"too many words in item '{string.Join(" ", tokens.Select(t => t.Text))}' (expected 'name [asc|desc]'; quote names with spaces in backticks)");
        }
    }

    // Reads the tokens of one item, stopping at a top-level comma or the end; returns that position.
    private static int ReadItem(string s, int pos, List<Token> tokens)
    {
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == ',')
            {
                return pos;
            }

            if (char.IsWhiteSpace(c))
            {
                pos++;
                continue;
            }

            if (c == '`')
            {
                var sb = new StringBuilder();
                var i = pos + 1;
                while (true)
                {
                    if (i >= s.Length)
                    {
                        throw Error(s, pos, "unterminated backtick-quoted name");
                    }

                    if (s[i] == '`')
                    {
                        if (i + 1 < s.Length && s[i + 1] == '`')
                        {
                            sb.Append('`');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(s[i]);
                    i++;
                }

                if (i < s.Length && s[i] != ',' && !char.IsWhiteSpace(s[i]))
                {
                    throw Error(s, i, $"unexpected '{s[i]}' right after a quoted name");
                }

                tokens.Add(new Token(sb.ToString(), true));
                pos = i;
                continue;
            }

            var start = pos;
            while (pos < s.Length && s[pos] != ',' && !char.IsWhiteSpace(s[pos]))
            {
                if (s[pos] == '`')
                {
                    throw Error(s, pos, "a backtick inside an unquoted name (quote the whole name, doubling inner backticks)");
                }

                pos++;
            }

            tokens.Add(new Token(s.Substring(start, pos - start), false));
        }

        return pos;
    }

    private static FuguePartitionSpecException Error(string expression, int position, string reason) =>
        new($"invalid presort expression '{expression}' at position {position}: {reason}");
}
