using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.IO.Parquet;

/// <summary>
/// A dictionary of the distinct non-null values with one index per value. Built with open-addressing hash tables
/// (fixed-width values hashed as 64-bit integers, byte arrays by a hash of their bytes); gives up as soon as the
/// dictionary cannot pay off: too many entries or bytes, or a sample showing nearly every value is new.
/// </summary>
internal sealed class ColumnDictionaryBuilder
{
    /// <summary>Values looked at before the distinct ratio is judged (then again at every further multiple).</summary>
    private const int Sample = 1 << 14;

    /// <summary>A dictionary whose sample has more than this share of distinct values is abandoned.</summary>
    private const double MaxDistinctRatio = 0.9;

    public required GrowableBuffer Values { get; init; }

    /// <summary>Dictionary index of each non-null value (pooled: at least <see cref="PhysicalColumnData.NonNull"/> long; see <see cref="Release"/>).</summary>
    public required int[] Indices { get; init; }

    public int Count { get; init; }

    /// <summary>The distinct values in order of first appearance (for statistics: min/max over the dictionary).</summary>
    public required PhysicalColumnData Distinct { get; init; }

    /// <summary>Returns the pooled index array; the builder must not be used afterwards.</summary>
    public void Release() => ArrayPool<int>.Shared.Return(Indices);

    public static ColumnDictionaryBuilder? TryBuild(PhysicalColumnData data, ParquetWriterOptions options)
    {
        if (data.Type == PhysicalType.Boolean || data.NonNull == 0)
        {
            return null;
        }

        var indices = ArrayPool<int>.Shared.Rent(data.NonNull);
        var result = data.IsBinary ? BuildBytes(data, options, indices) : BuildFixed(data, options, indices);
        if (result is null)
        {
            ArrayPool<int>.Shared.Return(indices);
        }

        return result;
    }

