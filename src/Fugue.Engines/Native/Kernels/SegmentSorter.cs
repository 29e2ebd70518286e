using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Sorts the row numbers of each segment of a permutation (a group from <see cref="KeyGroups"/>) by presort keys,
/// stably (ties keep the segment's order, which is the input order), segments in parallel. Up to two keys of
/// fixed-width orderable types (integers, dates, timestamps, floats, bools) are encoded into order-preserving 64-bit
/// words with a null rank beside each, so one typed comparer sorts flat structs without touching the columns; other
/// keys use <see cref="RowSorter"/> on the segment. Nulls (and NaN) go first or last as each key says, whatever the
/// direction; -0.0 equals 0.0.
/// </summary>
internal static class SegmentSorter
{
    /// <summary>
    /// Sorts <paramref name="perm"/>[<paramref name="starts"/>[g]..<paramref name="starts"/>[g + 1]] for each g by
    /// <paramref name="keys"/> (columns of <paramref name="batch"/>), on up to <paramref name="parallelism"/> threads.
    /// </summary>
    /// <exception cref="NotSupportedException">A key column is nested.</exception>
    public static void Sort(RecordBatch batch, int[] perm, int[] starts, IReadOnlyList<SortKey> keys, int parallelism, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0 || perm.Length < 2)
        {
            return;
        }

        var encoders = keys.Count <= 2 ? keys.Select(k => KeyEncoder.Create(batch.Column(k.Column), k)).ToArray() : null;
        if (encoders is not null && encoders.Any(e => e is null))
        {
            encoders = null;
        }

