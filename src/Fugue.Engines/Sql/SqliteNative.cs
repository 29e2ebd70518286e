using SQLitePCL;

namespace Fugue.Sql;

/// <summary>Thin checked wrappers over the raw SQLite API (statements run on the connection's handle).</summary>
internal static class SqliteNative
{
    /// <summary>Runs a statement without results.</summary>
    public static void Execute(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(db, rc, sql);
        }
    }

    /// <summary>Prepares one statement; text after it other than whitespace, semicolons and comments is an error (it would be ignored silently).</summary>
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            throw Error(db, rc, sql);
        }

        if (stmt is null || stmt.IsInvalid)
        {
            throw new FugueSqlException("SQLite error: the statement is empty", sql);
        }

        if (!string.IsNullOrWhiteSpace(tail) && !IsOnlyComments(tail))
        {
            stmt.Dispose();
            throw new FugueSqlException("only one SQL statement can be run at a time; found more text after the first statement", sql);
        }

        return stmt;
    }

    private static bool IsOnlyComments(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == ';')
            {
                i++;
            }
            else if (text.AsSpan(i).StartsWith("--", StringComparison.Ordinal))
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (text.AsSpan(i).StartsWith("/*", StringComparison.Ordinal))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The exception for a failed call: SQLite's message and error code, plus the statement.</summary>
    public static FugueSqlException Error(sqlite3 db, int rc, string sql)
    {
        var message = raw.sqlite3_errmsg(db).utf8_to_string();
        var name = raw.sqlite3_errstr(rc).utf8_to_string();
        return new FugueSqlException($"SQLite error {rc} ({name}): {message}", sql);
    }
}
