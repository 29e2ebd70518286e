namespace Fugue.Sql;

/// <summary>
/// Which column names a SQL statement can refer to, found cheaply by scanning its tokens (not by parsing): every bare
/// or quoted identifier, compared case-insensitively as SQLite does. A column whose name never occurs in the text
/// cannot be read by the statement, so the SQL engines load only the named columns. The scan gives up (returns
/// null: load everything) on anything that reads columns without naming them: <c>*</c> as a select list or
/// <c>t.*</c>, <c>NATURAL</c> joins, and schema introspection (<c>pragma_*</c> functions, <c>sqlite_*</c> tables).
/// </summary>
internal static class SqlColumnPruning
{
    private static readonly HashSet<string> StarBefore = new(StringComparer.OrdinalIgnoreCase) { "select", "distinct", "all" };

    /// <summary>The identifiers of <paramref name="sql"/>, or null when columns may be read without being named.</summary>
    public static HashSet<string>? ReferencedNames(string sql)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? previousWord = null; // the previous token when it was a bare word
        var previous = '\0'; // the previous token's kind: 'w' word or quoted name, 'n' number, or the punctuation char
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }

            if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'');
                previous = 'n';
                previousWord = null;
                continue;
            }

            if (c is '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = SkipQuoted(sql, i, close);
                var inner = sql[(i + 1)..Math.Max(i + 1, end - 1)];
                names.Add(c == '[' ? inner : inner.Replace(new string(close, 2), new string(close, 1), StringComparison.Ordinal));
                i = end;
                previous = 'w';
                previousWord = null;
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c > 127)
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' || sql[i] > 127))
                {
                    i++;
                }

                var word = sql[start..i];
                if (word.Equals("natural", StringComparison.OrdinalIgnoreCase)
                    || word.StartsWith("pragma", StringComparison.OrdinalIgnoreCase)
                    || word.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                names.Add(word);
                previous = 'w';
                previousWord = word;
                continue;
            }

            if (char.IsDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsDigit(sql[i + 1])))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                previous = 'n';
                previousWord = null;
                continue;
            }

            if (c == '*')
            {
                // count(*) and multiplication are fine; a select-list star or t.* reads unnamed columns
                var star = previous is '\0' or ',' or '.' or ';' || (previousWord is not null && StarBefore.Contains(previousWord));
                if (star)
                {
                    return null;
                }
            }

            previous = c;
            previousWord = null;
            i++;
        }

        return names;
    }

    /// <summary>The index just past the quoted token starting at <paramref name="start"/> (a doubled closing quote is an escape).</summary>
    private static int SkipQuoted(string sql, int start, char close)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }
}