        var chunks = NativeParallel.Chunks(starts, parallelism * 4);
        NativeParallel.For(
            chunks.Length - 1,
            parallelism,
            c =>
            {
                Entry[]? buffer = null;
                try
                {
                    for (var g = chunks[c]; g < chunks[c + 1]; g++)
                    {
                        var start = starts[g];
                        var length = starts[g + 1] - start;
                        if (length < 2)
                        {
                            continue;
                        }

                        var rows = perm.AsSpan(start, length);
                        if (encoders is null)
                        {
                            RowSorter.SortRows(batch, keys, rows);
                            continue;
                        }

                        if (buffer is null || buffer.Length < length)
                        {
                            if (buffer is not null)
                            {
                                ArrayPool<Entry>.Shared.Return(buffer);
                            }

                            buffer = ArrayPool<Entry>.Shared.Rent(length);
                        }

                        var entries = buffer.AsSpan(0, length);
                        for (var i = 0; i < entries.Length; i++)
                        {
                            entries[i] = new Entry { Row = rows[i] };
                        }

                        encoders[0]!.Encode(entries, 0);
                        if (encoders.Length > 1)
                        {
                            encoders[1]!.Encode(entries, 1);
                        }

                        entries.Sort(default(EntryComparer));
                        for (var i = 0; i < entries.Length; i++)
                        {
                            rows[i] = entries[i].Row;
                        }
                    }
                }
                finally
                {
                    if (buffer is not null)
                    {
                        ArrayPool<Entry>.Shared.Return(buffer);
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>One row's encoded keys: compared as (N0, K0, N1, K1, Row), all ascending.</summary>
    internal struct Entry
    {
        public ulong K0;
        public ulong K1;
        public int Row;
        public byte N0;
        public byte N1;
    }

    private readonly struct EntryComparer : IComparer<Entry>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Compare(Entry x, Entry y)
        {
            if (x.N0 != y.N0)
            {
                return x.N0 < y.N0 ? -1 : 1;
            }

            if (x.K0 != y.K0)
            {
                return x.K0 < y.K0 ? -1 : 1;
            }

            if (x.N1 != y.N1)
            {
                return x.N1 < y.N1 ? -1 : 1;
            }

            if (x.K1 != y.K1)
            {
                return x.K1 < y.K1 ? -1 : 1;
            }

            return x.Row.CompareTo(y.Row);
        }
    }

    /// <summary>Writes one key of each entry's row as an order-preserving word (flipped when descending) and a null rank.</summary>
    private abstract class KeyEncoder(bool ascending, bool nullsFirst)
    {
        /// <summary>The null rank of a null row (nulls first: before every value).</summary>
        protected byte NullRank { get; } = nullsFirst ? (byte)0 : (byte)1;

        /// <summary>The null rank of a value.</summary>
        protected byte ValueRank { get; } = nullsFirst ? (byte)1 : (byte)0;

        /// <summary>All ones when descending: XOR-ing reverses the order of the words.</summary>
        protected ulong Flip { get; } = ascending ? 0UL : ulong.MaxValue;

        public abstract void Encode(Span<Entry> entries, int slot);

        public static KeyEncoder? Create(Column column, SortKey key) => column.Type.Kind switch
        {
            TypeKind.Int8 => new Signed<sbyte>(column, key),
            TypeKind.Int16 => new Signed<short>(column, key),
            TypeKind.Int32 or TypeKind.Date => new Signed<int>(column, key),
            TypeKind.Int64 or TypeKind.Timestamp => new Signed<long>(column, key),
            TypeKind.UInt8 => new Unsigned<byte>(column, key),
            TypeKind.UInt16 => new Unsigned<ushort>(column, key),
            TypeKind.UInt32 => new Unsigned<uint>(column, key),
            TypeKind.UInt64 => new Unsigned<ulong>(column, key),
            TypeKind.Float16 => new Floating<Half>(column, key),
            TypeKind.Float32 => new Floating<float>(column, key),
            TypeKind.Float64 => new Floating<double>(column, key),
            TypeKind.Bool => new Booleans((BooleanColumn)column, key),
            _ => null,
        };

        protected static void Set(ref Entry e, int slot, ulong word, byte rank)
        {
            if (slot == 0)
            {
                e.K0 = word;
                e.N0 = rank;
            }
            else
            {
                e.K1 = word;
                e.N1 = rank;
            }
        }
    }

    private sealed class Signed<T>(Column column, SortKey key) : KeyEncoder(key.Ascending, key.NullsFirst)
        where T : unmanaged, IBinaryInteger<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override void Encode(Span<Entry> entries, int slot)
        {
            var values = _column.Values;
            var flip = Flip;
            var hasNulls = _column.NullCount > 0;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var e = ref entries[i];
                if (hasNulls && _column.IsNull(e.Row))
                {
                    Set(ref e, slot, 0, NullRank);
                }
                else
                {
                    Set(ref e, slot, ((ulong)long.CreateTruncating(values[e.Row]) ^ 0x8000_0000_0000_0000UL) ^ flip, ValueRank);
                }
            }
        }
    }

    private sealed class Unsigned<T>(Column column, SortKey key) : KeyEncoder(key.Ascending, key.NullsFirst)
        where T : unmanaged, IBinaryInteger<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override void Encode(Span<Entry> entries, int slot)
        {
            var values = _column.Values;
            var flip = Flip;
            var hasNulls = _column.NullCount > 0;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var e = ref entries[i];
                if (hasNulls && _column.IsNull(e.Row))
                {
                    Set(ref e, slot, 0, NullRank);
                }
                else
                {
                    Set(ref e, slot, ulong.CreateTruncating(values[e.Row]) ^ flip, ValueRank);
                }
            }
        }
    }

    private sealed class Floating<T>(Column column, SortKey key) : KeyEncoder(key.Ascending, key.NullsFirst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override void Encode(Span<Entry> entries, int slot)
        {
            var values = _column.Values;
            var flip = Flip;
            var hasNulls = _column.NullCount > 0;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var e = ref entries[i];
                var v = double.CreateTruncating(values[e.Row]);
                if ((hasNulls && _column.IsNull(e.Row)) || double.IsNaN(v))
                {
                    Set(ref e, slot, 0, NullRank);
                }
                else
                {
                    // -0.0 == 0.0 (as CompareTo says); negative numbers flip all bits, positive ones set the sign bit.
                    var bits = (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);
                    var word = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
                    Set(ref e, slot, word ^ flip, ValueRank);
                }
            }
        }
    }

    private sealed class Booleans(BooleanColumn column, SortKey key) : KeyEncoder(key.Ascending, key.NullsFirst)
    {
        public override void Encode(Span<Entry> entries, int slot)
        {
            var flip = Flip;
            var hasNulls = column.NullCount > 0;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var e = ref entries[i];
                if (hasNulls && column.IsNull(e.Row))
                {
                    Set(ref e, slot, 0, NullRank);
                }
                else
                {
                    Set(ref e, slot, (column.GetBoolean(e.Row) ? 1UL : 0UL) ^ flip, ValueRank);
                }
            }
        }
    }
}
