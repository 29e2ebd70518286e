using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Sorts row numbers of a batch by several keys, stably (ties keep the input order, so groups keep their rows'
/// original order when there is no presort, as pandas' groupby does). It is an LSD sort: one stable pass per key, from
/// the last key to the first. Each pass gathers the key's values in the current order into a flat array of
/// (value, position) entries and sorts those with a typed comparer, so comparisons read contiguous memory and never
/// box. NaN sorts as null.
/// </summary>
internal static class RowSorter
{
    /// <summary>The permutation that sorts <paramref name="batch"/> by <paramref name="keys"/> (identity when there are none).</summary>
    /// <exception cref="NotSupportedException">A key column is nested (lists, structs and maps have no order).</exception>
    public static int[] Sort(RecordBatch batch, IReadOnlyList<SortKey> keys, CancellationToken cancellationToken = default)
    {
        var perm = new int[batch.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            perm[i] = i;
        }

        for (var k = keys.Count - 1; k >= 0 && perm.Length > 1; k--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            perm = Pass(batch.Column(keys[k].Column), perm, keys[k].Ascending, keys[k].NullsFirst);
        }

        return perm;
    }

    /// <summary>Sorts <paramref name="rows"/> (row numbers of <paramref name="batch"/>) in place by <paramref name="keys"/>, stably.</summary>
    /// <exception cref="NotSupportedException">A key column is nested.</exception>
    public static void SortRows(RecordBatch batch, IReadOnlyList<SortKey> keys, Span<int> rows)
    {
        var perm = rows.ToArray();
        for (var k = keys.Count - 1; k >= 0 && perm.Length > 1; k--)
        {
            perm = Pass(batch.Column(keys[k].Column), perm, keys[k].Ascending, keys[k].NullsFirst);
        }

        perm.CopyTo(rows);
    }

    private static int[] Pass(Column column, int[] perm, bool asc, bool nullsFirst) => column.Type.Kind switch
    {
        TypeKind.Int8 => Numeric<sbyte>(column, perm, asc, nullsFirst),
        TypeKind.UInt8 => Numeric<byte>(column, perm, asc, nullsFirst),
        TypeKind.Int16 => Numeric<short>(column, perm, asc, nullsFirst),
        TypeKind.UInt16 => Numeric<ushort>(column, perm, asc, nullsFirst),
        TypeKind.Int32 or TypeKind.Date => Numeric<int>(column, perm, asc, nullsFirst),
        TypeKind.UInt32 => Numeric<uint>(column, perm, asc, nullsFirst),
        TypeKind.Int64 or TypeKind.Timestamp => Numeric<long>(column, perm, asc, nullsFirst),
        TypeKind.UInt64 => Numeric<ulong>(column, perm, asc, nullsFirst),
        TypeKind.Float16 => Numeric<Half>(column, perm, asc, nullsFirst),
        TypeKind.Float32 => Numeric<float>(column, perm, asc, nullsFirst),
        TypeKind.Float64 => Numeric<double>(column, perm, asc, nullsFirst),
        TypeKind.Bool => Booleans((BooleanColumn)column, perm, asc, nullsFirst),
        TypeKind.Decimal => Decimals((DecimalColumn)column, perm, asc, nullsFirst),
        TypeKind.String or TypeKind.Binary => Bytes((VariableBinaryColumn)column, perm, asc, nullsFirst),
        TypeKind.Null => perm,
        _ => throw new NotSupportedException(
            $"cannot sort by a column of type {column.Type}: only flat types (numbers, strings, bytes, dates, timestamps, decimals, bools) have an order"),
    };

    private static int[] Numeric<T>(Column column, int[] perm, bool asc, bool nullsFirst)
        where T : unmanaged, IComparable<T>
    {
        var col = (PrimitiveColumn<T>)column;
        var values = col.Values;
        var hasNulls = col.NullCount > 0;
        var entries = new Entry<T>[perm.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var row = perm[i];
            var v = values[row];
            entries[i] = new Entry<T>(v, i, (hasNulls && col.IsNull(row)) || IsNaN(v));
        }

        entries.AsSpan().Sort(new EntryComparer<T>(asc, nullsFirst));
        return Apply(entries, perm);
    }

    private static int[] Booleans(BooleanColumn col, int[] perm, bool asc, bool nullsFirst)
    {
        var entries = new Entry<byte>[perm.Length];
        var hasNulls = col.NullCount > 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var row = perm[i];
            var isNull = hasNulls && col.IsNull(row);
            entries[i] = new Entry<byte>(!isNull && col.GetBoolean(row) ? (byte)1 : (byte)0, i, isNull);
        }

        entries.AsSpan().Sort(new EntryComparer<byte>(asc, nullsFirst));
        return Apply(entries, perm);
    }

    private static int[] Decimals(DecimalColumn col, int[] perm, bool asc, bool nullsFirst)
    {
        var values = col.Values;
        var hasNulls = col.NullCount > 0;
        var entries = new Entry<Int128>[perm.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var row = perm[i];
            entries[i] = new Entry<Int128>(values[row], i, hasNulls && col.IsNull(row));
        }

        entries.AsSpan().Sort(new EntryComparer<Int128>(asc, nullsFirst));
        return Apply(entries, perm);
    }

    private static int[] Bytes(VariableBinaryColumn col, int[] perm, bool asc, bool nullsFirst)
    {
        var offsets = col.Offsets;
        var data = DataArray(col);
        var hasNulls = col.NullCount > 0;
        var entries = new Entry<Range>[perm.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var row = perm[i];
            entries[i] = new Entry<Range>(new Range(offsets[row], offsets[row + 1] - offsets[row]), i, hasNulls && col.IsNull(row));
        }

        entries.AsSpan().Sort(new BytesComparer(data, asc, nullsFirst));
        return Apply(entries, perm);
    }

    /// <summary>The column's data buffer as an array segment (no copy when it is array-backed).</summary>
    internal static ArraySegment<byte> DataArray(VariableBinaryColumn col) =>
        MemoryMarshal.TryGetArray(col.DataBuffer.Memory, out var segment) ? segment : new ArraySegment<byte>(col.Data.ToArray());

    private static int[] Apply<T>(Entry<T>[] entries, int[] perm)
    {
        var result = new int[perm.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = perm[entries[i].Pos];
        }

        return result;
    }

    private static bool IsNaN<T>(T v) => v switch
    {
        double d => double.IsNaN(d),
        float f => float.IsNaN(f),
        Half h => Half.IsNaN(h),
        _ => false,
    };

    private readonly record struct Range(int Start, int Length);

    private readonly record struct Entry<T>(T Value, int Pos, bool Null);

    private readonly struct EntryComparer<T>(bool asc, bool nullsFirst) : IComparer<Entry<T>>
        where T : IComparable<T>
    {
        public int Compare(Entry<T> x, Entry<T> y)
        {
            if (x.Null | y.Null)
            {
                if (x.Null & y.Null)
                {
                    return x.Pos.CompareTo(y.Pos);
                }

                // Null placement does not depend on the direction (pandas' na_position).
                return x.Null == nullsFirst ? -1 : 1;
            }

            var c = x.Value.CompareTo(y.Value);
            return c != 0 ? (asc ? c : -c) : x.Pos.CompareTo(y.Pos);
        }
    }

    /// <summary>Ordinal UTF-8 byte order, which is Unicode code point order: how Python (pandas) orders strings.</summary>
    private readonly struct BytesComparer(ArraySegment<byte> data, bool asc, bool nullsFirst) : IComparer<Entry<Range>>
    {
        public int Compare(Entry<Range> x, Entry<Range> y)
        {
            if (x.Null | y.Null)
            {
                if (x.Null & y.Null)
                {
                    return x.Pos.CompareTo(y.Pos);
                }

                return x.Null == nullsFirst ? -1 : 1;
            }

            var c = data.AsSpan(x.Value.Start, x.Value.Length).SequenceCompareTo(data.AsSpan(y.Value.Start, y.Value.Length));
            return c != 0 ? (asc ? c : -c) : x.Pos.CompareTo(y.Pos);
        }
    }
}
