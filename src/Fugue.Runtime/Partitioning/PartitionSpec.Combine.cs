using System.Collections;
using System.Globalization;

namespace Fugue.Partitioning;

// Fugue's PartitionSpec(*args, **kwargs): arguments are merged key by key, later ones overriding.
public sealed partial class PartitionSpec
{
    private const string KeyPartitionBy = "partition_by";
    private const string KeyNumPartitions = "num_partitions";
    private const string KeyAlgo = "algo";
    private const string KeyPresort = "presort";
    private const string KeySizeLimit = "size_limit";
    private const string KeyRowLimit = "row_limit";

    /// <summary>
    /// Converts one value to a spec, as Fugue's single-argument <c>PartitionSpec(x)</c>: null is <see cref="Empty"/>,
    /// a spec is itself, a string goes through <see cref="Parse"/>, an integer is <c>num</c>, a list of strings is
    /// <c>by</c>, a dictionary is read like the JSON form.
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">An unsupported type (e.g. a double) or an invalid spec.</exception>
    public static PartitionSpec From(object? value) => value switch
    {
        null => Empty,
        PartitionSpec p => p,
        string s => Parse(s),
        _ => Combine(value),
    };

    /// <summary>
    /// Merges parts in order, each overriding the keys it sets (Fugue's <c>PartitionSpec(*args)</c>). A part is null
    /// (skipped), a <see cref="PartitionSpec"/> (sets every key), a dictionary of keys (<c>partition_by</c>/<c>by</c>,
    /// <c>num_partitions</c>/<c>num</c>, <c>algo</c>, <c>presort</c>, <c>size_limit</c>, <c>row_limit</c>; others are
    /// ignored; a null value counts as unset), a JSON object string, <c>"per_row"</c>, another non-blank string (one
    /// partition key), an integer (num) or a list of strings (by). Apply keyword-style overrides afterwards with <see cref="With"/>.
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">An unsupported part or an invalid result.</exception>
    public static PartitionSpec Combine(params object?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var p = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            Apply(p, part);
        }

