using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// Hash group-by over batches: rows are assigned group ids by their key values (null keys form a group, as SQL's
/// GROUP BY does; no keys means one group, even for no rows), and each aggregation accumulates per group in typed
/// arrays. <see cref="Finish"/> returns one row per group in first-seen order: key columns <c>_k0..</c> then aggregate
/// columns <c>_a0..</c>.
/// </summary>
internal sealed class GroupAggregator
{
    private readonly Schema _input;
    private readonly ColumnExpr[] _keys;
    private readonly AggregateExpr[] _aggregations;
    private readonly Accumulator[] _accumulators;
    private readonly Dictionary<object?[], int> _groups = new(ValueKeyComparer.Instance);
    private readonly LongGroupTable _longGroups = new();
    private readonly List<long> _groupLongs = [];
    private readonly List<object?[]> _groupKeys = [];
    private readonly DataType[] _keyTypes;
    private readonly bool _longKey;
    private readonly bool _stringKey;
    private readonly Dictionary<string, int> _stringGroups = new(StringComparer.Ordinal);
    private char[] _chars = new char[256];
    private int _nullLongGroup = -1;
    private int _groupCount;
    private int _batchIndex;

    public GroupAggregator(Schema input, IReadOnlyList<ColumnExpr> keys, IReadOnlyList<AggregateExpr> aggregations)
    {
        _input = input;
        _keys = keys.ToArray();
        _aggregations = aggregations.ToArray();
        _keyTypes = _keys.Select(k => k.InferType(input)).ToArray();
        _longKey = _keys.Length == 1 && _keyTypes[0] is var t && (t.IsInteger && t.Kind != TypeKind.UInt64 || t.Kind is TypeKind.Bool or TypeKind.Date || t.IsTimestamp);
        _stringKey = _keys.Length == 1 && _keyTypes[0].Kind == TypeKind.String;
        _accumulators = _aggregations.Select(a => Accumulator.Create(a, a.Argument.IsWildcard ? DataType.Null : a.Argument.InferType(input))).ToArray();
        if (_keys.Length == 0)
        {
            _groupCount = 1;
            _groupKeys.Add([]);
        }
    }

    /// <summary>The group batch's schema: <c>_k0..</c> with the key types, then <c>_a0..</c> with the aggregations' types.</summary>
    public Schema OutputSchema => new(
        _keys.Select((k, i) => new Field(KeyName(i), _keyTypes[i]))
            .Concat(_aggregations.Select((a, i) => new Field(AggregateName(i), a.InferType(_input)))));

    public static string KeyName(int i) => "_k" + i.ToString(CultureInfo.InvariantCulture);

    public static string AggregateName(int i) => "_a" + i.ToString(CultureInfo.InvariantCulture);

    public void Add(RecordBatch batch)
    {
        var n = batch.Length;
        if (n == 0)
        {
            return;
        }

        int[]? groups = null; // null: every row in the single group 0 (no keys)
        if (_keys.Length > 0)
        {
            groups = new int[n];
            var keyColumns = _keys.Select(k => ColumnarEvaluator.Evaluate(k, batch)).ToArray();
            if (_longKey)
            {
                AssignLongGroups(keyColumns[0], groups);
            }
            else if (_stringKey && keyColumns[0] is StringColumn strings)
            {
                AssignStringGroups(strings, groups);
            }
            else
            {
                AssignGroups(keyColumns, groups);
            }
        }

        for (var i = 0; i < _accumulators.Length; i++)
        {
            var argument = _aggregations[i].Argument;
            if (_accumulators[i] is DoubleSumAccumulator fused
                && argument is BinaryExpr { Operator: BinaryOperator.Multiply, Left: ColumnRefExpr l, Right: ColumnRefExpr r, AsType: null }
                && l.AsType is null && r.AsType is null
                && batch.Schema.TryIndexOf(l.Column) is var li and >= 0 && batch.Schema.TryIndexOf(r.Column) is var ri and >= 0
                && batch.Column(li) is PrimitiveColumn<double> lc && batch.Column(ri) is PrimitiveColumn<double> rc)
            {
                // SUM/AVG(x * y) of two double columns: multiply-accumulate without materializing the product column
                fused.AddProduct(lc, rc, groups, n, _groupCount);
                continue;
            }

            var values = argument.IsWildcard ? null : ColumnarEvaluator.Evaluate(argument, batch);
            _accumulators[i].Add(values, groups, n, _groupCount, _batchIndex);
        }

        _batchIndex++;
    }

