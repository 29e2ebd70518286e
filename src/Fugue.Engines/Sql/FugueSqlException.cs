namespace Fugue.Sql;

/// <summary>A SQL statement failed: carries the engine's message and the statement text so the failing query is visible.</summary>
public sealed class FugueSqlException : Exception
{
    /// <summary>Creates the exception for a failed <paramref name="query"/> (null when the failure is not tied to one statement).</summary>
    public FugueSqlException(string message, string? query = null, Exception? innerException = null)
        : base(query is null ? message : message + Environment.NewLine + "SQL: " + query, innerException)
    {
        Query = query;
        EngineMessage = message;
    }

    /// <summary>The statement that failed, or null.</summary>
    public string? Query { get; }

    /// <summary>The message without the query text (SQLite's own message for SQLite errors).</summary>
    public string EngineMessage { get; }
}
