using System.Globalization;
using Fugue.Schemas;

namespace Fugue.Partitioning;

/// <summary>
/// Fugue's partition specification (immutable): partition keys (<see cref="PartitionBy"/>), the number of
/// physical partitions as an expression (<see cref="NumPartitions"/>), the distribution algorithm
/// (<see cref="Algo"/>) and the sort inside each logical partition (<see cref="Presort"/>).
/// Build it with <see cref="By"/>/<see cref="Num(int)"/>/<see cref="Parse"/>/<see cref="Combine"/>, the
/// constructors, or the <c>With*</c> methods; compares by value like Fugue's jsondict comparison.
/// </summary>
public sealed partial class PartitionSpec : IEquatable<PartitionSpec>
{
    /// <summary>The keyword for the input's row count in <see cref="NumPartitions"/>.</summary>
    public const string RowCountKeyword = "ROWCOUNT";

    /// <summary>The keyword for the engine's parallelism in <see cref="NumPartitions"/>.</summary>
    public const string ConcurrencyKeyword = "CONCURRENCY";

    /// <summary>The single-string shortcut (case-insensitive) for <see cref="PerRow"/>.</summary>
    public const string PerRowName = "per_row";

    private readonly string[] _by;
    private readonly PresortKey[] _presort;
    private readonly NumPartitionsExpression _num;
    private string? _presortExpression;
    private string? _identity;

    /// <summary>Creates a spec; every argument is optional.</summary>
    /// <param name="by">Partition keys, verbatim; duplicates are an error.</param>
    /// <param name="num">Number of partitions: an integer or an expression such as <c>"ROWCOUNT/4"</c>; default <c>"0"</c> (engine default).</param>
    /// <param name="algo">The distribution algorithm.</param>
    /// <param name="presort">A presort expression such as <c>"b desc, c"</c>.</param>
    /// <exception cref="FuguePartitionSpecException">Any part is invalid, or a presort key is also a partition key.</exception>
    public PartitionSpec(IEnumerable<string>? by = null, string? num = null, PartitionAlgo algo = PartitionAlgo.Default, string? presort = null)
        : this(CopyKeys(by), num ?? "0", algo, PresortParser.Parse(presort), 0L, 0L)
    {
    }

    /// <summary>Creates a spec with presort keys given as (name, ascending) items.</summary>
    /// <exception cref="FuguePartitionSpecException">Any part is invalid, a presort key repeats, or it is also a partition key.</exception>
    public PartitionSpec(IEnumerable<PresortKey> presort, IEnumerable<string>? by = null, string? num = null, PartitionAlgo algo = PartitionAlgo.Default)
        : this(CopyKeys(by), num ?? "0", algo, CopyPresort(presort), 0L, 0L)
    {
    }

    private PartitionSpec(string[] keys, string numPartitions, PartitionAlgo partitionAlgo, PresortKey[] presortKeys, long rowLimit, long sizeLimit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (k is null)
            {
                throw new FuguePartitionSpecException("partition_by contains a null key");
            }

            if (!seen.Add(k))
            {
                throw new FuguePartitionSpecException($"partition_by {FormatKeys(keys)} has duplicated key '{k}'");
            }
        }

        foreach (var p in presortKeys)
        {
            if (seen.Contains(p.Name))
            {
                throw new FuguePartitionSpecException(
                    $"presort key '{p.Name}' overlaps partition_by {FormatKeys(keys)} (presort '{string.Join(",", presortKeys)}')");
            }
        }

        if (partitionAlgo is not (PartitionAlgo.Default or PartitionAlgo.Hash or PartitionAlgo.Rand or PartitionAlgo.Even or PartitionAlgo.Coarse))
        {
            throw new FuguePartitionSpecException($"invalid partition algo value {(int)partitionAlgo}");
        }

        if (rowLimit < 0 || sizeLimit < 0)
        {
            throw new FuguePartitionSpecException($"row_limit ({rowLimit}) and size_limit ({sizeLimit}) must not be negative");
        }

