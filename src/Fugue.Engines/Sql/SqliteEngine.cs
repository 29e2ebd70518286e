using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Schemas;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fugue.Sql;

/// <summary>
/// A SQL engine over an in-memory SQLite database, usable with any execution engine. Each
/// <see cref="Select"/> creates a private database, loads the frames (keys are the table names) in one
/// transaction with a prepared insert, runs the statement and returns the rows as a frame of the engine.
/// </summary>
/// <remarks>
/// Identifiers are quoted, so any table or column name works (spaces, quotes, backticks, non-ASCII); in the
/// query text, quote such names yourself with double quotes. SQLite compares names case-insensitively, so two
/// tables (or two columns of a table) differing only in case are rejected by SQLite. Types survive a round trip
/// through the declared column types described in <see cref="SqliteTypes"/>: a plain <c>SELECT *</c> returns
/// the input types (nested types are not supported). Result columns that are expressions have no declared
/// type and take the type of their values: integer -> long, real (or integers mixed with reals) -> double,
/// text (also mixed with numbers) -> str, blob -> bytes, only nulls (or no rows) -> null; booleans computed
/// by SQLite (comparisons) are integers 0/1 and come back as long.
/// </remarks>
public sealed class SqliteEngine : SqlEngine
{
    /// <summary>Creates the engine for <paramref name="engine"/> (any engine kind).</summary>
    public SqliteEngine(ExecutionEngine engine) : base(engine)
    {
    }

    /// <inheritdoc />
    public override string Dialect => "sqlite";

    /// <inheritdoc />
    /// <exception cref="FugueSqlException">SQLite rejected a statement (the message has SQLite's text and the query), a frame cannot be stored, or the result has duplicate column names.</exception>
    public override DataFrame Select(DataFrames dfs, string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        ArgumentNullException.ThrowIfNull(sql);
        cancellationToken.ThrowIfCancellationRequested();
        var result = Run(dfs.Items(), sql, cancellationToken);
        return ToDf(result);
    }

    /// <summary>Runs <paramref name="sql"/> over the named frames and returns a columnar frame (the engine-independent core of <see cref="Select"/>).</summary>
    internal static ColumnarDataFrame Run(IEnumerable<KeyValuePair<string, DataFrame>> tables, string sql, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        RegisterFunctions(connection);
        var db = connection.Handle ?? throw new FugueSqlException("SQLite connection has no handle");
        var registry = new SqliteTypeRegistry();
        using (cancellationToken.Register(static state => raw.sqlite3_interrupt((sqlite3)state!), db))
        {
            // a private throwaway database: no rollback journal needed
            SqliteNative.Execute(db, "PRAGMA journal_mode = OFF");
            SqliteNative.Execute(db, "BEGIN");
            var referenced = SqlColumnPruning.ReferencedNames(sql);
            foreach (var (name, df) in tables)
            {
                SqliteTableLoader.Load(db, name, df, registry, cancellationToken, LoadedColumns(df.Schema, referenced));
            }

            SqliteNative.Execute(db, "COMMIT");
            try
            {
                return Query(db, sql, registry, cancellationToken);
            }
            catch (FugueSqlException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <summary>
    /// The columns of a frame worth loading: those whose names the statement mentions (<see cref="SqlColumnPruning"/>),
    /// at least one (the row count matters to <c>count(*)</c>), or null for all of them.
    /// </summary>
    private static List<string>? LoadedColumns(Schema schema, HashSet<string>? referenced)
    {
        if (referenced is null || schema.Count == 0)
        {
            return null;
        }

        var keep = schema.Names.Where(referenced.Contains).ToList();
        if (keep.Count == schema.Count)
        {
            return null;
        }

        if (keep.Count == 0)
        {
            // none named: keep one column, preferably a fixed-width one (cheapest to insert)
            keep.Add((schema.Fields.FirstOrDefault(f => f.Type.IsFixedWidth) ?? schema[0]).Name);
        }

        return keep;
    }

    /// <summary>
    /// Adds <c>FUGUE_FIRST(x)</c> and <c>FUGUE_LAST(x)</c>, the first and last value (nulls included) of a group in the
    /// order SQLite feeds the rows (SQLite has no FIRST/LAST aggregates).
    /// </summary>
    private static void RegisterFunctions(SqliteConnection connection)
    {
        connection.CreateAggregate<object?, FirstLastState, object?>(
            "FUGUE_FIRST",
            default,
            static (state, value) => state.Seen ? state : new FirstLastState(true, value is DBNull ? null : value),
            static state => state.Value,
            isDeterministic: false);
        connection.CreateAggregate<object?, FirstLastState, object?>(
            "FUGUE_LAST",
            default,
            static (state, value) => new FirstLastState(true, value is DBNull ? null : value),
            static state => state.Value,
            isDeterministic: false);
    }

    private readonly record struct FirstLastState(bool Seen, object? Value);

    private static ColumnarDataFrame Query(sqlite3 db, string sql, SqliteTypeRegistry registry, CancellationToken cancellationToken)
    {
        using var stmt = SqliteNative.Prepare(db, sql);
        var count = raw.sqlite3_column_count(stmt);
        if (count == 0)
        {
            throw new FugueSqlException("the statement returns no columns: only queries (SELECT, WITH, VALUES) can be selected", sql);
        }

        var columns = new SqliteResultColumn[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = new SqliteResultColumn(
                raw.sqlite3_column_name(stmt, i).utf8_to_string() ?? string.Empty,
                raw.sqlite3_column_decltype(stmt, i).utf8_to_string());
        }

        var rows = 0;
        while (true)
        {
            var rc = raw.sqlite3_step(stmt);
            if (rc == raw.SQLITE_DONE)
            {
                break;
            }

            if (rc != raw.SQLITE_ROW)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw SqliteNative.Error(db, rc, sql);
            }

            if ((++rows & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < count; i++)
            {
                columns[i].Read(stmt, i);
            }
        }

        var built = new Column[count];
        var fields = new Field[count];
        for (var i = 0; i < count; i++)
        {
            try
            {
                built[i] = columns[i].Build(registry);
            }
            catch (FugueSqlException e)
            {
                throw new FugueSqlException(e.EngineMessage, sql, e);
            }

            fields[i] = new Field(columns[i].Name, built[i].Type);
        }

        Schema schema;
        try
        {
            schema = new Schema(fields);
        }
        catch (Exception e) when (e is FugueSchemaException or ArgumentException)
        {
            throw new FugueSqlException($"the result columns ({string.Join(", ", fields.Select(f => f.Name))}) do not form a valid schema: {e.Message}", sql, e);
        }

        var batch = new RecordBatch(schema, built, rows);
        return new ColumnarDataFrame(schema, Split(batch));
    }

    private static IEnumerable<RecordBatch> Split(RecordBatch batch)
    {
        const int size = 16384;
        if (batch.Length <= size)
        {
            return [batch];
        }

        var list = new List<RecordBatch>();
        for (var offset = 0; offset < batch.Length; offset += size)
        {
            list.Add(batch.Slice(offset, Math.Min(size, batch.Length - offset)));
        }

        return list;
    }
}
