using System.Globalization;
using System.Text;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;
using SQLitePCL;

namespace Fugue.Sql;

/// <summary>
/// Loads frames into SQLite tables: one <c>CREATE TABLE</c> with declared types (<see cref="SqliteTypes"/>),
/// then one prepared <c>INSERT</c> reused for every row, values bound straight from the columnar batches
/// (strings and bytes as spans of the column's buffers, numbers unboxed).
/// </summary>
internal static class SqliteTableLoader
{
    private const int CancellationCheckRows = 4096;

    /// <summary>
    /// Creates table <paramref name="table"/> and fills it with <paramref name="df"/>'s rows (the caller holds the
    /// transaction); only the named <paramref name="columns"/> (in the frame's order) when given.
    /// </summary>
    public static void Load(sqlite3 db, string table, DataFrame df, SqliteTypeRegistry registry, CancellationToken cancellationToken, IReadOnlyList<string>? columns = null)
    {
        var schema = columns is null ? df.Schema : df.Schema.Extract(columns);
        if (schema.Count == 0)
        {
            throw new FugueSqlException($"frame '{table}' has no columns and cannot be a SQLite table");
        }

        var create = new StringBuilder("CREATE TABLE ").Append(SqlIdentifiers.Quote(table)).Append(" (");
        var insert = new StringBuilder("INSERT INTO ").Append(SqlIdentifiers.Quote(table)).Append(" VALUES (");
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            string declared;
            try
            {
                declared = SqliteTypes.ToDeclaredType(field.Type, registry);
            }
            catch (FugueSqlException e)
            {
                throw new FugueSqlException($"column '{field.Name}' of table '{table}': {e.EngineMessage}", null, e);
            }

            if (i > 0)
            {
                create.Append(", ");
                insert.Append(", ");
            }

            create.Append(SqlIdentifiers.Quote(field.Name)).Append(' ').Append(declared);
            insert.Append('?');
        }

        SqliteNative.Execute(db, create.Append(')').ToString());
        var stmt = SqliteNative.Prepare(db, insert.Append(')').ToString());
        try
        {
            var rows = 0;
            foreach (var batch in df.AsBatches())
            {
                InsertBatch(db, stmt, columns is null ? batch : batch.SelectColumns(columns), ref rows, cancellationToken);
            }
        }
        finally
        {
            stmt.Dispose();
        }
    }

    private static void InsertBatch(sqlite3 db, sqlite3_stmt stmt, RecordBatch batch, ref int rows, CancellationToken cancellationToken)
    {
        var columns = batch.Columns;
        Span<byte> text = stackalloc byte[64];
        for (var r = 0; r < batch.Length; r++)
        {
            if (++rows % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < columns.Count; c++)
            {
                Bind(stmt, c + 1, columns[c], r, text);
            }

            var rc = raw.sqlite3_step(stmt);
            if (rc != raw.SQLITE_DONE)
            {
                throw SqliteNative.Error(db, rc, "INSERT");
            }

            raw.sqlite3_reset(stmt);
        }
    }

    private static void Bind(sqlite3_stmt stmt, int index, Column column, int row, Span<byte> text)
    {
        if (column.IsNull(row))
        {
            raw.sqlite3_bind_null(stmt, index);
            return;
        }

        switch (column)
        {
            case BooleanColumn b:
                raw.sqlite3_bind_int64(stmt, index, b.GetBoolean(row) ? 1 : 0);
                break;
            case PrimitiveColumn<sbyte> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<byte> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<short> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<ushort> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<int> v when v.Type.Kind == TypeKind.Date:
                var date = TemporalConversions.ToDateOnly(v[row]);
                date.TryFormat(text, out var dateLength, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                raw.sqlite3_bind_text(stmt, index, text[..dateLength]);
                break;
            case PrimitiveColumn<int> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<uint> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<long> v when v.Type is TimestampType ts:
                var dt = TemporalConversions.ToDateTime(v[row], ts);
                raw.sqlite3_bind_text(stmt, index, text[..SqliteText.FormatDateTime(dt, text)]);
                break;
            case PrimitiveColumn<long> v:
                raw.sqlite3_bind_int64(stmt, index, v[row]);
                break;
            case PrimitiveColumn<ulong> v:
                var u = v[row];
                if (u <= long.MaxValue)
                {
                    raw.sqlite3_bind_int64(stmt, index, (long)u);
                }
                else
                {
                    raw.sqlite3_bind_double(stmt, index, u);
                }

                break;
            case PrimitiveColumn<Half> v:
                raw.sqlite3_bind_double(stmt, index, (double)v[row]);
                break;
            case PrimitiveColumn<float> v:
                raw.sqlite3_bind_double(stmt, index, v[row]);
                break;
            case PrimitiveColumn<double> v:
                raw.sqlite3_bind_double(stmt, index, v[row]);
                break;
            case StringColumn s:
                raw.sqlite3_bind_text(stmt, index, s.GetBytes(row));
                break;
            case BinaryColumn bin:
                raw.sqlite3_bind_blob(stmt, index, bin.GetBytes(row));
                break;
            case DecimalColumn dec:
                var d = dec.GetDecimal(row);
                d.TryFormat(text, out var decLength, default, CultureInfo.InvariantCulture);
                raw.sqlite3_bind_text(stmt, index, text[..decLength]);
                break;
            case NullColumn:
                raw.sqlite3_bind_null(stmt, index);
                break;
            default:
                throw new FugueSqlException($"column of type {column.Type} cannot be stored in SQLite");
        }
    }
}
