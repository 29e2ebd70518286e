using System.Globalization;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.IO.Parquet;

/// <summary>
/// A row-group pruning hint for <see cref="ParquetReader.ReadRowGroups(IEnumerable{string}?, ParquetFilter?)"/>:
/// comparisons of top-level primitive columns with constants (=, &lt;, &lt;=, &gt;, &gt;=, IS NULL, IS NOT NULL)
/// combined with AND/OR, evaluated against each row group's column statistics (min, max, null count).
/// </summary>
/// <remarks>
/// A row group is skipped only when its statistics prove that no row can satisfy the filter. Rows of the row
/// groups that are read are NOT filtered: callers that need exact results must still apply the predicate.
/// Missing or unusable statistics (no min/max, NaN bounds, INT96, nested columns, constants that do not convert
/// exactly to the column's stored representation) never skip a group. Comparison constants use the canonical
/// .NET values of the column type (any integer for integer columns, any number for floating point,
/// <see cref="string"/>, <see cref="byte"/>[], <see cref="DateOnly"/>, <see cref="DateTime"/>, <see cref="decimal"/>, <see cref="bool"/>).
/// Comparisons follow SQL semantics: a null never satisfies =, &lt;, &lt;=, &gt; or &gt;=.
/// </remarks>
public abstract class ParquetFilter
{
    private protected ParquetFilter()
    {
    }

    /// <summary><paramref name="column"/> = <paramref name="value"/>.</summary>
    public static ParquetFilter Equal(string column, object value) => new Predicate(column, ParquetComparison.Equal, value);

    /// <summary><paramref name="column"/> &lt; <paramref name="value"/>.</summary>
    public static ParquetFilter LessThan(string column, object value) => new Predicate(column, ParquetComparison.LessThan, value);

    /// <summary><paramref name="column"/> &lt;= <paramref name="value"/>.</summary>
    public static ParquetFilter LessThanOrEqual(string column, object value) => new Predicate(column, ParquetComparison.LessThanOrEqual, value);

    /// <summary><paramref name="column"/> &gt; <paramref name="value"/>.</summary>
    public static ParquetFilter GreaterThan(string column, object value) => new Predicate(column, ParquetComparison.GreaterThan, value);

    /// <summary><paramref name="column"/> &gt;= <paramref name="value"/>.</summary>
    public static ParquetFilter GreaterThanOrEqual(string column, object value) => new Predicate(column, ParquetComparison.GreaterThanOrEqual, value);

    /// <summary><paramref name="column"/> IS NULL.</summary>
    public static ParquetFilter IsNull(string column) => new Predicate(column, ParquetComparison.IsNull, null);

    /// <summary><paramref name="column"/> IS NOT NULL.</summary>
    public static ParquetFilter IsNotNull(string column) => new Predicate(column, ParquetComparison.IsNotNull, null);

    /// <summary>A comparison of <paramref name="column"/> with <paramref name="value"/> (ignored for the null tests).</summary>
    public static ParquetFilter Compare(string column, ParquetComparison comparison, object? value)
    {
        if (comparison is not (ParquetComparison.IsNull or ParquetComparison.IsNotNull))
        {
            ArgumentNullException.ThrowIfNull(value);
        }

        return new Predicate(column, comparison, value);
    }

    /// <summary>All of <paramref name="filters"/> hold.</summary>
    public static ParquetFilter And(params ParquetFilter[] filters) => new Junction(true, filters);

    /// <summary>Any of <paramref name="filters"/> holds.</summary>
    public static ParquetFilter Or(params ParquetFilter[] filters) => new Junction(false, filters);

    /// <summary>Both filters hold.</summary>
    public static ParquetFilter operator &(ParquetFilter left, ParquetFilter right) => And(left, right);

    /// <summary>Either filter holds.</summary>
    public static ParquetFilter operator |(ParquetFilter left, ParquetFilter right) => Or(left, right);

    /// <summary>False only when the statistics prove no row of the group can match.</summary>
    internal abstract bool MightMatch(ParquetReader reader, RowGroup group);

    private sealed class Junction : ParquetFilter
    {
        private readonly bool _all;
        private readonly ParquetFilter[] _parts;

        public Junction(bool all, ParquetFilter[] parts)
        {
            ArgumentNullException.ThrowIfNull(parts);
            if (parts.Length == 0 || parts.Any(p => p is null))
            {
                throw new ArgumentException("AND/OR needs at least one non-null filter.", nameof(parts));
            }

            _all = all;
            _parts = parts;
        }

        internal override bool MightMatch(ParquetReader reader, RowGroup group) =>
            _all ? _parts.All(p => p.MightMatch(reader, group)) : _parts.Any(p => p.MightMatch(reader, group));

        public override string ToString() => "(" + string.Join(_all ? " AND " : " OR ", _parts.Select(p => p.ToString())) + ")";
    }

    private sealed class Predicate : ParquetFilter
    {
        private readonly string _column;
        private readonly ParquetComparison _comparison;
        private readonly object? _value;

        public Predicate(string column, ParquetComparison comparison, object? value)
        {
            ArgumentNullException.ThrowIfNull(column);
            _column = column;
            _comparison = comparison;
            _value = value;
        }

        internal override bool MightMatch(ParquetReader reader, RowGroup group)
        {
            var index = reader.Schema.TryIndexOf(_column);
            if (index < 0)
            {
                throw new ArgumentException($"Filter column '{_column}' is not in the file schema '{reader.Schema}'.");
            }

            var node = reader.Field(index);
            if (!node.IsFlat || node.LeafIndex >= group.Columns.Count)
            {
                return true;
            }

            var stats = group.Columns[node.LeafIndex].MetaData?.Statistics;
            if (stats is null)
            {
                return true;
            }

            var rows = group.NumRows;
            var nulls = stats.NullCount;
            switch (_comparison)
            {
                case ParquetComparison.IsNull:
                    return nulls is not 0;
                case ParquetComparison.IsNotNull:
                    return nulls is not { } n || n < rows;
            }

            if (nulls is { } all && all >= rows)
            {
                return false; // only nulls: no comparison can hold
            }

            var (min, max) = StatisticsBounds.Read(node, stats, reader.LeafColumnOrder(node.LeafIndex));
            if (min is not { } lo || max is not { } hi || !StatisticsBounds.TryKey(node.Type, _value!, out var v))
            {
                return true;
            }

            return _comparison switch
            {
                ParquetComparison.Equal => StatisticsBounds.Compare(v, lo) >= 0 && StatisticsBounds.Compare(v, hi) <= 0,
                ParquetComparison.LessThan => StatisticsBounds.Compare(lo, v) < 0,
                ParquetComparison.LessThanOrEqual => StatisticsBounds.Compare(lo, v) <= 0,
                ParquetComparison.GreaterThan => StatisticsBounds.Compare(hi, v) > 0,
                ParquetComparison.GreaterThanOrEqual => StatisticsBounds.Compare(hi, v) >= 0,
                _ => true,
            };
        }

        public override string ToString() => _comparison switch
        {
            ParquetComparison.IsNull => _column + " IS NULL",
            ParquetComparison.IsNotNull => _column + " IS NOT NULL",
            _ => string.Create(CultureInfo.InvariantCulture, $"{_column} {_comparison} {_value}"),
        };
    }
}
