using System.Globalization;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// A constant. Its type follows the .NET type of the value: <c>int</c> -> int, <c>long</c> -> long, <c>double</c> ->
/// double, <c>float</c> -> float, <c>decimal</c> -> decimal(p,s) of the value's digits, <c>string</c> -> str,
/// <c>bool</c> -> bool, <c>DateOnly</c> -> date, <c>DateTime</c> -> datetime, <c>byte[]</c> -> bytes, the other
/// integer widths to their types, null -> the null type. (Fugue's Python int literal is long: write <c>1L</c>.)
/// </summary>
public sealed class LiteralExpr : ColumnExpr
{
    internal LiteralExpr(object? value)
    {
        (Value, Type) = Normalize(value);
    }

    /// <summary>The canonical value (null for NULL).</summary>
    public object? Value { get; }

    /// <summary>The literal's own type.</summary>
    public DataType Type { get; }

    /// <inheritdoc />
    public override bool IsAggregation => false;

    /// <inheritdoc />
    public override IReadOnlyList<ColumnExpr> Children => [];

    /// <inheritdoc />
    protected override string InferredName => string.Empty;

    /// <inheritdoc />
    public override DataType InferBodyType(Schema schema) => Type;

    /// <inheritdoc />
    protected override string BodyToString() => Value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "TRUE" : "FALSE",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        DateOnly d => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        DateTime t => "TIMESTAMP '" + t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };

    /// <inheritdoc />
    protected override string BodyKey() => $"lit:{Type}:{BodyToString()}";

    private static (object? Value, DataType Type) Normalize(object? value) => value switch
    {
        null or DBNull => (null, DataType.Null),
        bool v => (v, DataType.Bool),
        sbyte v => (v, DataType.Int8),
        byte v => (v, DataType.UInt8),
        short v => (v, DataType.Int16),
        ushort v => (v, DataType.UInt16),
        int v => (v, DataType.Int32),
        uint v => (v, DataType.UInt32),
        long v => (v, DataType.Int64),
        ulong v => (v, DataType.UInt64),
        Half v => (v, DataType.Float16),
        float v => (v, DataType.Float32),
        double v => (v, DataType.Float64),
        decimal v => (v, DecimalTypeOf(v)),
        string v => (v, DataType.String),
        byte[] v => ((byte[])v.Clone(), DataType.Binary),
        DateOnly v => (v, DataType.Date),
        DateTime v when v.Kind == DateTimeKind.Utc => (v, DataType.Timestamp(TimeUnit.Microsecond, "UTC")),
        DateTime v => (DateTime.SpecifyKind(v, DateTimeKind.Unspecified), DataType.DateTime),
        _ => throw new FugueExpressionException(
            $"a literal cannot be of .NET type {value.GetType().Name}: use a bool, number, string, byte[], DateOnly or DateTime"),
    };

    private static DecimalType DecimalTypeOf(decimal value)
    {
        var scale = value.Scale;
        var digits = decimal.Truncate(Math.Abs(value)).ToString(CultureInfo.InvariantCulture).TrimStart('0').Length;
        return DataType.Decimal(Math.Max(1, digits + scale), scale);
    }
}
