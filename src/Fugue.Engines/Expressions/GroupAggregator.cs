using System.Globalization;
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
    private readonly Dictionary<long, int> _longGroups = [];
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

        var groups = new int[n];
        if (_keys.Length > 0)
        {
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
            var values = argument.IsWildcard ? null : ColumnarEvaluator.Evaluate(argument, batch);
            _accumulators[i].Add(values, groups, _groupCount, _batchIndex);
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
        var values = ColumnKernels.AsInt64(key, out _);
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
            else if (!_longGroups.TryGetValue(values[i], out g))
            {
                g = NewGroup([key.GetValue(i)]);
                _longGroups.Add(values[i], g);
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

    private int NewGroup(object?[] key)
    {
        _groupKeys.Add(key);
        return _groupCount++;
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

        public abstract void Add(Column? values, int[] groups, int groupCount, int batchIndex);

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

    private sealed class CountAccumulator(bool countNulls) : Accumulator
    {
        private long[] _counts = new long[16];

        public override void EnsureGroups(int count) => Grow(ref _counts, count);

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (countNulls || values is null || values.NullCount == 0)
            {
                if (values is NullColumn && !countNulls)
                {
                    return;
                }

                foreach (var g in groups)
                {
                    _counts[g]++;
                }

                return;
            }

            for (var i = 0; i < groups.Length; i++)
            {
                if (!values.IsNull(i))
                {
                    _counts[groups[i]]++;
                }
            }
        }

        public override Column Build(int groupCount, DataType type) =>
            ColumnKernels.Cast(PrimitiveColumn<long>.FromArray(DataType.Int64, _counts[..groupCount]), type);
    }

    private sealed class CountDistinctAccumulator : Accumulator
    {
        private HashSet<object>?[] _sets = new HashSet<object>?[16];

        public override void EnsureGroups(int count) => Grow(ref _sets, count);

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            for (var i = 0; i < groups.Length; i++)
            {
                if (values!.GetValue(i) is { } v)
                {
                    (_sets[groups[i]] ??= new HashSet<object>(ValueKeyComparer.Instance!)).Add(v);
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            var v = ColumnKernels.AsInt64(values!, out _);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                var g = groups[i];
                try
                {
                    _sums[g] = checked(_sums[g] + v[i]);
                }
                catch (OverflowException e)
                {
                    throw new OverflowException("integer overflow in SUM", e);
                }

                _has[g] = true;
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            var v = ColumnKernels.AsDouble(values!);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                _sums[groups[i]] += v[i];
                _counts[groups[i]]++;
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            if (values is NullColumn)
            {
                return;
            }

            var v = ColumnKernels.AsInt64(values!, out _);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                var g = groups[i];
                if (!_has[g] || (max ? v[i] > _best[g] : v[i] < _best[g]))
                {
                    _best[g] = v[i];
                    _has[g] = true;
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            var v = ColumnKernels.AsDouble(values!);
            var hasNulls = values!.NullCount > 0;
            for (var i = 0; i < groups.Length; i++)
            {
                if (hasNulls && values.IsNull(i))
                {
                    continue;
                }

                var g = groups[i];
                if (!_has[g] || (max ? v[i] > _best[g] : v[i] < _best[g]))
                {
                    _best[g] = v[i];
                    _has[g] = true;
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
            for (var i = 0; i < groups.Length; i++)
            {
                if (values!.GetValue(i) is not { } v)
                {
                    continue;
                }

                var g = groups[i];
                var best = _best[g];
                if (best is null || (max ? ValueOrder.Compare(v, best) > 0 : ValueOrder.Compare(v, best) < 0))
                {
                    _best[g] = v;
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

        public override void Add(Column? values, int[] groups, int groupCount, int batchIndex)
        {
            EnsureGroups(groupCount);
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