    public RecordBatch Finish()
    {
        foreach (var acc in _accumulators)
        {
            acc.EnsureGroups(_groupCount);
        }

        var columns = new List<Column>();
        for (var k = 0; k < _keys.Length; k++)
        {
            var builder = ColumnBuilder.Create(_keyTypes[k], _groupCount);
            foreach (var key in _groupKeys)
            {
                builder.Append(key[k]);
            }

            columns.Add(builder.Build());
        }

        for (var i = 0; i < _accumulators.Length; i++)
        {
            columns.Add(_accumulators[i].Build(_groupCount, _aggregations[i].InferType(_input)));
        }

        return new RecordBatch(OutputSchema, columns, _groupCount);
    }

    private void AssignLongGroups(Column key, int[] groups)
    {
        switch (key)
        {
            case PrimitiveColumn<int> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<long> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<short> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<sbyte> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<uint> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<ushort> c: AssignLongGroups(c.Values, key, groups); break;
            case PrimitiveColumn<byte> c: AssignLongGroups(c.Values, key, groups); break;
            default: AssignLongGroups(ColumnKernels.AsInt64(key, out _), key, groups); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AssignLongGroups<T>(ReadOnlySpan<T> values, Column key, int[] groups)
        where T : unmanaged, IBinaryInteger<T>
    {
        var hasNulls = key.NullCount > 0;
        var table = _longGroups;
        for (var i = 0; i < groups.Length; i++)
        {
            int g;
            if (hasNulls && key.IsNull(i))
            {
                if (_nullLongGroup < 0)
                {
                    _nullLongGroup = NewGroup([null]);
                }

                g = _nullLongGroup;
            }
            else
            {
                var v = long.CreateTruncating(values[i]);
                g = table.Find(v);
                if (g < 0)
                {
                    g = NewGroup([key.GetValue(i)], v);
                    table.Add(v, g);
                }
            }

            groups[i] = g;
        }
    }

    private void AssignStringGroups(StringColumn key, int[] groups)
    {
        // look strings up by their decoded chars so that only a new group allocates a string
        var lookup = _stringGroups.GetAlternateLookup<ReadOnlySpan<char>>();
        var hasNulls = key.NullCount > 0;
        for (var i = 0; i < groups.Length; i++)
        {
            int g;
            if (hasNulls && key.IsNull(i))
            {
                if (_nullLongGroup < 0)
                {
                    _nullLongGroup = NewGroup([null]);
                }

                g = _nullLongGroup;
            }
            else
            {
                var bytes = key.GetBytes(i);
                var max = System.Text.Encoding.UTF8.GetMaxCharCount(bytes.Length);
                if (_chars.Length < max)
                {
                    _chars = new char[Math.Max(max, _chars.Length * 2)];
                }

                var chars = _chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(bytes, _chars));
                if (!lookup.TryGetValue(chars, out g))
                {
                    var text = new string(chars);
                    g = NewGroup([text]);
                    _stringGroups.Add(text, g);
                }
            }

            groups[i] = g;
        }
    }

    private void AssignGroups(Column[] keys, int[] groups)
    {
        var scratch = new object?[keys.Length];
        for (var i = 0; i < groups.Length; i++)
        {
            for (var k = 0; k < keys.Length; k++)
            {
                scratch[k] = keys[k].GetValue(i);
            }

            if (!_groups.TryGetValue(scratch, out var g))
            {
                var stored = (object?[])scratch.Clone();
                g = NewGroup(stored);
                _groups.Add(stored, g);
            }

            groups[i] = g;
        }
    }

    private int NewGroup(object?[] key, long longKey = 0)
    {
        _groupKeys.Add(key);
        _groupLongs.Add(longKey);
        return _groupCount++;
    }

    /// <summary>
    /// Folds the groups of <paramref name="later"/> (an aggregator of the same select over later batches) into this
    /// one: its new groups follow this one's in its first-seen order, so the result equals one aggregator over all the
    /// batches in order (up to floating-point summation order).
    /// </summary>
    public void Merge(GroupAggregator later)
    {
        var map = new int[later._groupCount];
        for (var g = 0; g < map.Length; g++)
        {
            map[g] = _keys.Length == 0 ? 0 : FindOrAddGroup(later._groupKeys[g], later._groupLongs[g]);
        }

        for (var i = 0; i < _accumulators.Length; i++)
        {
            _accumulators[i].Merge(later._accumulators[i], map, _groupCount);
        }

        _batchIndex += later._batchIndex;
    }

    private int FindOrAddGroup(object?[] key, long longKey)
    {
        if ((_longKey || _stringKey) && key[0] is null)
        {
            if (_nullLongGroup < 0)
            {
                _nullLongGroup = NewGroup([null]);
            }

            return _nullLongGroup;
        }

        if (_longKey)
        {
            var g = _longGroups.Find(longKey);
            if (g < 0)
            {
                g = NewGroup(key, longKey);
                _longGroups.Add(longKey, g);
            }

            return g;
        }

        if (_stringKey && key[0] is string text)
        {
            if (!_stringGroups.TryGetValue(text, out var g))
            {
                g = NewGroup(key);
                _stringGroups.Add(text, g);
            }

            return g;
        }

        if (!_groups.TryGetValue(key, out var found))
        {
            found = NewGroup(key);
            _groups.Add(key, found);
        }

        return found;
    }

    /// <summary>Per-group state of one aggregation.</summary>
    private abstract class Accumulator
    {
        public static Accumulator Create(AggregateExpr aggregation, DataType input) => aggregation.Function switch
        {
            AggregateFunction.Count when aggregation.Argument.IsWildcard => new CountAccumulator(countNulls: true),
            AggregateFunction.Count => new CountAccumulator(countNulls: false),
            AggregateFunction.CountDistinct => new CountDistinctAccumulator(),
            AggregateFunction.Sum when input.IsInteger || input.Kind == TypeKind.Bool => new LongSumAccumulator(),
            AggregateFunction.Sum => new DoubleSumAccumulator(average: false),
            AggregateFunction.Avg => new DoubleSumAccumulator(average: true),
            AggregateFunction.Min or AggregateFunction.Max when IsLongLike(input) =>
                new LongExtremeAccumulator(aggregation.Function == AggregateFunction.Max),
            AggregateFunction.Min or AggregateFunction.Max when input.IsFloatingPoint =>
                new DoubleExtremeAccumulator(aggregation.Function == AggregateFunction.Max),
            AggregateFunction.Min or AggregateFunction.Max => new ObjectExtremeAccumulator(aggregation.Function == AggregateFunction.Max),
            _ => new PositionAccumulator(aggregation.Function == AggregateFunction.Last),
        };

        private static bool IsLongLike(DataType t) =>
            (t.IsInteger && t.Kind != TypeKind.UInt64) || t.Kind is TypeKind.Bool or TypeKind.Date || t.IsTimestamp;

        public abstract void EnsureGroups(int count);

        /// <summary>Adds a batch's rows; <paramref name="groups"/> null means every row is in group 0.</summary>
        public abstract void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex);

        /// <summary>Folds in <paramref name="later"/>'s state (the same aggregation over later rows), its group g going to <paramref name="map"/>[g].</summary>
        public abstract void Merge(Accumulator later, int[] map, int groupCount);

        protected static int[] Zeros(int rows) => new int[rows];

        public abstract Column Build(int groupCount, DataType type);

        protected static void Grow<T>(ref T[] array, int count)
        {
            if (array.Length < count)
            {
                Array.Resize(ref array, Math.Max(count, array.Length * 2));
            }
        }

        /// <summary>A column of <paramref name="type"/> from long storage values (ints, bool 0/1, date days, timestamp units).</summary>
        protected static Column FromLongs(DataType type, long[] values, bool[] has, int count)
        {
            var builder = ColumnBuilder.Create(type, count);
            for (var g = 0; g < count; g++)
            {
                if (!has[g])
                {
                    builder.AppendNull();
                    continue;
                }

                var v = values[g];
                switch (builder)
                {
                    case PrimitiveColumnBuilder<long> b: b.Append(v); break;
                    case PrimitiveColumnBuilder<int> b: b.Append((int)v); break;
                    case PrimitiveColumnBuilder<short> b: b.Append((short)v); break;
                    case PrimitiveColumnBuilder<sbyte> b: b.Append((sbyte)v); break;
                    case PrimitiveColumnBuilder<uint> b: b.Append((uint)v); break;
                    case PrimitiveColumnBuilder<ushort> b: b.Append((ushort)v); break;
                    case PrimitiveColumnBuilder<byte> b: b.Append((byte)v); break;
                    case BooleanColumnBuilder b: b.Append(v != 0); break;
                    default: builder.Append(ValueConverter.Convert(v, type)); break;
                }
            }

            return builder.Build();
        }
    }

