using System.Globalization;
using Fugue.Schemas;

namespace Fugue.Sql;

/// <summary>
/// The declared SQLite column types Fugue types are stored with, and the way back. SQLite keeps only five
/// storage classes (NULL, INTEGER, REAL, TEXT, BLOB) but remembers each table column's declared type, so
/// loading declares a type name that both gives the right affinity and names the Fugue type exactly; a
/// plain <c>SELECT *</c> then returns the original types.
/// </summary>
/// <remarks>
/// Storage: bool as INTEGER 0/1 (<c>BOOLEAN</c>); integers as INTEGER (<c>TINYINT</c>, <c>UTINYINT</c>,
/// <c>SMALLINT</c>, <c>USMALLINT</c>, <c>INT</c>, <c>UINT</c>, <c>BIGINT</c>, <c>UBIGINT</c>; ulong values
/// above <see cref="long.MaxValue"/> become REAL and lose precision); floats as REAL (<c>HALF_FLOAT</c>,
/// <c>FLOAT</c>, <c>DOUBLE</c>; NaN becomes NULL, as SQLite stores it); str as TEXT; bytes as BLOB;
/// date as TEXT <c>yyyy-MM-dd</c> (<c>DATE</c>); timestamps as TEXT <c>yyyy-MM-dd HH:mm:ss[.fffffff]</c>,
/// the UTC instant for zoned ones, so SQLite's date functions and text ordering work (<c>DATETIME</c> for
/// the naive microsecond type, <c>TIMESTAMP_S</c>/<c>_MS</c>/<c>_NS</c> for other units, a per-query
/// <c>TIMESTAMPTZ_n</c> for zoned types); decimals with NUMERIC affinity (<c>DECIMAL_p_s</c>): SQLite keeps
/// values of up to 15 significant digits as INTEGER/REAL (so SQL arithmetic on them is floating point) and
/// longer ones as exact TEXT; null as NULL (<c>NULLTYPE</c>). Nested types (lists, structs, maps) are not
/// supported by SQLite and are rejected with a <see cref="FugueSqlException"/>.
/// </remarks>
public static class SqliteTypes
{
    /// <summary>The declared column type for <paramref name="type"/>; zoned timestamps need a registry (see <see cref="SqliteTypeRegistry"/>).</summary>
    /// <exception cref="FugueSqlException">The type is nested, or a zoned timestamp without a registry.</exception>
    public static string ToDeclaredType(DataType type, SqliteTypeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type.Kind)
        {
            case TypeKind.Null: return "NULLTYPE";
            case TypeKind.Bool: return "BOOLEAN";
            case TypeKind.Int8: return "TINYINT";
            case TypeKind.UInt8: return "UTINYINT";
            case TypeKind.Int16: return "SMALLINT";
            case TypeKind.UInt16: return "USMALLINT";
            case TypeKind.Int32: return "INT";
            case TypeKind.UInt32: return "UINT";
            case TypeKind.Int64: return "BIGINT";
            case TypeKind.UInt64: return "UBIGINT";
            case TypeKind.Float16: return "HALF_FLOAT";
            case TypeKind.Float32: return "FLOAT";
            case TypeKind.Float64: return "DOUBLE";
            case TypeKind.String: return "TEXT";
            case TypeKind.Binary: return "BLOB";
            case TypeKind.Date: return "DATE";
            case TypeKind.Decimal:
                var d = (DecimalType)type;
                return string.Create(CultureInfo.InvariantCulture, $"DECIMAL_{d.Precision}_{d.Scale}");
            case TypeKind.Timestamp:
                var t = (TimestampType)type;
                if (t.TimeZone is not null)
                {
                    return registry?.Register(t)
                        ?? throw new FugueSqlException($"timestamp type {t} with a time zone needs a type registry to be stored in SQLite");
                }

                return t.Unit switch
                {
                    TimeUnit.Second => "TIMESTAMP_S",
                    TimeUnit.Millisecond => "TIMESTAMP_MS",
                    TimeUnit.Microsecond => "DATETIME",
                    _ => "TIMESTAMP_NS",
                };
            default:
                throw new FugueSqlException($"type {type} is not supported by SQLite: nested columns (lists, structs, maps) cannot be stored in a SQLite table");
        }
    }

    /// <summary>
    /// The Fugue type a declared column type stands for (case-insensitive; a <c>(...)</c> suffix is ignored), or
    /// null when it names none (then the type is inferred from the values). Besides the names above it
    /// understands common SQL names: <c>INTEGER</c>, <c>BOOL</c>, <c>REAL</c>, <c>VARCHAR</c>/<c>CHAR</c>/<c>CLOB</c>/<c>STRING</c>,
    /// <c>TIMESTAMP</c>, <c>DECIMAL</c>/<c>NUMERIC</c> (inferred).
    /// </summary>
    public static DataType? FromDeclaredType(string? declared, SqliteTypeRegistry? registry = null)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var name = declared.Trim();
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren].TrimEnd();
        }

        name = name.ToUpperInvariant();
        if (registry is not null && registry.TryGet(name, out var registered))
        {
            return registered;
        }

        switch (name)
        {
            case "NULLTYPE": return DataType.Null;
            case "BOOLEAN" or "BOOL": return DataType.Bool;
            case "TINYINT": return DataType.Int8;
            case "UTINYINT": return DataType.UInt8;
            case "SMALLINT": return DataType.Int16;
            case "USMALLINT": return DataType.UInt16;
            case "INT" or "INT4": return DataType.Int32;
            case "UINT": return DataType.UInt32;
            case "BIGINT" or "INTEGER" or "INT8" or "LONG": return DataType.Int64;
            case "UBIGINT": return DataType.UInt64;
            case "HALF_FLOAT": return DataType.Float16;
            case "FLOAT" or "FLOAT4": return DataType.Float32;
            case "DOUBLE" or "REAL" or "DOUBLE PRECISION" or "FLOAT8": return DataType.Float64;
            case "TEXT" or "VARCHAR" or "CHAR" or "CLOB" or "STRING" or "NVARCHAR" or "NCHAR": return DataType.String;
            case "BLOB" or "BYTES" or "BINARY" or "VARBINARY": return DataType.Binary;
            case "DATE": return DataType.Date;
            case "DATETIME" or "TIMESTAMP": return DataType.DateTime;
            case "TIMESTAMP_S": return DataType.Timestamp(TimeUnit.Second);
            case "TIMESTAMP_MS": return DataType.Timestamp(TimeUnit.Millisecond);
            case "TIMESTAMP_NS": return DataType.Timestamp(TimeUnit.Nanosecond);
        }

        if (name.StartsWith("DECIMAL_", StringComparison.Ordinal))
        {
            var parts = name.Split('_');
            if (parts.Length == 3
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                try
                {
                    return DataType.Decimal(p, s);
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
