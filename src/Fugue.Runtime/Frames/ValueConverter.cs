using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// Converts any reasonable .NET value to the canonical value of a <see cref="DataType"/> (see CONVENTIONS:
/// <c>int</c> for int, <c>DateOnly</c> for date, <c>object?[]</c> for lists, ...). It is the single place used
/// when frames are built from rows with a schema and by <see cref="DataFrame.AlterColumns(Schema)"/>.
/// </summary>
/// <remarks>
/// Rules (null and <see cref="DBNull"/> always give null):
/// <list type="bullet">
/// <item>bool: from bool; strings <c>true</c>/<c>false</c>/<c>1</c>/<c>0</c> (case-insensitive, trimmed); numbers (non-zero is true).</item>
/// <item>integers: from any integer with an overflow check; floating values truncated toward zero (NaN and infinity
/// fail); decimals truncated; bool as 1/0; strings holding an integer.</item>
/// <item>float/double/float16: from any number or bool; strings in invariant form plus <c>inf</c>, <c>-inf</c>,
/// <c>Infinity</c>, <c>NaN</c>. NaN stays NaN (it is not null). A finite value too large for the target fails.</item>
/// <item>decimal(p,s): from numbers and strings, rounded half away from zero to the scale; more than p-s integer digits fail.</item>
/// <item>str: bool is <c>true</c>/<c>false</c> (lower case, like SQL and Spark, and it round-trips through str-&gt;bool);
/// integers invariant (<c>1</c>); doubles shortest round-trip with <c>.0</c> when integral (<c>1.1</c>, <c>1.0</c>,
/// <c>NaN</c>, <c>Infinity</c>); dates <c>2020-01-01</c>; timestamps <c>2020-01-01 03:04:05</c> with the fraction only
/// when non-zero (and a <c>Z</c> for UTC instants); bytes decoded as strict UTF-8; lists, structs and maps as JSON.</item>
/// <item>bytes: <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>ArraySegment&lt;byte&gt;</c>, strings (UTF-8 encoded).</item>
/// <item>date: <c>DateOnly</c>; the date part of a <c>DateTime</c> (of the UTC instant for a <c>DateTimeOffset</c>);
/// strings <c>yyyy-MM-dd</c> (a time part is allowed and dropped).</item>
/// <item>datetime/timestamp: <c>DateTime</c>, <c>DateTimeOffset</c> (its UTC instant), <c>DateOnly</c> (midnight),
/// strings <c>2020-01-01</c>, <c>2020-01-01 03:04:05</c>, ISO forms with <c>T</c>, fractions and a zone. Values are
/// truncated to the type's unit. Naive types keep the wall clock (<see cref="DateTimeKind.Unspecified"/>; zoned input
/// becomes its UTC wall clock, as in Arrow); zoned types give the UTC instant (<see cref="DateTimeKind.Utc"/>),
/// reading naive input as UTC.</item>
/// <item>lists: any non-string <see cref="IEnumerable"/>, items converted recursively.</item>
/// <item>structs: <c>IReadOnlyDictionary&lt;string, object?&gt;</c> or <see cref="IDictionary"/> (missing fields null,
/// extra keys dropped), or a positional <c>object?[]</c>/tuple of exactly the field count.</item>
/// <item>maps: <see cref="IDictionary"/>, or an <see cref="IEnumerable"/> of key/value pairs
/// (<c>KeyValuePair</c>, 2-tuples, 2-element arrays, <see cref="DictionaryEntry"/>); keys may not be null.</item>
/// </list>
/// A value that cannot be converted raises <see cref="FugueValueConversionException"/>. A value that is already
/// canonical is returned as the same object (lists of canonical items are not copied), so callers must not mutate
/// arrays they handed over.
/// </remarks>
public sealed class ValueConverter
{
    private static readonly ConcurrentDictionary<DataType, ValueConverter> Cache = new();

    private readonly DataType _type;
    private readonly TypeKind _kind;
    private readonly ValueConverter? _child;
    private readonly ValueConverter? _mapValue;
    private readonly ValueConverter[]? _fields;
    private readonly string[]? _names;
    private readonly long _unitTicks = 1;
    private readonly bool _utc;
    private readonly int _scale;
    private readonly decimal _decimalLimit;

