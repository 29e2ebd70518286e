using System;
using System.Collections.Generic;
using System.Linq;
using Fugue.Generators.Schemas;

namespace Fugue.Generators.Rules;

/// <summary>
/// Syntax of validation rule strings, mirroring the runtime: comma-separated keys or columns (commas inside
/// brackets or backticks do not split) and presort expressions (<c>a desc, `b c` asc</c>).
/// </summary>
internal static class RuleSyntax
{
    /// <summary>Partition keys: non-empty, distinct.</summary>
    public static List<string> Keys(string text)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, position) in Split(text))
        {
            var name = Unquote(item);
            if (!seen.Add(name))
            {
                throw new SchemaSyntaxException(position, "key '" + name + "' is listed twice");
            }

            result.Add(name);
        }

        return result;
    }

    /// <summary>Columns: a name, or <c>name:type</c> (the type is parsed).</summary>
    public static List<string> Columns(string text)
    {
        var result = new List<string>();
        foreach (var (item, position) in Split(text))
        {
            if (item.IndexOf(':') >= 0)
            {
                SchemaExpressionParser.Parse(item, position);
            }

            result.Add(item);
        }

        return result;
    }

    /// <summary>A presort: <c>name [asc|desc]</c> items (case-insensitive), names plain or backtick-quoted, distinct.</summary>
    public static List<KeyValuePair<string, bool>> Presort(string text)
    {
        var result = new List<KeyValuePair<string, bool>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, position) in Split(text))
        {
            string name;
            string rest;
            if (item[0] == '`')
            {
                var close = ClosingQuote(item);
                if (close < 0)
                {
                    throw new SchemaSyntaxException(position, "unclosed backtick in '" + item + "'");
                }

                name = item.Substring(1, close - 1).Replace("``", "`");
                rest = item.Substring(close + 1).Trim();
            }
            else
            {
                var space = item.IndexOf(' ');
                name = space < 0 ? item : item.Substring(0, space);
                rest = space < 0 ? string.Empty : item.Substring(space + 1).Trim();
            }

            bool ascending;
            if (rest.Length == 0 || string.Equals(rest, "asc", StringComparison.OrdinalIgnoreCase))
            {
                ascending = true;
            }
            else if (string.Equals(rest, "desc", StringComparison.OrdinalIgnoreCase))
            {
                ascending = false;
            }
            else
            {
                throw new SchemaSyntaxException(position, "'" + item + "' is not 'name', 'name asc' or 'name desc' (quote names with spaces in backticks)");
            }

            if (!seen.Add(name))
            {
                throw new SchemaSyntaxException(position, "presort key '" + name + "' is listed twice");
            }

            result.Add(new KeyValuePair<string, bool>(name, ascending));
        }

        return result;
    }

    /// <summary>The normalised presort text (<c>a ASC,b DESC</c>) for messages and comparisons.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, bool>> presort) =>
        string.Join(",", presort.Select(p => (SchemaNames.IsPlainName(p.Key) ? p.Key : "`" + p.Key.Replace("`", "``") + "`") + (p.Value ? " ASC" : " DESC")));

    private static string Unquote(string item) =>
        item.Length > 1 && item[0] == '`' && item[item.Length - 1] == '`' ? item.Substring(1, item.Length - 2).Replace("``", "`") : item;

    private static int ClosingQuote(string item)
    {
        for (var i = 1; i < item.Length; i++)
        {
            if (item[i] == '`')
            {
                if (i + 1 < item.Length && item[i + 1] == '`')
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>Top-level comma-separated items, trimmed, with their positions; an empty item is an error.</summary>
    private static List<(string Item, int Position)> Split(string text)
    {
        var items = new List<(string, int)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SchemaSyntaxException(0, "the rule is empty");
        }

        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c == '`')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '[' || c == '{' || c == '<' || c == '('))
            {
                depth++;
            }
            else if (!quoted && (c == ']' || c == '}' || c == '>' || c == ')'))
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                var raw = text.Substring(start, i - start);
                var item = raw.Trim();
                if (item.Length == 0)
                {
                    throw new SchemaSyntaxException(start, "empty item");
                }

                items.Add((item, start + raw.IndexOf(item[0])));
                start = i + 1;
            }
        }

        if (quoted)
        {
            throw new SchemaSyntaxException(text.Length, "unclosed backtick");
        }

        return items;
    }
}
