using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Sorts the row numbers of each segment of a permutation (a group from <see cref="KeyGroups"/>, whose rows come in
/// input order) by presort keys, stably (ties keep the input order), segments in parallel. When the first key is
/// fixed-width (integers, dates, timestamps, floats, bools) its values become order-preserving 64-bit words (flipped
/// when descending) and the segment is sorted by a primitive key/value sort of (word, row); only the runs that tie on
/// the first key are then ordered by the other keys (a second fixed-width key through flat encoded structs, others
/// through <see cref="RowSorter"/>). Other first keys use <see cref="RowSorter"/> on the whole segment. Nulls (and
/// NaN) go first or last as each key says, whatever the direction; -0.0 equals 0.0.
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

        var first = KeyEncoder.Create(batch.Column(keys[0].Column), keys[0]);
        var rest = new SortKey[keys.Count - 1];
        for (var k = 1; k < keys.Count; k++)
        {
            rest[k - 1] = keys[k];
        }

        var second = rest.Length == 1 ? KeyEncoder.Create(batch.Column(rest[0].Column), rest[0]) : null;
        var chunks = NativeParallel.Chunks(starts, parallelism * 4);
        NativeParallel.For(
            chunks.Length - 1,
            parallelism,
            c =>
            {
                using var work = new Workspace();
                for (var g = chunks[c]; g < chunks[c + 1]; g++)
                {
                    var start = starts[g];
                    var length = starts[g + 1] - start;
                    if (length < 2)
                    {
                        continue;
                    }

                    var rows = perm.AsSpan(start, length);
                    if (first is null)
                    {
                        RowSorter.SortRows(batch, keys, rows);
                    }
                    else
                    {
                        SortSegment(batch, rows, first, second, rest, work);
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Sorts one segment (row numbers ascending on entry): nulls of the first key moved to their end stably, the
    /// other rows sorted by the first key's words (a primitive key/value sort), then each run of equal first keys
    /// (and the null run) sorted by the remaining keys and the row number.
    /// </summary>
    private static void SortSegment(RecordBatch batch, Span<int> rows, KeyEncoder first, KeyEncoder? second, SortKey[] rest, Workspace work)
    {
        int lo = 0, hi = rows.Length;
        if (first.MayHaveNulls)
        {
            (lo, hi) = first.PartitionNulls(rows, work.Scratch(rows.Length));
        }

        var values = rows[lo..hi];
        var words = work.Words(values.Length);
        first.Words(values, words);
        RadixSort.Sort(words, values, work.ScratchWords(values.Length), work.Scratch(values.Length));
        if (rest.Length == 0)
        {
            // The radix sort is stable and the partition kept the input order: ties are already in row order.
            return;
        }

        if (lo > 0)
        {
            SortTies(batch, rows[..lo], second, rest, work);
        }

        if (hi < rows.Length)
        {
            SortTies(batch, rows[hi..], second, rest, work);
        }

        var runStart = 0;
        for (var i = 1; i <= values.Length; i++)
        {
            if (i == values.Length || words[i] != words[runStart])
            {
                if (i - runStart > 1)
                {
                    SortTies(batch, values[runStart..i], second, rest, work);
                }

                runStart = i;
            }
        }
    }

    /// <summary>Orders rows that tie on the first key: by the remaining keys, then by row number (the input order).</summary>
    private static void SortTies(RecordBatch batch, Span<int> rows, KeyEncoder? second, SortKey[] rest, Workspace work)
    {
        if (rows.Length < 2)
        {
            return;
        }

        // Rows arrive in input order (stable sort and partition), as the stable RowSorter passes need.
        if (second is null)
        {
            RowSorter.SortRows(batch, rest, rows);
            return;
        }

        var entries = work.Entries(rows.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new Entry { Row = rows[i] };
        }

        second.Encode(entries, 0);
        if (entries.Length <= 16)
        {
            // Ties are usually a handful of rows: an insertion sort (no generic sort helper to JIT-compile).
            InsertionSort(entries);
        }
        else
        {
            entries.Sort(default(EntryComparer));
        }

        for (var i = 0; i < entries.Length; i++)
        {
            rows[i] = entries[i].Row;
        }
    }

    private static void InsertionSort(Span<Entry> entries)
    {
        var comparer = default(EntryComparer);
        for (var i = 1; i < entries.Length; i++)
        {
            var e = entries[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(entries[j], e) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = e;
        }
    }

    /// <summary>
    /// Per-thread scratch arrays, grown as needed (a segment is one group, so they stay small). Plain arrays: the
    /// shared pools of these element types would be JIT-compiled inside the run.
    /// </summary>
    private sealed class Workspace : IDisposable
    {
        private ulong[] _words = [];
        private ulong[] _scratchWords = [];
        private int[] _scratch = [];
        private Entry[] _entries = [];

        public Span<ulong> Words(int n) => Grow(ref _words, n).AsSpan(0, n);

        public Span<ulong> ScratchWords(int n) => Grow(ref _scratchWords, n).AsSpan(0, n);

        public Span<int> Scratch(int n) => Grow(ref _scratch, n).AsSpan(0, n);

        public Span<Entry> Entries(int n) => Grow(ref _entries, n).AsSpan(0, n);

        public void Dispose()
        {
            _words = [];
            _scratchWords = [];
            _scratch = [];
            _entries = [];
        }

        private static T[] Grow<T>(ref T[] array, int n)
        {
            if (array.Length < n)
            {
                array = new T[Math.Max(n, Math.Max(16, array.Length * 2))];
            }

            return array;
        }
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

    /// <summary>
    /// One key's order-preserving 64-bit words (flipped when descending) and null test (null or NaN); the null rank
    /// says where nulls go (first or last, whatever the direction).
    /// </summary>
    private abstract class KeyEncoder(Column column, SortKey key)
    {
        /// <summary>The null rank of a null row (nulls first: before every value).</summary>
        private readonly byte _nullRank = key.NullsFirst ? (byte)0 : (byte)1;

        /// <summary>The null rank of a value.</summary>
        private readonly byte _valueRank = key.NullsFirst ? (byte)1 : (byte)0;

        /// <summary>All ones when descending: XOR-ing reverses the order of the words.</summary>
        protected ulong Flip { get; } = key.Ascending ? 0UL : ulong.MaxValue;

        protected Column Column { get; } = column;

        /// <summary>True when some row may be null (or NaN).</summary>
        public virtual bool MayHaveNulls => Column.NullCount > 0;

        /// <summary>True when the row is null (or NaN).</summary>
        public virtual bool IsNull(int row) => Column.NullCount > 0 && Column.IsNull(row);

        /// <summary>The word of a non-null row.</summary>
        public abstract ulong Word(int row);

        /// <summary>The words of non-null rows.</summary>
        public abstract void Words(ReadOnlySpan<int> rows, Span<ulong> words);


        /// <summary>Moves null rows to the front (nulls first) or the back, both parts keeping their order; returns the non-null range.</summary>
        public (int Lo, int Hi) PartitionNulls(Span<int> rows, Span<int> scratch)
        {
            var values = 0;
            var nulls = 0;
            foreach (var r in rows)
            {
                if (IsNull(r))
                {
                    scratch[nulls++] = r;
                }
                else
                {
                    rows[values++] = r;
                }
            }

            if (nulls == 0)
            {
                return (0, rows.Length);
            }

            if (_nullRank == 1)
            {
                scratch[..nulls].CopyTo(rows[values..]);
                return (0, values);
            }

            rows[..values].CopyTo(rows[nulls..]);
            scratch[..nulls].CopyTo(rows);
            return (nulls, rows.Length);
        }

        /// <summary>Writes the key of each entry's row into slot 0 or 1.</summary>
        public void Encode(Span<Entry> entries, int slot)
        {
            var mayBeNull = MayHaveNulls;
            for (var i = 0; i < entries.Length; i++)
            {
                ref var e = ref entries[i];
                var isNull = mayBeNull && IsNull(e.Row);
                var word = isNull ? 0 : Word(e.Row);
                var rank = isNull ? _nullRank : _valueRank;
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

        public static KeyEncoder? Create(Column column, SortKey key) => column.Type.Kind switch
        {
            TypeKind.Int8 => new Signed<sbyte>(column, key),
            TypeKind.Int16 => new Signed<short>(column, key),
            TypeKind.Int32 or TypeKind.Date => new Int32Key(column, key),
            TypeKind.Int64 or TypeKind.Timestamp => new Int64Key(column, key),
            TypeKind.UInt8 => new Unsigned<byte>(column, key),
            TypeKind.UInt16 => new Unsigned<ushort>(column, key),
            TypeKind.UInt32 => new Unsigned<uint>(column, key),
            TypeKind.UInt64 => new Unsigned<ulong>(column, key),
            TypeKind.Float16 => new Floating<Half>(column, key),
            TypeKind.Float32 => new Floating<float>(column, key),
            TypeKind.Float64 => new Float64Key(column, key),
            TypeKind.Bool => new Booleans((BooleanColumn)column, key),
            _ => null,
        };
    }

    private sealed class Signed<T>(Column column, SortKey key) : KeyEncoder(column, key)
        where T : unmanaged, IBinaryInteger<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override ulong Word(int row) => ((ulong)long.CreateTruncating(_column.Values[row]) ^ 0x8000_0000_0000_0000UL) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = _column.Values;
            var mask = 0x8000_0000_0000_0000UL ^ Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = (ulong)long.CreateTruncating(values[rows[i]]) ^ mask;
            }
        }
    }

    // The common key types without a type parameter: ReadyToRun precompiles these (not constrained generics).
    private sealed class Int64Key(Column column, SortKey key) : KeyEncoder(column, key)
    {
        private readonly ArrowBuffer _buffer = FixedWidth.ValuesBuffer(column);

        private ReadOnlySpan<long> Values => MemoryMarshal.Cast<byte, long>(_buffer.Span).Slice(Column.Offset, Column.Length);

        public override ulong Word(int row) => ((ulong)Values[row] ^ 0x8000_0000_0000_0000UL) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = Values;
            var mask = 0x8000_0000_0000_0000UL ^ Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = (ulong)values[rows[i]] ^ mask;
            }
        }
    }

    private sealed class Int32Key(Column column, SortKey key) : KeyEncoder(column, key)
    {
        private readonly ArrowBuffer _buffer = FixedWidth.ValuesBuffer(column);

        private ReadOnlySpan<int> Values => MemoryMarshal.Cast<byte, int>(_buffer.Span).Slice(Column.Offset, Column.Length);

        public override ulong Word(int row) => ((ulong)(long)Values[row] ^ 0x8000_0000_0000_0000UL) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = Values;
            var mask = 0x8000_0000_0000_0000UL ^ Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = (ulong)(long)values[rows[i]] ^ mask;
            }
        }
    }

    private sealed class Float64Key(Column column, SortKey key) : KeyEncoder(column, key)
    {
        private readonly ArrowBuffer _buffer = FixedWidth.ValuesBuffer(column);

        private ReadOnlySpan<double> Values => MemoryMarshal.Cast<byte, double>(_buffer.Span).Slice(Column.Offset, Column.Length);

        public override bool MayHaveNulls => true;

        public override bool IsNull(int row) => (Column.NullCount > 0 && Column.IsNull(row)) || double.IsNaN(Values[row]);

        public override ulong Word(int row) => Encode(Values[row]) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = Values;
            var flip = Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = Encode(values[rows[i]]) ^ flip;
            }
        }

        // -0.0 == 0.0 (as CompareTo says); negative numbers flip all bits, positive ones set the sign bit.
        private static ulong Encode(double v)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);
            return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        }
    }

    private sealed class Unsigned<T>(Column column, SortKey key) : KeyEncoder(column, key)
        where T : unmanaged, IBinaryInteger<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override ulong Word(int row) => ulong.CreateTruncating(_column.Values[row]) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = _column.Values;
            var flip = Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = ulong.CreateTruncating(values[rows[i]]) ^ flip;
            }
        }
    }

    private sealed class Floating<T>(Column column, SortKey key) : KeyEncoder(column, key)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly PrimitiveColumn<T> _column = (PrimitiveColumn<T>)column;

        public override bool MayHaveNulls => true;

        public override bool IsNull(int row) => (_column.NullCount > 0 && _column.IsNull(row)) || T.IsNaN(_column.Values[row]);

        public override ulong Word(int row) => Encode(double.CreateTruncating(_column.Values[row])) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            var values = _column.Values;
            var flip = Flip;
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = Encode(double.CreateTruncating(values[rows[i]])) ^ flip;
            }
        }

        // -0.0 == 0.0 (as CompareTo says); negative numbers flip all bits, positive ones set the sign bit.
        private static ulong Encode(double v)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);
            return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        }
    }

    private sealed class Booleans(BooleanColumn column, SortKey key) : KeyEncoder(column, key)
    {
        public override ulong Word(int row) => (column.GetBoolean(row) ? 1UL : 0UL) ^ Flip;

        public override void Words(ReadOnlySpan<int> rows, Span<ulong> words)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                words[i] = Word(rows[i]);
            }
        }
    }
}