    private static ColumnDictionaryBuilder? BuildFixed(PhysicalColumnData data, ParquetWriterOptions options, int[] indices)
    {
        var width = data.Width;
        var n = data.NonNull;
        var maxEntries = Math.Min(options.MaxDictionaryEntries, options.MaxDictionaryBytes / width);
        // The table holds entry + 1 (4 bytes a slot, 0 = empty) and keys are compared in the dense distinct array:
        // both stay small enough for the core's L2 cache at tens of thousands of entries.
        var capacity = 1024;
        var slots = new int[capacity];
        var distinct = new long[256];
        var count = 0;
        var shift = 64 - BitOperations.Log2((uint)capacity);
        ref var idx = ref MemoryMarshal.GetArrayDataReference(indices);
        var i = -1; // value index over all segments
        for (var k = 0; k < data.SegmentCount; k++)
        {
            var src = data.Segment(k);
            ref var s0 = ref MemoryMarshal.GetReference(src);
            var segmentValues = src.Length / width;
            for (var j = 0; j < segmentValues; j++)
            {
                i++;
                long key = width == 4
                    ? Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref s0, j * 4))
                    : Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref s0, j * 8));
                var mask = capacity - 1;
                var s = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> shift);
                int entry;
                while (true)
                {
                    var e = slots[s];
                    if (e == 0)
                    {
                        if (count >= maxEntries)
                        {
                            return null;
                        }

                        entry = count++;
                        slots[s] = count;
                        if (entry == distinct.Length)
                        {
                            Array.Resize(ref distinct, distinct.Length * 2);
                        }

                        distinct[entry] = key;
                        if (count * 2 > capacity)
                        {
                            capacity *= 2;
                            shift--;
                            slots = RehashFixed(distinct, count, capacity, shift);
                        }

                        break;
                    }

                    if (distinct[e - 1] == key)
                    {
                        entry = e - 1;
                        break;
                    }

                    s = (s + 1) & mask;
                }

                Unsafe.Add(ref idx, i) = entry;
                if (((i + 1) & (Sample - 1)) == 0 && Hopeless(i + 1, count, n, maxEntries))
                {
                    return null;
                }
        }
        }

        var values = new GrowableBuffer(count * width);
        var raw = new byte[count * width];
        for (var e = 0; e < count; e++)
        {
            if (width == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(e * 4), (int)distinct[e]);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(e * 8), distinct[e]);
            }
        }

        values.Write(raw);
        var view = new PhysicalColumnData
        {
            Type = data.Type, Logical = data.Logical, Width = width, Levels = [], AllDefined = true, Rows = count, NonNull = count, Fixed = raw,
        };
        return new ColumnDictionaryBuilder { Values = values, Indices = indices, Count = count, Distinct = view };
    }

    private static int[] RehashFixed(long[] distinct, int count, int capacity, int shift)
    {
        var slots = new int[capacity];
        for (var e = 0; e < count; e++)
        {
            var s = (int)((ulong)distinct[e] * 0x9E3779B97F4A7C15UL >> shift);
            while (slots[s] != 0)
            {
                s = (s + 1) & (capacity - 1);
            }

            slots[s] = e + 1;
        }

        return slots;
    }

    /// <summary>What <see cref="BuildBytes"/> keeps per entry to compare candidates without touching the column data.</summary>
    private struct BytesEntry
    {
        public ulong First; // first 8 bytes (values of 8..16 bytes)
        public ulong Last;  // last 8 bytes (values of 8..16 bytes)
        public int Length;
    }

    /// <summary>
    /// Byte-array dictionary: the table holds each entry's hash next to its index (one load per probe); values of 8
    /// to 16 bytes are compared with the entry's first and last 8 bytes kept in a small array (no access to the
    /// column data or to the entries' bytes), others with the entry's bytes.
    /// </summary>
    private static ColumnDictionaryBuilder? BuildBytes(PhysicalColumnData data, ParquetWriterOptions options, int[] indices)
    {
        var n = data.NonNull;
        var plainPrefix = data.Type == PhysicalType.ByteArray ? 4 : 0;
        var entries = new ByteArrayBuffer(256, 4096);
        var capacity = 1024;
        var slots = new long[capacity]; // (hash << 32) | (entry + 1); 0 = empty
        var info = new BytesEntry[256];
        var count = 0;
        long plainBytes = 0;
        ref var idx = ref MemoryMarshal.GetArrayDataReference(indices);
        var i = -1; // value index over all segments
        for (var k = 0; k < data.BinarySegmentCount; k++)
        {
            data.BinarySegment(k, out var offsets, out var all);
            ref var o0 = ref MemoryMarshal.GetReference(offsets);
            ref var d0 = ref MemoryMarshal.GetReference(all);
            var segmentValues = offsets.Length - 1;
            for (var j = 0; j < segmentValues; j++)
            {
                i++;
                var start = Unsafe.Add(ref o0, j);
                var length = Unsafe.Add(ref o0, j + 1) - start;
                ref var v = ref Unsafe.Add(ref d0, start);
                var h = Hash(MemoryMarshal.CreateReadOnlySpan(ref v, length));
                var mid = length is >= 8 and <= 16;
                var first = mid ? Unsafe.ReadUnaligned<ulong>(ref v) : 0;
                var last = mid ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref v, length - 8)) : 0;
                var mask = capacity - 1;
                var s = h & mask;
                int index;
                while (true)
                {
                    var slot = slots[s];
                    if (slot == 0)
                    {
                        index = count;
                        plainBytes += length + plainPrefix;
                        if (index >= options.MaxDictionaryEntries || plainBytes > options.MaxDictionaryBytes)
                        {
                            return null;
                        }

                        if (index == info.Length)
                        {
                            var bigger = new BytesEntry[info.Length * 2];
                            Array.Copy(info, bigger, info.Length); // not Array.Resize<T>: no JIT of a generic instantiation at run time
                            info = bigger;
                        }

                        info[index] = new BytesEntry { First = first, Last = last, Length = length };
                        entries.Append(MemoryMarshal.CreateReadOnlySpan(ref v, length));
                        count++;
                        slots[s] = ((long)h << 32) | (uint)count;
                        if (count * 2 > capacity)
                        {
                            capacity *= 2;
                            slots = RehashBytes(slots, capacity);
                        }

                        break;
                    }

                    if ((int)(slot >> 32) == h)
                    {
                        var e = (int)slot - 1;
                        ref var entry = ref info[e];
                        if (entry.Length == length
                            && (mid
                                ? entry.First == first && entry.Last == last
                                : entries[e].SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref v, length))))
                        {
                            index = e;
                            break;
                        }
                    }

                    s = (s + 1) & mask;
                }

                Unsafe.Add(ref idx, i) = index;
                if (((i + 1) & (Sample - 1)) == 0 && Hopeless(i + 1, count, n, options.MaxDictionaryEntries))
                {
                    return null;
                }
            }
        }

        var values = new GrowableBuffer((int)plainBytes + 16);
        for (var e = 0; e < count; e++)
        {
            if (plainPrefix != 0)
            {
                PlainEncoding.EncodeByteArray(entries[e], values);
            }
            else
            {
                values.Write(entries[e]);
            }
        }

        var view = new PhysicalColumnData
        {
            Type = data.Type, Logical = data.Logical, Width = data.Width, Levels = [], AllDefined = true, Rows = count, NonNull = count, Bytes = entries,
        };
        return new ColumnDictionaryBuilder { Values = values, Indices = indices, Count = count, Distinct = view };
    }

    /// <summary>
    /// After a sample, gives up when nearly every value so far was new and the projected dictionary would exceed
    /// the entry limit anyway (the usual writers' heuristic), so unique columns do not pay for a dictionary.
    /// </summary>
    private static bool Hopeless(int seen, int distinct, int total, int maxEntries) =>
        distinct > seen * MaxDistinctRatio && (long)distinct * total / seen > maxEntries;

    /// <summary>A fast hash of a byte string: its length and its first and last 8 bytes (or all bytes when shorter).</summary>
    private static int Hash(ReadOnlySpan<byte> v)
    {
        ulong h;
        ref var start = ref MemoryMarshal.GetReference(v);
        if (v.Length >= 8)
        {
            var first = Unsafe.ReadUnaligned<ulong>(ref start);
            var last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, v.Length - 8));
            h = (first * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft(last * 0xC2B2AE3D27D4EB4FUL, 31);
            if (v.Length > 16)
            {
                for (var k = 8; k + 8 <= v.Length - 8; k += 8)
                {
                    h = BitOperations.RotateLeft(h ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, k)) * 0x165667B19E3779F9UL), 27) * 0x9E3779B97F4A7C15UL;
                }
            }
        }
        else
        {
            h = 0;
            for (var k = 0; k < v.Length; k++)
            {
                h = (h << 8) | Unsafe.Add(ref start, k);
            }

            h *= 0x9E3779B97F4A7C15UL;
        }

        h ^= (ulong)v.Length * 0xD6E8FEB86659FD93UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)h & int.MaxValue;
    }

    private static long[] RehashBytes(long[] old, int capacity)
    {
        var slots = new long[capacity];
        foreach (var slot in old)
        {
            if (slot == 0)
            {
                continue;
            }

            var s = (int)(slot >> 32) & (capacity - 1);
            while (slots[s] != 0)
            {
                s = (s + 1) & (capacity - 1);
            }

            slots[s] = slot;
        }

        return slots;
    }
}