        _by = keys;
        _num = NumPartitionsExpression.Parse(numPartitions);
        NumPartitions = numPartitions;
        Algo = partitionAlgo;
        _presort = presortKeys;
        RowLimit = rowLimit;
        SizeLimit = sizeLimit;
    }

    /// <summary>The spec that specifies nothing.</summary>
    public static PartitionSpec Empty { get; } = new();

    /// <summary>One logical partition per row: <c>num="ROWCOUNT"</c>, <c>algo=even</c>.</summary>
    public static PartitionSpec PerRow { get; } = new(num: RowCountKeyword, algo: PartitionAlgo.Even);

    /// <summary>The partition keys in order, verbatim.</summary>
    public IReadOnlyList<string> PartitionBy => _by;

    /// <summary>The number of partitions expression as given (<c>"0"</c> means the engine default).</summary>
    public string NumPartitions { get; }

    /// <summary>The parsed <see cref="NumPartitions"/>.</summary>
    public NumPartitionsExpression NumPartitionsExpression => _num;

    /// <summary>The distribution algorithm.</summary>
    public PartitionAlgo Algo { get; }

    /// <summary>The algorithm's reported name (<c>default</c>, <c>hash</c>, ...).</summary>
    public string AlgoName => Algo.ToName();

    /// <summary>The presort keys in order.</summary>
    public IReadOnlyList<PresortKey> Presort => _presort;

    /// <summary>The normalised presort expression, e.g. <c>"d ASC,e DESC"</c> (empty when there is no presort).</summary>
    public string PresortExpression => _presortExpression ??= string.Join(",", _presort);

    /// <summary>Deprecated Fugue row limit per slice (0 = none); kept for JSON compatibility.</summary>
    public long RowLimit { get; }

    /// <summary>Deprecated Fugue size limit per slice in bytes (0 = none); kept for JSON compatibility.</summary>
    public long SizeLimit { get; }

    /// <summary>True when the spec specifies nothing (num "0", default algo, no keys, presort or limits).</summary>
    public bool IsEmpty =>
        NumPartitions == "0" && Algo == PartitionAlgo.Default && _by.Length == 0 && _presort.Length == 0 && RowLimit == 0 && SizeLimit == 0;

    /// <summary>True when there are partition keys.</summary>
    public bool HasPartitionKeys => _by.Length > 0;

    /// <summary>A spec partitioned by <paramref name="keys"/>.</summary>
    public static PartitionSpec By(params string[] keys) => new(keys);

    /// <summary>A spec with <paramref name="num"/> partitions.</summary>
    public static PartitionSpec Num(int num) => new(num: num.ToString(CultureInfo.InvariantCulture));

    /// <summary>A spec with a number-of-partitions expression such as <c>"ROWCOUNT/4"</c>.</summary>
    public static PartitionSpec Num(string num) => new(num: num);

    /// <summary>
    /// Fugue's single-string shortcuts: <c>"per_row"</c> (case-insensitive) is <see cref="PerRow"/>, a string
    /// starting with <c>{</c> (after leading whitespace) is JSON, anything else is one partition key (verbatim).
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">A blank string (ambiguous: use <see cref="Empty"/> or <see cref="By"/>), invalid JSON or spec.</exception>
    public static PartitionSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireNonBlank(value);
        if (value.Equals(PerRowName, StringComparison.OrdinalIgnoreCase))
        {
            return PerRow;
        }

        return value.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) ? FromJson(value) : new PartitionSpec([value]);
    }

    /// <summary>Same as <see cref="Parse"/>, so a string can stand for a spec.</summary>
    public static implicit operator PartitionSpec(string value) => Parse(value);

    /// <summary>A copy whose given parts replace this spec's (null means keep), like Fugue's keyword overrides.</summary>
    /// <exception cref="FuguePartitionSpecException">The result is invalid.</exception>
    public PartitionSpec With(IEnumerable<string>? by = null, string? num = null, PartitionAlgo? algo = null, string? presort = null) =>
        new(by is null ? _by : CopyKeys(by), num ?? NumPartitions, algo ?? Algo, presort is null ? _presort : PresortParser.Parse(presort), RowLimit, SizeLimit);

    /// <summary>A copy with other partition keys.</summary>
    public PartitionSpec WithBy(params string[] keys) => With(by: keys);

    /// <summary>A copy with another number of partitions.</summary>
    public PartitionSpec WithNum(int num) => With(num: num.ToString(CultureInfo.InvariantCulture));

    /// <summary>A copy with another number-of-partitions expression.</summary>
    public PartitionSpec WithNum(string num) => With(num: num ?? throw new ArgumentNullException(nameof(num)));

    /// <summary>A copy with another algorithm.</summary>
    public PartitionSpec WithAlgo(PartitionAlgo algo) => With(algo: algo);

    /// <summary>A copy with another algorithm given by name (case-insensitive).</summary>
    public PartitionSpec WithAlgo(string algo) => With(algo: PartitionAlgoNames.Parse(algo));

    /// <summary>A copy with another presort expression (<c>""</c> clears it).</summary>
    public PartitionSpec WithPresort(string presort) => With(presort: presort ?? throw new ArgumentNullException(nameof(presort)));

    /// <summary>A copy with other presort keys.</summary>
    public PartitionSpec WithPresort(IEnumerable<PresortKey> presort) =>
        new(_by, NumPartitions, Algo, CopyPresort(presort), RowLimit, SizeLimit);

    /// <summary>
    /// Evaluates <see cref="NumPartitions"/>. Each variable (e.g. <see cref="RowCountKeyword"/>) is a thunk called
    /// only if the expression uses it, at most once; the result is truncated to an integer.
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">A used variable is missing, or evaluation fails.</exception>
    public int GetNumPartitions(IReadOnlyDictionary<string, Func<long>>? variables = null) => _num.Evaluate(variables);

    /// <summary>Evaluates <see cref="NumPartitions"/> with <c>ROWCOUNT</c> and <c>CONCURRENCY</c> thunks.</summary>
    public int GetNumPartitions(Func<long> rowCount, Func<long> concurrency) =>
        _num.Evaluate(new Dictionary<string, Func<long>>(2, StringComparer.Ordinal)
        {
            [RowCountKeyword] = rowCount,
            [ConcurrencyKeyword] = concurrency,
        });

    /// <summary>
    /// The sort keys inside a partition: the partition keys ascending (when <paramref name="withPartitionKeys"/>),
    /// then the presort.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A key is not a column of <paramref name="schema"/>; the message names both.</exception>
    public IReadOnlyList<PresortKey> GetSorts(Schema schema, bool withPartitionKeys = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var result = new List<PresortKey>((withPartitionKeys ? _by.Length : 0) + _presort.Length);
        if (withPartitionKeys)
        {
            foreach (var k in _by)
            {
                RequireColumn(schema, k, "partition key");
                result.Add(new PresortKey(k, true));
            }
        }

        foreach (var p in _presort)
        {
            RequireColumn(schema, p.Name, "presort key");
            result.Add(p);
        }

        return result;
    }

    /// <summary>The schema of the partition keys, in <see cref="PartitionBy"/> order.</summary>
    /// <exception cref="KeyNotFoundException">A key is not a column of <paramref name="schema"/>.</exception>
    public Schema GetKeySchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new Field[_by.Length];
        for (var i = 0; i < _by.Length; i++)
        {
            RequireColumn(schema, _by[i], "partition key");
            fields[i] = schema[_by[i]];
        }

        return new Schema(fields);
    }

    /// <summary>A cursor for one physical partition of a frame with <paramref name="schema"/>.</summary>
    /// <exception cref="KeyNotFoundException">A partition key is not a column of <paramref name="schema"/>.</exception>
    public PartitionCursor GetCursor(Schema schema, int physicalPartitionNo) => new(schema, this, physicalPartitionNo);

    /// <inheritdoc />
    public bool Equals(PartitionSpec? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(NumPartitions, other.NumPartitions, StringComparison.Ordinal)
                && Algo == other.Algo
                && RowLimit == other.RowLimit
                && SizeLimit == other.SizeLimit
                && _by.AsSpan().SequenceEqual(other._by)
                && _presort.AsSpan().SequenceEqual(other._presort)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PartitionSpec p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(NumPartitions, StringComparer.Ordinal);
        h.Add(Algo);
        foreach (var k in _by)
        {
            h.Add(k, StringComparer.Ordinal);
        }

        foreach (var p in _presort)
        {
            h.Add(p);
        }

        return h.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(PartitionSpec? left, PartitionSpec? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(PartitionSpec? left, PartitionSpec? right) => !(left == right);

    /// <summary>A readable form, e.g. <c>PartitionSpec(num='4', algo='even', by=[a], presort='b DESC')</c>.</summary>
    public override string ToString() =>
        $"PartitionSpec(num='{NumPartitions}', algo='{AlgoName}', by={FormatKeys(_by)}, presort='{PresortExpression}')";

    private static void RequireNonBlank(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FuguePartitionSpecException(
                $"'{value}' is not a partition spec: a blank string is ambiguous; use PartitionSpec.Empty for no partitioning or PartitionSpec.By(name) for such a column");
        }
    }

    private static void RequireColumn(Schema schema, string name, string role)
    {
        if (!schema.Contains(name))
        {
            throw new KeyNotFoundException($"{role} '{name}' is not in schema '{schema}'");
        }
    }

    private static string FormatKeys(string[] keys) => "[" + string.Join(", ", keys.Select(k => "'" + k + "'")) + "]";

    private static string[] CopyKeys(IEnumerable<string>? by) => by is null ? [] : by.ToArray();

    private static PresortKey[] CopyPresort(IEnumerable<PresortKey>? presort)
    {
        if (presort is null)
        {
            return [];
        }

        var list = new List<PresortKey>(presort);
        foreach (var p in list)
        {
            if (p.Name is null)
            {
                throw new FuguePartitionSpecException("a presort key has a null name");
            }
        }

        return PresortParser.CheckDuplicates(list, string.Join(",", list));
    }
}
