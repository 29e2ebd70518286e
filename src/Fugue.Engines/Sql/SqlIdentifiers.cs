using System.Text;

namespace Fugue.Sql;

/// <summary>Quoting of SQL identifiers (table and column names) the standard way, so any name works.</summary>
public static class SqlIdentifiers
{
    /// <summary>
    /// The name in double quotes with embedded double quotes doubled (SQL standard; SQLite, DuckDB and
    /// PostgreSQL accept it). Spaces, backticks and non-ASCII characters need nothing else.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or contains a NUL character (no SQL engine accepts it).</exception>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("an SQL identifier cannot be empty", nameof(name));
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"SQL identifier '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character", nameof(name));
        }

        var sb = new StringBuilder(name.Length + 2);
        sb.Append('"');
        foreach (var c in name)
        {
            if (c == '"')
            {
                sb.Append('"');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }
}