    private ValueConverter(DataType type)
    {
        _type = type;
        _kind = type.Kind;
        switch (type)
        {
            case ListType list:
                _child = For(list.ItemType);
                break;
            case MapType map:
                _child = For(map.KeyType);
                _mapValue = For(map.ValueType);
                break;
            case StructType st:
                _fields = st.Fields.Select(f => For(f.Type)).ToArray();
                _names = st.Fields.Select(f => f.Name).ToArray();
                break;
            case TimestampType ts:
                _utc = ts.TimeZone is not null;
                _unitTicks = ts.Unit switch
                {
                    TimeUnit.Second => TimeSpan.TicksPerSecond,
                    TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
                    TimeUnit.Microsecond => 10,
                    _ => 1,
                };
                break;
            case DecimalType dec:
                _scale = Math.Min(dec.Scale, 28);
                var integerDigits = dec.Precision - dec.Scale;
                _decimalLimit = integerDigits is >= 0 and < 29 ? Pow10(integerDigits) : decimal.MaxValue;
                break;
        }
    }

    /// <summary>The type this converter produces values of.</summary>
    public DataType TargetType => _type;

    /// <summary>The (cached) converter for <paramref name="type"/>.</summary>
    public static ValueConverter For(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.TryGetValue(type, out var c) ? c : Cache.GetOrAdd(type, new ValueConverter(type));
    }

    /// <summary>Converts <paramref name="value"/> to the canonical value of <paramref name="type"/>.</summary>
    /// <exception cref="FugueValueConversionException">The value cannot be converted.</exception>
    public static object? Convert(object? value, DataType type) => For(type).Convert(value);

    /// <summary>
    /// Converts a row to the canonical values of <paramref name="schema"/> (a new array). Errors name
    /// <paramref name="rowIndex"/> and the column.
    /// </summary>
    /// <exception cref="FugueDataFrameInitException">The row does not have one value per column.</exception>
    /// <exception cref="FugueValueConversionException">A value cannot be converted.</exception>
    public static object?[] ConvertRow(IReadOnlyList<object?> row, Schema schema, long rowIndex = 0) =>
        new RowConverter(schema).Convert(row, rowIndex);

    /// <summary>A short description of a value for messages: the value and its .NET type.</summary>
    public static string Describe(object? value) => ValueText.Describe(value);

    /// <summary>Converts <paramref name="value"/> to the canonical value of <see cref="TargetType"/>.</summary>
    /// <exception cref="FugueValueConversionException">The value cannot be converted.</exception>
    public object? Convert(object? value)
    {
        if (value is null || value is DBNull)
        {
            return null;
        }

        try
        {
            return ConvertNonNull(value);
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or ArgumentException or InvalidCastException)
        {
            throw new FugueValueConversionException(value, _type, ex.Message, innerException: ex);
        }
    }

    // Already-canonical values come back as the same object (no re-boxing), so converting canonical rows is cheap.
    private object ConvertNonNull(object value) => _kind switch
    {
        TypeKind.Null => throw Fail(value, "only null is allowed for the null type"),
        TypeKind.Bool => value is bool ? value : ToBool(value),
        TypeKind.Int8 => value is sbyte ? value : (sbyte)ToInteger(value, sbyte.MinValue, sbyte.MaxValue),
        TypeKind.UInt8 => value is byte ? value : (byte)ToInteger(value, byte.MinValue, byte.MaxValue),
        TypeKind.Int16 => value is short ? value : (short)ToInteger(value, short.MinValue, short.MaxValue),
        TypeKind.UInt16 => value is ushort ? value : (ushort)ToInteger(value, ushort.MinValue, ushort.MaxValue),
        TypeKind.Int32 => value is int ? value : (int)ToInteger(value, int.MinValue, int.MaxValue),
        TypeKind.UInt32 => value is uint ? value : (uint)ToInteger(value, uint.MinValue, uint.MaxValue),
        TypeKind.Int64 => value is long ? value : value is int i ? (long)i : (long)ToInteger(value, long.MinValue, long.MaxValue),
        TypeKind.UInt64 => value is ulong ? value : (ulong)ToInteger(value, ulong.MinValue, ulong.MaxValue),
        TypeKind.Float16 => value is Half ? value : ToHalf(value),
        TypeKind.Float32 => value is float ? value : ToSingle(value),
        TypeKind.Float64 => value is double ? value : value switch
        {
            int i => (double)i,
            long l => (double)l,
            float f => (double)f,
            _ => ToDouble(value),
        },
        TypeKind.String => value as string ?? ToText(value),
        TypeKind.Binary => ToBinary(value),
        TypeKind.Date => value is DateOnly ? value : ToDate(value),
        TypeKind.Timestamp => ToTimestamp(value),
        TypeKind.Decimal => ToDecimal(value),
        TypeKind.List => ToList(value),
        TypeKind.Struct => ToStruct(value),
        TypeKind.Map => ToMap(value),
        _ => throw Fail(value, $"type kind {_kind} is not supported"),
    };