        return FromRaw(p);
    }

    /// <summary>A spec from key/value pairs, read like the JSON form (see <see cref="Combine"/> for the keys).</summary>
    /// <exception cref="FuguePartitionSpecException">A value of the wrong kind or an invalid spec.</exception>
    public static PartitionSpec FromDictionary(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var p = new Dictionary<string, object?>(StringComparer.Ordinal);
        ApplyPairs(p, values);
        return FromRaw(p);
    }

    /// <summary>Fugue's jsondict: the six keys with their stored values (algo default as <c>""</c>, presort as its expression).</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary() => new Dictionary<string, object?>(6, StringComparer.Ordinal)
    {
        [KeyNumPartitions] = NumPartitions,
        [KeyAlgo] = Algo.ToStoredName(),
        [KeyPartitionBy] = _by.ToArray(),
        [KeyPresort] = PresortExpression,
        [KeySizeLimit] = SizeLimit,
        [KeyRowLimit] = RowLimit,
    };

    private static void Apply(Dictionary<string, object?> p, object? part)
    {
        switch (part)
        {
            case null:
                return;
            case PartitionSpec spec:
                p[KeyNumPartitions] = spec.NumPartitions;
                p[KeyAlgo] = spec.Algo;
                p[KeyPartitionBy] = spec._by;
                p[KeyPresort] = spec._presort;
                p[KeySizeLimit] = spec.SizeLimit;
                p[KeyRowLimit] = spec.RowLimit;
                return;
            case string s when s.Equals(PerRowName, StringComparison.OrdinalIgnoreCase):
                p[KeyAlgo] = PartitionAlgo.Even;
                p[KeyNumPartitions] = RowCountKeyword;
                return;
            case string s when s.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal):
                ApplyPairs(p, ParseJsonObject(s));
                return;
            case string s:
                RequireNonBlank(s);
                p[KeyPartitionBy] = s;
                return;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                p[KeyNumPartitions] = ((IFormattable)part).ToString(null, CultureInfo.InvariantCulture);
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                ApplyPairs(p, pairs);
                return;
            case IDictionary dict:
                foreach (DictionaryEntry e in dict)
                {
                    if (e.Key is not string key)
                    {
                        throw new FuguePartitionSpecException($"partition spec dictionary key '{e.Key}' is not a string");
                    }

                    Set(p, key, e.Value);
                }

                return;
            case IEnumerable<string> keys:
                p[KeyPartitionBy] = keys.ToArray();
                return;
            default:
                throw new FuguePartitionSpecException(
                    $"'{Convert.ToString(part, CultureInfo.InvariantCulture)}' ({part.GetType().Name}) is not a supported partition spec argument: "
                    + "expected null, a PartitionSpec, a dictionary, a JSON string, \"per_row\", a column name, an integer or a list of column names");
        }
    }

    private static void ApplyPairs(Dictionary<string, object?> p, IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        foreach (var kv in pairs)
        {
            Set(p, kv.Key, kv.Value);
        }
    }

    private static void Set(Dictionary<string, object?> p, string key, object? value)
    {
        var k = key switch
        {
            "by" => KeyPartitionBy,
            "num" => KeyNumPartitions,
            _ => key,
        };
        if (value is null)
        {
            p.Remove(k);
        }
        else
        {
            p[k] = value;
        }
    }

    private static PartitionSpec FromRaw(Dictionary<string, object?> p)
    {
        var by = p.TryGetValue(KeyPartitionBy, out var b) && b is not null ? ToKeys(b) : [];
        var num = p.TryGetValue(KeyNumPartitions, out var n) && n is not null ? ToNumText(n) : "0";
        var algo = p.TryGetValue(KeyAlgo, out var a) && a is not null ? ToAlgo(a) : PartitionAlgo.Default;
        var presort = p.TryGetValue(KeyPresort, out var ps) && ps is not null ? ToPresort(ps) : [];
        var size = p.TryGetValue(KeySizeLimit, out var sl) && sl is not null ? ToSize(sl) : 0L;
        var rows = p.TryGetValue(KeyRowLimit, out var rl) && rl is not null ? ToRowLimit(rl) : 0L;
        return new PartitionSpec(by, num, algo, presort, rows, size);
    }

    private static string[] ToKeys(object value)
    {
        switch (value)
        {
            case string s:
                return [s];
            case IEnumerable<string> keys:
                return keys.ToArray();
            case IEnumerable items:
                var list = new List<string>();
                foreach (var item in items)
                {
                    list.Add(item as string ?? throw new FuguePartitionSpecException(
                        $"partition_by item '{Convert.ToString(item, CultureInfo.InvariantCulture)}' is not a string"));
                }

                return list.ToArray();
            default:
                throw new FuguePartitionSpecException(
                    $"partition_by must be a string or a list of strings, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})");
        }
    }

    private static string ToNumText(object value) => value switch
    {
        string s => s,
        int or long or short or sbyte or byte or ushort or uint or ulong => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => throw new FuguePartitionSpecException(
            $"num_partitions must be an integer or an expression string, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})"),
    };

    private static PartitionAlgo ToAlgo(object value) => value switch
    {
        PartitionAlgo algo => algo,
        string s => PartitionAlgoNames.Parse(s),
        _ => throw new FuguePartitionSpecException(
            $"algo must be a string, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})"),
    };

    private static PresortKey[] ToPresort(object value)
    {
        switch (value)
        {
            case string s:
                return PresortParser.Parse(s);
            case PresortKey[] arr:
                return PresortParser.CheckDuplicates(new List<PresortKey>(arr), string.Join(",", arr));
            case IDictionary dict:
                var fromDict = new List<PresortKey>();
                foreach (DictionaryEntry e in dict)
                {
                    fromDict.Add(ToPresortPair(e.Key, e.Value, value));
                }

                return PresortParser.CheckDuplicates(fromDict, string.Join(",", fromDict));
            case IEnumerable items:
                var list = new List<PresortKey>();
                foreach (var item in items)
                {
                    list.Add(item switch
                    {
                        string name => PresortParser.ParseNameItem(name, "a presort list"),
                        PresortKey k => k,
                        KeyValuePair<string, bool> kv => new PresortKey(kv.Key, kv.Value),
                        KeyValuePair<string, object?> kv => ToPresortPair(kv.Key, kv.Value, value),
                        ValueTuple<string, bool> t => new PresortKey(t.Item1, t.Item2),
                        Tuple<string, bool> t => new PresortKey(t.Item1, t.Item2),
                        _ => throw new FuguePartitionSpecException(
                            $"malformed presort item '{Convert.ToString(item, CultureInfo.InvariantCulture)}': expected a column name or a (name, ascending: bool) pair"),
                    });
                }

                return PresortParser.CheckDuplicates(list, string.Join(",", list));
            default:
                throw new FuguePartitionSpecException(
                    $"presort must be an expression string or a list of keys, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})");
        }
    }

    private static PresortKey ToPresortPair(object? name, object? ascending, object context)
    {
        if (name is string n && ascending is bool asc)
        {
            return new PresortKey(n, asc);
        }

        throw new FuguePartitionSpecException(
            $"malformed presort item ({Convert.ToString(name, CultureInfo.InvariantCulture)}, {Convert.ToString(ascending, CultureInfo.InvariantCulture)}) in {context.GetType().Name}: "
            + "expected a string name and a bool (true = ascending)");
    }

    private static long ToRowLimit(object value) => value switch
    {
        int or long or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => throw new FuguePartitionSpecException(
            $"row_limit must be an integer, got '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})"),
    };

    // Sizes like triad's to_size: a number with an optional unit b, k/kb, m/mb, g/gb, t/tb (case-insensitive, 1024-based).
    private static long ToSize(object value)
    {
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case string s:
                var t = s.Trim();
                var i = 0;
                while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
                {
                    i++;
                }

                var unit = t[i..].Trim().ToLowerInvariant();
                long factor = unit switch
                {
                    "" or "b" => 1L,
                    "k" or "kb" => 1L << 10,
                    "m" or "mb" => 1L << 20,
                    "g" or "gb" => 1L << 30,
                    "t" or "tb" => 1L << 40,
                    _ => -1L,
                };
                if (i > 0 && factor > 0 && double.TryParse(t.AsSpan(0, i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return (long)(number * factor);
                }

                break;
        }

        throw new FuguePartitionSpecException(
            $"size_limit must be a byte count or a size such as \"5k\" or \"1.5mb\", got '{Convert.ToString(value, CultureInfo.InvariantCulture)}'");
    }
}