    /// <summary>The validity bits of a column, read directly (no virtual call per row).</summary>
    private readonly ref struct Validity
    {
        private readonly ReadOnlySpan<byte> _bits;
        private readonly int _offset;

        public Validity(Column column)
        {
            _bits = column.NullCount > 0 ? column.ValidityBuffer.Span : default;
            _offset = column.Offset;
        }

        /// <summary>True when some row is null.</summary>
        public bool Any => !_bits.IsEmpty;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsValid(int i)
        {
            var j = _offset + i;
            return (_bits[j >> 3] & (1 << (j & 7))) != 0;
        }
    }

    private sealed class CountAccumulator(bool countNulls) : Accumulator
    {
        private long[] _counts = new long[16];

        public override void EnsureGroups(int count) => Grow(ref _counts, count);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn && !countNulls)
            {
                return;
            }

            var valid = countNulls || values is null ? default : new Validity(values);
            if (groups is null)
            {
                long n = rows;
                if (valid.Any)
                {
                    n = 0;
                    for (var i = 0; i < rows; i++)
                    {
                        n += valid.IsValid(i) ? 1 : 0;
                    }
                }

                _counts[0] += n;
                return;
            }

            var counts = _counts;
            if (!valid.Any)
            {
                foreach (var g in groups)
                {
                    counts[g]++;
                }

                return;
            }