    private FugueValueConversionException Fail(object value, string reason) => new(value, _type, reason);

    private object ToBool(object value)
    {
        switch (value)
        {
            case bool b:
                return b;
            case string s:
                var t = s.AsSpan().Trim();
                if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1"))
                {
                    return true;
                }

                if (t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("0"))
                {
                    return false;
                }

                throw Fail(value, "expected true, false, 1 or 0 (case-insensitive)");
            case double or float or Half:
                var d = ToDouble(value);
                return double.IsNaN(d) ? throw Fail(value, "NaN has no boolean value") : d != 0;
            case decimal m:
                return m != 0;
            default:
                return TryInt128(value, out var n, out _) ? n != 0 : throw Fail(value, "expected a bool, a number or a string");
        }
    }

    private Int128 ToInteger(object value, Int128 min, Int128 max)
    {
        if (!TryInt128(value, out var n, out var reason))
        {
            throw Fail(value, reason!);
        }

        if (n < min || n > max)
        {
            throw Fail(value, $"the value is out of range for {_type} ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})");
        }

        return n;
    }

    private static bool TryInt128(object value, out Int128 result, out string? reason)
    {
        reason = null;
        if (Columnar.StorageValueConverter.TryGetInteger(value, out result))
        {
            return true;
        }

        switch (value)
        {
            case Int128 v: result = v; return true;
            case UInt128 v when v <= (UInt128)Int128.MaxValue: result = (Int128)v; return true;
            case bool b: result = b ? 1 : 0; return true;
            case double d: return FromFloating(d, out result, out reason);
            case float f: return FromFloating(f, out result, out reason);
            case Half h: return FromFloating((double)h, out result, out reason);
            case decimal m: result = (Int128)decimal.Truncate(m); return true;
            case string s:
                if (Int128.TryParse(s.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
                {
                    return true;
                }

                reason = "the string is not an integer";
                return false;
            default:
                result = 0;
                reason = "expected a number, a bool or a string";
                return false;
        }
    }

    private static bool FromFloating(double d, out Int128 result, out string? reason)
    {
        result = 0;
        reason = null;
        if (!double.IsFinite(d))
        {
            reason = $"{ValueText.FormatDouble(d)} has no integer value";
            return false;
        }

        var t = Math.Truncate(d);
        if (Math.Abs(t) >= 1.7e38)
        {
            reason = "the value is out of range for an integer";
            return false;
        }

        result = (Int128)t;
        return true;
    }

    private double ToDouble(object value)
    {
        switch (value)
        {
            case double d: return d;
            case float f: return f;
            case Half h: return (double)h;
            case decimal m: return (double)m;
            case string s: return ParseDouble(value, s);
            default:
                if (TryInt128(value, out var n, out _))
                {
                    return (double)n;
                }

                throw Fail(value, "expected a number, a bool or a string");
        }
    }

    private double ParseDouble(object value, string s)
    {
        var t = s.AsSpan().Trim();
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("infinity", StringComparison.OrdinalIgnoreCase) || t.Equals("+infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (t.Equals("-inf", StringComparison.OrdinalIgnoreCase) || t.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.NegativeInfinity;
        }

        if (t.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw Fail(value, "the string is not a number");
    }

    private object ToSingle(object value)
    {
        if (value is float f)
        {
            return f;
        }

        var d = ToDouble(value);
        var r = (float)d;
        return float.IsInfinity(r) && double.IsFinite(d) ? throw Fail(value, $"the value is out of range for {_type}") : r;
    }

    private object ToHalf(object value)
    {
        if (value is Half h)
        {
            return h;
        }

        var d = ToDouble(value);
        var r = (Half)d;
        return Half.IsInfinity(r) && double.IsFinite(d) ? throw Fail(value, $"the value is out of range for {_type}") : r;
    }

    private object ToDecimal(object value)
    {
        decimal m;
        switch (value)
        {
            case decimal v:
                m = v;
                break;
            case double or float or Half:
                var d = ToDouble(value);
                if (!double.IsFinite(d))
                {
                    throw Fail(value, $"{ValueText.FormatDouble(d)} has no decimal value");
                }

                m = (decimal)d;
                break;
            case string s:
                if (!decimal.TryParse(s.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out m))
                {
                    throw Fail(value, "the string is not a decimal number");
                }

                break;
            default:
                if (!TryInt128(value, out var n, out _))
                {
                    throw Fail(value, "expected a number or a string");
                }

                m = (decimal)n;
                break;
        }

        m = Math.Round(m, _scale, MidpointRounding.AwayFromZero);
        return Math.Abs(m) >= _decimalLimit ? throw Fail(value, $"the value has too many integer digits for {_type}") : m;
    }

    private string ToText(object value) =>
        ValueText.TryFormat(value, out var text, out var reason) ? text : throw Fail(value, reason ?? "no string form");

    private byte[] ToBinary(object value) => value switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        Memory<byte> m => m.ToArray(),
        ArraySegment<byte> a => a.ToArray(),
        string s => System.Text.Encoding.UTF8.GetBytes(s),
        _ => throw Fail(value, "expected byte[], ReadOnlyMemory<byte>, ArraySegment<byte> or a string"),
    };

    private object ToDate(object value)
    {
        switch (value)
        {
            case DateOnly d:
                return d;
            case DateTime dt:
                return DateOnly.FromDateTime(dt);
            case DateTimeOffset dto:
                return DateOnly.FromDateTime(dto.UtcDateTime);
            case string s:
                if (!TemporalText.TryParse(s, out var parsed, out var offset))
                {
                    throw Fail(value, "expected a date like 2020-01-31");
                }

                return DateOnly.FromDateTime(offset is null ? parsed : parsed - offset.Value);
            default:
                throw Fail(value, "expected a DateOnly, DateTime, DateTimeOffset or string");
        }
    }

    private object ToTimestamp(object value)
    {
        if (value is DateTime canonical && canonical.Ticks % _unitTicks == 0
            && canonical.Kind == (_utc ? DateTimeKind.Utc : DateTimeKind.Unspecified))
        {
            return value;
        }

        DateTime dt;
        switch (value)
        {
            case DateTime d:
                dt = d;
                break;
            case DateTimeOffset dto:
                dt = dto.UtcDateTime;
                break;
            case DateOnly date:
                dt = date.ToDateTime(TimeOnly.MinValue);
                break;
            case string s:
                if (!TemporalText.TryParse(s, out dt, out var offset))
                {
                    throw Fail(value, "expected a timestamp like 2020-01-31 03:04:05 (or ISO 8601 with T, a fraction and a zone)");
                }

                if (offset is not null)
                {
                    dt = DateTime.SpecifyKind(dt - offset.Value, DateTimeKind.Utc);
                }

                break;
            default:
                throw Fail(value, "expected a DateTime, DateTimeOffset, DateOnly or string");
        }

        if (_utc)
        {
            dt = dt.Kind switch
            {
                DateTimeKind.Utc => dt,
                DateTimeKind.Local => dt.ToUniversalTime(),
                _ => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
            };
        }
        else if (dt.Kind != DateTimeKind.Unspecified)
        {
            dt = DateTime.SpecifyKind(dt, DateTimeKind.Unspecified);
        }

        var rem = dt.Ticks % _unitTicks;
        return rem == 0 ? dt : new DateTime(dt.Ticks - rem, dt.Kind);
    }

    private object?[] ToList(object value)
    {
        switch (value)
        {
            case string:
                throw Fail(value, "a string is not a list");
            case object?[] array:
                {
                    // A list whose items are already canonical is returned as is (no copy).
                    object?[]? result = null;
                    for (var i = 0; i < array.Length; i++)
                    {
                        var item = Child(_child!, array[i], value, "list item", i);
                        if (result is not null)
                        {
                            result[i] = item;
                        }
                        else if (!ReferenceEquals(item, array[i]))
                        {
                            result = new object?[array.Length];
                            Array.Copy(array, result, i);
                            result[i] = item;
                        }
                    }

                    return result ?? array;
                }

            case IEnumerable items:
                {
                    var result = items is ICollection c ? new List<object?>(c.Count) : [];
                    foreach (var item in items)
                    {
                        result.Add(Child(_child!, item, value, "list item", result.Count));
                    }

                    return result.ToArray();
                }

            default:
                throw Fail(value, "expected a list (any non-string IEnumerable)");
        }
    }

    private Dictionary<string, object?> ToStruct(object value)
    {
        var names = _names!;
        var fields = _fields!;
        var result = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> dict:
                for (var i = 0; i < names.Length; i++)
                {
                    result[names[i]] = dict.TryGetValue(names[i], out var v) ? ChildField(i, v, value) : null;
                }

                return result;
            case IDictionary dict:
                for (var i = 0; i < names.Length; i++)
                {
                    result[names[i]] = dict.Contains(names[i]) ? ChildField(i, dict[names[i]], value) : null;
                }

                return result;
            case object?[] array:
                if (array.Length != names.Length)
                {
                    throw Fail(value, $"a positional struct value needs {names.Length} items, got {array.Length}");
                }

                for (var i = 0; i < names.Length; i++)
                {
                    result[names[i]] = ChildField(i, array[i], value);
                }

                return result;
            case ITuple tuple:
                if (tuple.Length != names.Length)
                {
                    throw Fail(value, $"a positional struct value needs {names.Length} items, got {tuple.Length}");
                }

                for (var i = 0; i < names.Length; i++)
                {
                    result[names[i]] = ChildField(i, tuple[i], value);
                }

                return result;
            default:
                throw Fail(value, "expected a dictionary keyed by field name or a positional object?[]");
        }

        object? ChildField(int i, object? v, object outer)
        {
            try
            {
                return fields[i].Convert(v);
            }
            catch (FugueValueConversionException ex)
            {
                throw Fail(outer, $"field '{names[i]}': cannot convert {Describe(ex.Value)} to {ex.TargetType}: {ex.Reason}");
            }
        }
    }

    private KeyValuePair<object, object?>[] ToMap(object value)
    {
        if (value is string)
        {
            throw Fail(value, "a string is not a map");
        }

        var result = new List<KeyValuePair<object, object?>>();
        if (value is IDictionary dict)
        {
            foreach (DictionaryEntry e in dict)
            {
                result.Add(Entry(e.Key, e.Value, value, result.Count));
            }
        }
        else if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                var i = result.Count;
                result.Add(item switch
                {
                    KeyValuePair<object, object?> kv => Entry(kv.Key, kv.Value, value, i),
                    KeyValuePair<string, object?> kv => Entry(kv.Key, kv.Value, value, i),
                    DictionaryEntry e => Entry(e.Key, e.Value, value, i),
                    ITuple { Length: 2 } t => Entry(t[0], t[1], value, i),
                    object?[] { Length: 2 } a => Entry(a[0], a[1], value, i),
                    _ => throw Fail(value, $"map entry {i} is not a key/value pair (KeyValuePair, 2-tuple or 2-item array)"),
                });
            }
        }
        else
        {
            throw Fail(value, "expected a dictionary or a list of key/value pairs");
        }

        return result.ToArray();
    }

    private KeyValuePair<object, object?> Entry(object? key, object? item, object outer, int index)
    {
        if (key is null or DBNull)
        {
            throw Fail(outer, $"map entry {index} has a null key");
        }

        var k = Child(_child!, key, outer, "map key", index)!;
        return new KeyValuePair<object, object?>(k, Child(_mapValue!, item, outer, "map value", index));
    }

    private object? Child(ValueConverter child, object? item, object outer, string what, int index)
    {
        try
        {
            return child.Convert(item);
        }
        catch (FugueValueConversionException ex)
        {
            throw Fail(outer, string.Create(CultureInfo.InvariantCulture, $"{what} {index}: cannot convert {Describe(ex.Value)} to {ex.TargetType}: {ex.Reason}"));
        }
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= 10m;
        }

        return r;
    }
}
