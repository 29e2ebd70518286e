using System.Globalization;
using System.Text;
using Fugue.Expressions;
using Fugue.Schemas;

namespace Fugue.Sql;

/// <summary>
/// Writes column expressions and selects as SQL text for a dialect (Fugue's <c>SQLExpressionGenerator</c>). Every
/// identifier is double-quoted. <c>sqlite</c> gets its own spellings (casts to SQLite storage classes, dates and
/// timestamps as the text <see cref="SqliteEngine"/> stores, <c>FUGUE_FIRST</c>/<c>FUGUE_LAST</c> aggregates);
/// other dialects get Spark/DuckDB type names and <c>FIRST</c>/<c>LAST</c>. Division is always true division
/// (the dividend is cast to a floating type), matching the native evaluator.
/// </summary>
public sealed class SqlExpressionGenerator
{
    /// <summary>Creates the generator for <paramref name="dialect"/> (for example <c>sqlite</c>, <c>duckdb</c>, <c>spark</c>).</summary>
    public SqlExpressionGenerator(string dialect)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialect);
        Dialect = dialect;
        IsSqlite = string.Equals(dialect, "sqlite", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The dialect name.</summary>
    public string Dialect { get; }

    private bool IsSqlite { get; }

    /// <summary>
    /// <c>SELECT [DISTINCT] expr AS "name", ... FROM table [WHERE ...] [GROUP BY keys] [HAVING ...]</c>: the wildcard is
    /// expanded over <paramref name="schema"/>, non-aggregated non-literal columns next to aggregations become the
    /// GROUP BY (whose NULL group SQL keeps). With <paramref name="outputCasts"/> false the casts of the output columns
    /// themselves are left out (the caller converts the values, so every engine casts the same way); inner casts stay.
    /// </summary>
    /// <exception cref="FugueExpressionException"><paramref name="where"/> holds an aggregation, or an expression cannot be written as SQL.</exception>
    public string Select(SelectColumns columns, string table, Schema schema, ColumnExpr? where = null, ColumnExpr? having = null, bool outputCasts = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        if (where is not null && where.IsAggregation)
        {
            throw new FugueExpressionException($"WHERE cannot contain aggregations: {where}");
        }

        var expanded = columns.ReplaceWildcard(schema);
        var sb = new StringBuilder("SELECT ");
        if (expanded.IsDistinct)
        {
            sb.Append("DISTINCT ");
        }

        for (var i = 0; i < expanded.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var c = expanded[i];
            sb.Append(outputCasts ? Generate(c) : GenerateBody(c)).Append(" AS ").Append(SqlIdentifiers.Quote(c.Name));
        }

        sb.Append(" FROM ").Append(SqlIdentifiers.Quote(table));
        if (where is not null)
        {
            sb.Append(" WHERE ").Append(Generate(where));
        }

        if (expanded.GroupKeys.Count > 0)
        {
            sb.Append(" GROUP BY ").AppendJoin(", ", expanded.GroupKeys.Select(GenerateBody));
        }

        if (having is not null)
        {
            sb.Append(" HAVING ").Append(Generate(having));
        }

        return sb.ToString();
    }

    /// <summary>The SQL text of an expression with its cast (an alias is not written: aliases belong to select lists).</summary>
    public string Generate(ColumnExpr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var body = GenerateBody(expr);
        return expr.AsType is null ? body : CastText(body, expr.AsType);
    }

    /// <summary>The SQL text of an expression without its own cast.</summary>
    public string GenerateBody(ColumnExpr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return expr switch
        {
            ColumnRefExpr c => c.IsWildcard ? "*" : SqlIdentifiers.Quote(c.Column),
            LiteralExpr l => Literal(l.Value),
            UnaryExpr u => u.Operator switch
            {
                UnaryOperator.Negate => $"(-{Generate(u.Operand)})",
                UnaryOperator.Not => $"(NOT {Generate(u.Operand)})",
                UnaryOperator.IsNull => $"({Generate(u.Operand)} IS NULL)",
                _ => $"({Generate(u.Operand)} IS NOT NULL)",
            },
            BinaryExpr { Operator: BinaryOperator.Divide } b =>
                $"({CastText(Generate(b.Left), DataType.Float64)} / {Generate(b.Right)})",
            BinaryExpr b => $"({Generate(b.Left)} {b.OperatorText} {Generate(b.Right)})",
            AggregateExpr a => Aggregate(a),
            _ => throw new FugueExpressionException($"cannot write {expr.GetType().Name} as SQL"),
        };
    }

    private string Aggregate(AggregateExpr a)
    {
        var arg = a.Argument.IsWildcard ? "*" : Generate(a.Argument);
        return a.Function switch
        {
            AggregateFunction.Sum => $"SUM({arg})",
            AggregateFunction.Min => $"MIN({arg})",
            AggregateFunction.Max => $"MAX({arg})",
            AggregateFunction.Avg => $"AVG({arg})",
            AggregateFunction.Count => $"COUNT({arg})",
            AggregateFunction.CountDistinct => $"COUNT(DISTINCT {arg})",
            AggregateFunction.First => IsSqlite ? $"FUGUE_FIRST({arg})" : $"FIRST({arg})",
            _ => IsSqlite ? $"FUGUE_LAST({arg})" : $"LAST({arg})",
        };
    }

    /// <summary>A SQL literal for a canonical value.</summary>
    public string Literal(object? value)
    {
        switch (value)
        {
            case null:
                return "NULL";
            case bool b:
                return b ? "TRUE" : "FALSE";
            case string s:
                return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
            case byte[] bytes:
                return "X'" + Convert.ToHexString(bytes) + "'";
            case DateOnly d:
                var date = "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
                return IsSqlite ? date : "DATE " + date;
            case DateTime t:
                var ts = "'" + SqliteText.FormatDateTime(t) + "'";
                return IsSqlite ? ts : "TIMESTAMP " + ts;
            case double d:
                return Real(d);
            case float f:
                return Real(f);
            case Half h:
                return Real((double)h);
            case decimal m:
                return m.ToString(CultureInfo.InvariantCulture);
            case IFormattable f:
                return f.ToString(null, CultureInfo.InvariantCulture);
            default:
                throw new FugueExpressionException($"cannot write a {value.GetType().Name} literal as SQL");
        }
    }

    private string Real(double d)
    {
        if (double.IsNaN(d))
        {
            return "NULL";
        }

        if (double.IsInfinity(d))
        {
            return IsSqlite ? (d > 0 ? "9e999" : "-9e999") : (d > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)");
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private string CastText(string body, DataType type)
    {
        if (IsSqlite)
        {
            return type.Kind switch
            {
                TypeKind.Null => "NULL",
                TypeKind.Bool => $"(CAST({body} AS INTEGER) <> 0)",
                _ when type.IsInteger => $"CAST({body} AS INTEGER)",
                _ when type.IsFloatingPoint => $"CAST({body} AS REAL)",
                TypeKind.Decimal => $"CAST({body} AS NUMERIC)",
                TypeKind.String => $"CAST({body} AS TEXT)",
                TypeKind.Binary => $"CAST({body} AS BLOB)",
                TypeKind.Date => $"date({body})",
                TypeKind.Timestamp => $"strftime('%Y-%m-%d %H:%M:%f', {body})",
                _ => throw new FugueExpressionException($"SQLite cannot cast to {type}"),
            };
        }

        var name = type.Kind switch
        {
            TypeKind.Null => null,
            TypeKind.Bool => "BOOLEAN",
            TypeKind.Int8 or TypeKind.UInt8 => "TINYINT",
            TypeKind.Int16 or TypeKind.UInt16 => "SMALLINT",
            TypeKind.Int32 or TypeKind.UInt32 => "INT",
            TypeKind.Int64 or TypeKind.UInt64 => "BIGINT",
            TypeKind.Float16 or TypeKind.Float32 => "FLOAT",
            TypeKind.Float64 => "DOUBLE",
            TypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({((DecimalType)type).Precision},{((DecimalType)type).Scale})"),
            TypeKind.String => "STRING",
            TypeKind.Binary => "BINARY",
            TypeKind.Date => "DATE",
            TypeKind.Timestamp => "TIMESTAMP",
            _ => throw new FugueExpressionException($"cannot cast to {type} in SQL"),
        };
        return name is null ? "NULL" : $"CAST({body} AS {name})";
    }
}