            for (var i = 0; i < groups.Length; i++)
            {
                if (valid.IsValid(i))
                {
                    counts[groups[i]]++;
                }
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (CountAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                _counts[map[g]] += other._counts[g];
            }
        }

        public override Column Build(int groupCount, DataType type) =>
            ColumnKernels.Cast(PrimitiveColumn<long>.FromArray(DataType.Int64, _counts[..groupCount]), type);
    }

    private sealed class CountDistinctAccumulator : Accumulator
    {
        private HashSet<object>?[] _sets = new HashSet<object>?[16];

        public override void EnsureGroups(int count) => Grow(ref _sets, count);

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            groups ??= Zeros(rows);
            for (var i = 0; i < groups.Length; i++)
            {
                if (values!.GetValue(i) is { } v)
                {
                    (_sets[groups[i]] ??= new HashSet<object>(ValueKeyComparer.Instance!)).Add(v);
                }
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (CountDistinctAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._sets[g] is { } set)
                {
                    var target = _sets[map[g]] ??= new HashSet<object>(ValueKeyComparer.Instance!);
                    target.UnionWith(set);
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            var counts = new long[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                counts[g] = _sets[g]?.Count ?? 0;
            }

            return ColumnKernels.Cast(PrimitiveColumn<long>.FromArray(DataType.Int64, counts), type);
        }
    }

    private sealed class LongSumAccumulator : Accumulator
    {
        private long[] _sums = new long[16];
        private bool[] _has = new bool[16];

        public override void EnsureGroups(int count)
        {
            Grow(ref _sums, count);
            Grow(ref _has, count);
        }

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            try
            {
                AddCore(values!, groups, rows);
            }
            catch (OverflowException e)
            {
                throw new OverflowException("integer overflow in SUM", e);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddCore(Column values, int[]? groups, int rows)
        {
            var v = ColumnKernels.AsInt64(values, out _);
            var valid = new Validity(values);
            if (groups is null)
            {
                var sum = _sums[0];
                var any = false;
                for (var i = 0; i < rows; i++)
                {
                    if (!valid.Any || valid.IsValid(i))
                    {
                        sum = checked(sum + v[i]);
                        any = true;
                    }
                }

                _sums[0] = sum;
                _has[0] |= any;
                return;
            }

            for (var i = 0; i < groups.Length; i++)
            {
                if (valid.Any && !valid.IsValid(i))
                {
                    continue;
                }

                var g = groups[i];
                _sums[g] = checked(_sums[g] + v[i]);
                _has[g] = true;
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (LongSumAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._has[g])
                {
                    var t = map[g];
                    try
                    {
                        _sums[t] = checked(_sums[t] + other._sums[g]);
                    }
                    catch (OverflowException e)
                    {
                        throw new OverflowException("integer overflow in SUM", e);
                    }

                    _has[t] = true;
                }
            }
        }

        public override Column Build(int groupCount, DataType type) => FromLongs(type, _sums, _has, groupCount);
    }

    private sealed class DoubleSumAccumulator(bool average) : Accumulator
    {
        private double[] _sums = new double[16];
        private long[] _counts = new long[16];

        public override void EnsureGroups(int count)
        {
            Grow(ref _sums, count);
            Grow(ref _counts, count);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            var v = ColumnKernels.AsDouble(values!);
            var valid = new Validity(values!);
            if (groups is null)
            {
                var sum = 0.0;
                long n = 0;
                if (!valid.Any)
                {
                    for (var i = 0; i < rows; i++)
                    {
                        sum += v[i];
                    }

                    n = rows;
                }
                else
                {
                    for (var i = 0; i < rows; i++)
                    {
                        if (valid.IsValid(i))
                        {
                            sum += v[i];
                            n++;
                        }
                    }
                }

                _sums[0] += sum;
                _counts[0] += n;
                return;
            }

            var sums = _sums;
            var counts = _counts;
            if (!valid.Any)
            {
                for (var i = 0; i < groups.Length; i++)
                {
                    var g = groups[i];
                    sums[g] += v[i];
                    counts[g]++;
                }

                return;
            }

            for (var i = 0; i < groups.Length; i++)
            {
                if (valid.IsValid(i))
                {
                    var g = groups[i];
                    sums[g] += v[i];
                    counts[g]++;
                }
            }
        }

        /// <summary>Adds <c>left[i] * right[i]</c> per row, skipping rows where either is null (the product's nulls).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddProduct(PrimitiveColumn<double> left, PrimitiveColumn<double> right, int[]? groups, int rows, int groupCount)
        {
            EnsureGroups(groupCount);
            var l = left.Values;
            var r = right.Values;
            var lv = new Validity(left);
            var rv = new Validity(right);
            var sums = _sums;
            var counts = _counts;
            if (!lv.Any && !rv.Any)
            {
                if (groups is null)
                {
                    var sum = 0.0;
                    for (var i = 0; i < rows; i++)
                    {
                        sum += l[i] * r[i];
                    }

                    sums[0] += sum;
                    counts[0] += rows;
                    return;
                }

                for (var i = 0; i < rows; i++)
                {
                    var g = groups[i];
                    sums[g] += l[i] * r[i];
                    counts[g]++;
                }

                return;
            }

            if (groups is null)
            {
                var sum = 0.0;
                long n = 0;
                for (var i = 0; i < rows; i++)
                {
                    if ((!lv.Any || lv.IsValid(i)) && (!rv.Any || rv.IsValid(i)))
                    {
                        sum += l[i] * r[i];
                        n++;
                    }
                }

                sums[0] += sum;
                counts[0] += n;
                return;
            }

            for (var i = 0; i < rows; i++)
            {
                if ((!lv.Any || lv.IsValid(i)) && (!rv.Any || rv.IsValid(i)))
                {
                    var g = groups[i];
                    sums[g] += l[i] * r[i];
                    counts[g]++;
                }
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (DoubleSumAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._counts[g] > 0)
                {
                    _sums[map[g]] += other._sums[g];
                    _counts[map[g]] += other._counts[g];
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            if (type.Kind == TypeKind.Null)
            {
                return new NullColumn(groupCount);
            }

            var values = new double[groupCount];
            var isNull = new bool[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                isNull[g] = _counts[g] == 0;
                values[g] = average && _counts[g] > 0 ? _sums[g] / _counts[g] : _sums[g];
            }

            return ColumnKernels.Cast(PrimitiveColumn<double>.FromArray(DataType.Float64, values, isNull), type);
        }
    }

    private sealed class LongExtremeAccumulator(bool max) : Accumulator
    {
        private long[] _best = new long[16];
        private bool[] _has = new bool[16];

        public override void EnsureGroups(int count)
        {
            Grow(ref _best, count);
            Grow(ref _has, count);
        }

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            groups ??= Zeros(rows);
            var v = ColumnKernels.AsInt64(values!, out _);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                Offer(groups[i], v[i]);
            }
        }

        private void Offer(int g, long value)
        {
            if (!_has[g] || (max ? value > _best[g] : value < _best[g]))
            {
                _best[g] = value;
                _has[g] = true;
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (LongExtremeAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._has[g])
                {
                    Offer(map[g], other._best[g]);
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            if (type.Kind is TypeKind.Date or TypeKind.Timestamp)
            {
                var values = new long[groupCount];
                Array.Copy(_best, values, groupCount);
                var isNull = _has[..groupCount].Select(h => !h).ToArray();
                return type.Kind == TypeKind.Date
                    ? PrimitiveColumn<int>.FromArray(type, values.Select(x => (int)x).ToArray(), isNull)
                    : PrimitiveColumn<long>.FromArray(type, values, isNull);
            }

            return FromLongs(type, _best, _has, groupCount);
        }
    }

    private sealed class DoubleExtremeAccumulator(bool max) : Accumulator
    {
        private double[] _best = new double[16];
        private bool[] _has = new bool[16];

        public override void EnsureGroups(int count)
        {
            Grow(ref _best, count);
            Grow(ref _has, count);
        }

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            groups ??= Zeros(rows);
            var v = ColumnKernels.AsDouble(values!);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                Offer(groups[i], v[i]);
            }
        }

        private void Offer(int g, double value)
        {
            if (!_has[g] || (max ? value > _best[g] : value < _best[g]))
            {
                _best[g] = value;
                _has[g] = true;
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (DoubleExtremeAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._has[g])
                {
                    Offer(map[g], other._best[g]);
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            var isNull = _has[..groupCount].Select(h => !h).ToArray();
            return type.Kind switch
            {
                TypeKind.Float32 => PrimitiveColumn<float>.FromArray(type, _best[..groupCount].Select(d => (float)d).ToArray(), isNull),
                TypeKind.Float16 => PrimitiveColumn<Half>.FromArray(type, _best[..groupCount].Select(d => (Half)d).ToArray(), isNull),
                _ => PrimitiveColumn<double>.FromArray(type, _best[..groupCount], isNull),
            };
        }
    }

    private sealed class ObjectExtremeAccumulator(bool max) : Accumulator
    {
        private object?[] _best = new object?[16];

        public override void EnsureGroups(int count) => Grow(ref _best, count);

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            groups ??= Zeros(rows);
            for (var i = 0; i < groups.Length; i++)
            {
                if (values!.GetValue(i) is { } v)
                {
                    Offer(groups[i], v);
                }
            }
        }

        private void Offer(int g, object v)
        {
            var best = _best[g];
            if (best is null || (max ? ValueOrder.Compare(v, best) > 0 : ValueOrder.Compare(v, best) < 0))
            {
                _best[g] = v;
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (ObjectExtremeAccumulator)later;
            for (var g = 0; g < map.Length; g++)
            {
                if (other._best[g] is { } v)
                {
                    Offer(map[g], v);
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            var builder = ColumnBuilder.Create(type, groupCount);
            for (var g = 0; g < groupCount; g++)
            {
                builder.Append(_best[g]);
            }

            return builder.Build();
        }
    }

    /// <summary>FIRST/LAST: remembers the row (batch, index) per group and reads the values at the end.</summary>
    private sealed class PositionAccumulator(bool last) : Accumulator
    {
        private readonly List<Column> _columns = [];
        private long[] _positions = new long[16];
        private bool[] _has = new bool[16];

        public override void EnsureGroups(int count)
        {
            Grow(ref _positions, count);
            Grow(ref _has, count);
        }

        public override void Add(Column? values, int[]? groups, int rows, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            groups ??= Zeros(rows);
            _columns.Add(values!);
            var batch = (long)(_columns.Count - 1) << 32;
            for (var i = 0; i < groups.Length; i++)
            {
                var g = groups[i];
                if (last || !_has[g])
                {
                    _positions[g] = batch | (uint)i;
                    _has[g] = true;
                }
            }
        }

        public override void Merge(Accumulator later, int[] map, int groupCount)
        {
            EnsureGroups(groupCount);
            var other = (PositionAccumulator)later;
            var shift = (long)_columns.Count << 32;
            _columns.AddRange(other._columns);
            for (var g = 0; g < map.Length; g++)
            {
                var t = map[g];
                if (other._has[g] && (last || !_has[t]))
                {
                    _positions[t] = other._positions[g] + shift;
                    _has[t] = true;
                }
            }
        }

        public override Column Build(int groupCount, DataType type)
        {
            var builder = ColumnBuilder.Create(type, groupCount);
            for (var g = 0; g < groupCount; g++)
            {
                if (!_has[g])
                {
                    builder.AppendNull();
                    continue;
                }

                var p = _positions[g];
                builder.Append(_columns[(int)(p >> 32)].GetValue((int)(uint)p));
            }

            return builder.Build();
        }
    }
}
