using System.Numerics;
using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// The build side of a hash join on one integer-like key column (ints of any width, date, timestamp): distinct keys
/// get dense ids in first-seen order, and the rows of id <c>k</c> are <c>Rows[Starts[k]..Starts[k+1]]</c> in row order.
/// Keys are held as longs with no per-row object: a direct array when the key range is small (dimension keys), an
/// open-addressing table otherwise. Null keys are not indexed (they never match).
/// </summary>
internal sealed class IntegerKeyIndex
{
    private const int EmptySlot = 0;

    private readonly long _min;
    private readonly int[]? _dense; // id + 1 per (key - min); 0 = absent
    private readonly long[]? _slotKeys;
    private readonly int[]? _slotIds; // id + 1; 0 = empty slot
    private readonly int _mask;

    private IntegerKeyIndex(long min, int[]? dense, long[]? slotKeys, int[]? slotIds, int[] starts, int[] rows, int count)
    {
        _min = min;
        _dense = dense;
        _slotKeys = slotKeys;
        _slotIds = slotIds;
        _mask = slotIds is null ? 0 : slotIds.Length - 1;
        Starts = starts;
        Rows = rows;
        Count = count;
        Unique = rows.Length == count;
    }

    /// <summary>Row ranges per key id (length <see cref="Count"/> + 1).</summary>
    public int[] Starts { get; }

    /// <summary>Build rows grouped by key id, each group in row order.</summary>
    public int[] Rows { get; }

    /// <summary>The number of distinct non-null keys.</summary>
    public int Count { get; }

    /// <summary>True when every non-null key occurs once (each probe row matches at most one row).</summary>
    public bool Unique { get; }

    /// <summary>True for the key types this index handles: integers of any width, date and timestamp.</summary>
    public static bool Supports(DataType type) =>
        type.Kind is TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Int32 or TypeKind.UInt32
            or TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Date or TypeKind.Timestamp;

    /// <summary>Indexes the non-null keys of <paramref name="column"/> (a type <see cref="Supports"/> accepts).</summary>
    public static IntegerKeyIndex Build(Column column)
    {
        var n = column.Length;
        var keys = new long[n];
        var valid = new bool[n];
        ReadKeys(column, keys, valid);
        long min = long.MaxValue, max = long.MinValue;
        var nonNull = 0;
        for (var i = 0; i < n; i++)
        {
            if (valid[i])
            {
                nonNull++;
                min = Math.Min(min, keys[i]);
                max = Math.Max(max, keys[i]);
            }
        }

        var ids = new int[n];
        var count = 0;
        int[]? dense = null;
        long[]? slotKeys = null;
        int[]? slotIds = null;
        if (nonNull > 0 && (ulong)(max - min) < (ulong)Math.Max(1024L, 4L * nonNull))
        {
            dense = new int[(int)(max - min) + 1];
            for (var i = 0; i < n; i++)
            {
                if (!valid[i])
                {
                    ids[i] = -1;
                    continue;
                }

                ref var slot = ref dense[(int)(keys[i] - min)];
                if (slot == EmptySlot)
                {
                    slot = ++count;
                }

                ids[i] = slot - 1;
            }
        }
        else
        {
            var size = 16;
            while (size < 2L * nonNull)
            {
                size <<= 1;
            }

            slotKeys = new long[size];
            slotIds = new int[size];
            var mask = size - 1;
            for (var i = 0; i < n; i++)
            {
                if (!valid[i])
                {
                    ids[i] = -1;
                    continue;
                }

                var k = keys[i];
                var s = Slot(k, mask);
                while (slotIds[s] != EmptySlot && slotKeys[s] != k)
                {
                    s = (s + 1) & mask;
                }

                if (slotIds[s] == EmptySlot)
                {
                    slotKeys[s] = k;
                    slotIds[s] = ++count;
                }

                ids[i] = slotIds[s] - 1;
            }
        }

        // counting sort of the rows by id: no list per key
        var starts = new int[count + 1];
        foreach (var id in ids)
        {
            if (id >= 0)
            {
                starts[id + 1]++;
            }
        }

        for (var k = 0; k < count; k++)
        {
            starts[k + 1] += starts[k];
        }

        var rows = new int[nonNull];
        var fill = (int[])starts.Clone();
        for (var i = 0; i < n; i++)
        {
            if (ids[i] >= 0)
            {
                rows[fill[ids[i]]++] = i;
            }
        }

        return new IntegerKeyIndex(nonNull == 0 ? 0 : min, dense, slotKeys, slotIds, starts, rows, count);
    }

    /// <summary>The key id of every row of <paramref name="column"/> (same key type), -1 for a null or unmatched key.</summary>
    public void FindAll(Column column, Span<int> ids)
    {
        switch (column)
        {
            case PrimitiveColumn<int> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<long> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<short> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<sbyte> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<uint> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<ulong> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<ushort> c: FindAll(c.Values, c, ids); break;
            case PrimitiveColumn<byte> c: FindAll(c.Values, c, ids); break;
            default: throw new ArgumentException($"not an integer key column: {column.Type}", nameof(column));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindAll<T>(ReadOnlySpan<T> keys, Column column, Span<int> ids)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (_dense is { } dense)
        {
            var min = _min;
            var range = (ulong)dense.Length;
            for (var i = 0; i < keys.Length; i++)
            {
                var d = (ulong)(long.CreateTruncating(keys[i]) - min);
                ids[i] = d < range ? dense[(int)d] - 1 : -1;
            }
        }
        else if (_slotIds is { } slotIds)
        {
            var slotKeys = _slotKeys!;
            var mask = _mask;
            for (var i = 0; i < keys.Length; i++)
            {
                var k = long.CreateTruncating(keys[i]);
                var s = Slot(k, mask);
                var id = -1;
                while (slotIds[s] != EmptySlot)
                {
                    if (slotKeys[s] == k)
                    {
                        id = slotIds[s] - 1;
                        break;
                    }

                    s = (s + 1) & mask;
                }

                ids[i] = id;
            }
        }
        else
        {
            ids.Fill(-1);
        }

        if (column.NullCount > 0)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (column.IsNull(i))
                {
                    ids[i] = -1;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(long key, int mask) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private static void ReadKeys(Column column, long[] keys, bool[] valid)
    {
        switch (column)
        {
            case PrimitiveColumn<int> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<long> c: c.Values.CopyTo(keys); break;
            case PrimitiveColumn<short> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<sbyte> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<uint> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<ulong> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<ushort> c: Widen(c.Values, keys); break;
            case PrimitiveColumn<byte> c: Widen(c.Values, keys); break;
            default: throw new ArgumentException($"not an integer key column: {column.Type}", nameof(column));
        }

        var hasNulls = column.NullCount > 0;
        for (var i = 0; i < valid.Length; i++)
        {
            valid[i] = !hasNulls || !column.IsNull(i);
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> values, long[] keys)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            keys[i] = long.CreateTruncating(values[i]);
        }
    }
}
