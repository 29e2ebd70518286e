using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Groups the rows of several batches by one integer-like key column without nulls and with a dense range, by a
/// parallel counting sort: per input chunk a histogram of the key values, then each chunk writes its rows' grouped
/// positions directly (groups in ascending key order, rows of a group in input order, as <see cref="KeyGroups"/>
/// numbers them). Nothing is concatenated and no permutation has to be inverted afterwards.
/// </summary>
internal static class DenseGrouping
{
    private const int ChunkRows = 1 << 16;

    /// <summary>
    /// For the rows of <paramref name="batches"/> (batch b's rows start at <paramref name="sourceStart"/>[b]) grouped by
    /// column <paramref name="key"/>: each row's grouped position and the group starts (group count + 1 entries); null
    /// when the key type, nulls or a wide range rule this path out.
    /// </summary>
    public static (int[] Inv, int[] Starts)? TryGroup(RecordBatch[] batches, int[] sourceStart, int key, int parallelism, CancellationToken cancellationToken)
    {
        var n = sourceStart[^1];
        if (batches.Length == 0 || n == 0 || !Supported(batches[0].Column(key).Type.Kind))
        {
            return null;
        }

        foreach (var b in batches)
        {
            if (b.Column(key).NullCount > 0)
            {
                return null;
            }
        }

        var chunks = new List<(int Batch, int Start, int End)>();
        for (var b = 0; b < batches.Length; b++)
        {
            var len = batches[b].Length;
            for (var s = 0; s < len; s += ChunkRows)
            {
                chunks.Add((b, s, Math.Min(len, s + ChunkRows)));
            }
        }

        var mins = new long[chunks.Count];
        var maxs = new long[chunks.Count];
        NativeParallel.For(
            chunks.Count,
            parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                (mins[i], maxs[i]) = MinMax(batches[b].Column(key), s, e);
            },
            cancellationToken);
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < chunks.Count; i++)
        {
            min = Math.Min(min, mins[i]);
            max = Math.Max(max, maxs[i]);
        }

        // The same density rules as KeyGroups' counting path, with one histogram per chunk.
        var span = unchecked((ulong)(max - min));
        if (span >= 1UL << 26)
        {
            return null;
        }

        var range = span + 1;
        if (range > (ulong)Math.Max(1 << 16, 4L * n) || range > 1 << 26 || (ulong)chunks.Count * range > (ulong)Math.Max(1 << 20, 4L * n))
        {
            return null;
        }

        var r = (int)range;
        var counts = new int[chunks.Count][];
        NativeParallel.For(
            chunks.Count,
            parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                counts[i] = new int[r];
                Histogram(batches[b].Column(key), s, e, min, counts[i]);
            },
            cancellationToken);

        // Groups in value order; counts[i][v] becomes chunk i's first position for value v.
        var starts = new List<int>();
        var pos = 0;
        for (var v = 0; v < r; v++)
        {
            var first = pos;
            for (var i = 0; i < counts.Length; i++)
            {
                var c = counts[i][v];
                counts[i][v] = pos;
                pos += c;
            }

            if (pos > first)
            {
                starts.Add(first);
            }
        }

        starts.Add(n);
        cancellationToken.ThrowIfCancellationRequested();
        var inv = GC.AllocateUninitializedArray<int>(n);
        NativeParallel.For(
            chunks.Count,
            parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                Scatter(batches[b].Column(key), s, e, min, counts[i], inv.AsSpan(sourceStart[b]));
            },
            cancellationToken);
        return (inv, starts.ToArray());
    }

    private static bool Supported(TypeKind kind) => kind is TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16
        or TypeKind.Int32 or TypeKind.Date or TypeKind.UInt32 or TypeKind.Int64 or TypeKind.Timestamp;

    // One type switch per chunk; the loops are generic without constraints, so ReadyToRun precompiles them.
    private static (long Min, long Max) MinMax(Column column, int start, int end) => column.Type.Kind switch
    {
        TypeKind.Int8 => MinMax(((PrimitiveColumn<sbyte>)column).Values[start..end]),
        TypeKind.UInt8 => MinMax(((PrimitiveColumn<byte>)column).Values[start..end]),
        TypeKind.Int16 => MinMax(((PrimitiveColumn<short>)column).Values[start..end]),
        TypeKind.UInt16 => MinMax(((PrimitiveColumn<ushort>)column).Values[start..end]),
        TypeKind.Int32 or TypeKind.Date => MinMax(((PrimitiveColumn<int>)column).Values[start..end]),
        TypeKind.UInt32 => MinMax(((PrimitiveColumn<uint>)column).Values[start..end]),
        _ => MinMax(((PrimitiveColumn<long>)column).Values[start..end]),
    };

    private static void Histogram(Column column, int start, int end, long min, int[] counts)
    {
        switch (column.Type.Kind)
        {
            case TypeKind.Int8: Histogram(((PrimitiveColumn<sbyte>)column).Values[start..end], min, counts); break;
            case TypeKind.UInt8: Histogram(((PrimitiveColumn<byte>)column).Values[start..end], min, counts); break;
            case TypeKind.Int16: Histogram(((PrimitiveColumn<short>)column).Values[start..end], min, counts); break;
            case TypeKind.UInt16: Histogram(((PrimitiveColumn<ushort>)column).Values[start..end], min, counts); break;
            case TypeKind.Int32 or TypeKind.Date: Histogram(((PrimitiveColumn<int>)column).Values[start..end], min, counts); break;
            case TypeKind.UInt32: Histogram(((PrimitiveColumn<uint>)column).Values[start..end], min, counts); break;
            default: Histogram(((PrimitiveColumn<long>)column).Values[start..end], min, counts); break;
        }
    }

    private static void Scatter(Column column, int start, int end, long min, int[] next, Span<int> inv)
    {
        switch (column.Type.Kind)
        {
            case TypeKind.Int8: Scatter(((PrimitiveColumn<sbyte>)column).Values, start, end, min, next, inv); break;
            case TypeKind.UInt8: Scatter(((PrimitiveColumn<byte>)column).Values, start, end, min, next, inv); break;
            case TypeKind.Int16: Scatter(((PrimitiveColumn<short>)column).Values, start, end, min, next, inv); break;
            case TypeKind.UInt16: Scatter(((PrimitiveColumn<ushort>)column).Values, start, end, min, next, inv); break;
            case TypeKind.Int32 or TypeKind.Date: Scatter(((PrimitiveColumn<int>)column).Values, start, end, min, next, inv); break;
            case TypeKind.UInt32: Scatter(((PrimitiveColumn<uint>)column).Values, start, end, min, next, inv); break;
            default: Scatter(((PrimitiveColumn<long>)column).Values, start, end, min, next, inv); break;
        }
    }

    private static (long Min, long Max) MinMax<T>(ReadOnlySpan<T> values)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (var v in values)
        {
            var x = ToInt64(v);
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        return (min, max);
    }

    private static void Histogram<T>(ReadOnlySpan<T> values, long min, int[] counts)
    {
        foreach (var v in values)
        {
            counts[(int)(ToInt64(v) - min)]++;
        }
    }

    private static void Scatter<T>(ReadOnlySpan<T> values, int start, int end, long min, int[] next, Span<int> inv)
    {
        for (var i = start; i < end; i++)
        {
            inv[i] = next[(int)(ToInt64(values[i]) - min)]++;
        }
    }

    /// <summary>The value as a long; the type tests fold away in each (value type) instantiation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToInt64<T>(T value)
    {
        if (typeof(T) == typeof(sbyte))
        {
            return Unsafe.As<T, sbyte>(ref value);
        }

        if (typeof(T) == typeof(byte))
        {
            return Unsafe.As<T, byte>(ref value);
        }

        if (typeof(T) == typeof(short))
        {
            return Unsafe.As<T, short>(ref value);
        }

        if (typeof(T) == typeof(ushort))
        {
            return Unsafe.As<T, ushort>(ref value);
        }

        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T, int>(ref value);
        }

        if (typeof(T) == typeof(uint))
        {
            return Unsafe.As<T, uint>(ref value);
        }

        return Unsafe.As<T, long>(ref value);
    }
}
