using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>A dictionary of the distinct non-null values with one index per value.</summary>
internal sealed class ColumnDictionaryBuilder
{
    public required GrowableBuffer Values { get; init; }
    public required int[] Indices { get; init; }
    public int Count { get; init; }

    public static ColumnDictionaryBuilder? TryBuild(PhysicalColumnData data, ParquetWriterOptions options)
    {
        if (data.Type == PhysicalType.Boolean || data.NonNull == 0)
        {
            return null;
        }

        var indices = new int[data.NonNull];
        var values = new GrowableBuffer(1024);
        if (data.Bytes is null)
        {
            var map = new Dictionary<long, int>();
            for (var i = 0; i < data.NonNull; i++)
            {
                var v = data.FixedValue(i);
                long key = data.Width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(v) : BinaryPrimitives.ReadInt64LittleEndian(v);
                if (!map.TryGetValue(key, out var index))
                {
                    index = map.Count;
                    if (index >= options.MaxDictionaryEntries || values.Length + v.Length > options.MaxDictionaryBytes)
                    {
                        return null;
                    }

                    map.Add(key, index);
                    values.Write(v);
                }

                indices[i] = index;
                if (HopelessAt(i, map.Count, data.NonNull, options))
                {
                    return null;
                }
            }

            return new ColumnDictionaryBuilder { Values = values, Indices = indices, Count = map.Count };
        }

        // Byte arrays: open addressing over entry ids, comparing bytes.
        var bytes = data.Bytes;
        var entries = new ByteArrayBuffer(256, 4096);
        var capacity = 1024;
        var slots = new int[capacity];
        var hashes = new List<int>();
        for (var i = 0; i < data.NonNull; i++)
        {
            var v = bytes[i];
            var h = Hash(v);
            var mask = capacity - 1;
            var s = h & mask;
            int index;
            while (true)
            {
                var e = slots[s] - 1;
                if (e < 0)
                {
                    index = entries.Count;
                    if (index >= options.MaxDictionaryEntries || values.Length + v.Length + 4 > options.MaxDictionaryBytes)
                    {
                        return null;
                    }

                    entries.Append(v);
                    hashes.Add(h);
                    slots[s] = index + 1;
                    if (data.Type == PhysicalType.ByteArray)
                    {
                        PlainEncoding.EncodeByteArray(v, values);
                    }
                    else
                    {
                        values.Write(v);
                    }

                    if (entries.Count * 2 > capacity)
                    {
                        capacity *= 2;
                        slots = Rehash(hashes, capacity);
                    }

                    break;
                }

                if (hashes[e] == h && entries[e].SequenceEqual(v))
                {
                    index = e;
                    break;
                }

                s = (s + 1) & mask;
            }

            indices[i] = index;
            if (HopelessAt(i, entries.Count, data.NonNull, options))
            {
                return null;
            }
        }

        return new ColumnDictionaryBuilder { Values = values, Indices = indices, Count = entries.Count };
    }

    /// <summary>
    /// At checkpoints, gives up early when nearly every value so far was new and the projected dictionary would
    /// exceed the entry limit anyway, so high-cardinality columns do not pay for a dictionary they cannot use.
    /// </summary>
    private static bool HopelessAt(int i, int distinct, int total, ParquetWriterOptions options)
    {
        const int Checkpoint = 4096;
        var seen = i + 1;
        if (seen % Checkpoint != 0)
        {
            return false;
        }

        return distinct > seen * 0.9 && (long)distinct * total / seen > options.MaxDictionaryEntries;
    }

    private static int Hash(ReadOnlySpan<byte> v)
    {
        var h = new HashCode();
        h.AddBytes(v);
        return h.ToHashCode() & int.MaxValue;
    }

    private static int[] Rehash(List<int> hashes, int capacity)
    {
        var slots = new int[capacity];
        for (var e = 0; e < hashes.Count; e++)
        {
            var s = hashes[e] & (capacity - 1);
            while (slots[s] != 0)
            {
                s = (s + 1) & (capacity - 1);
            }

            slots[s] = e + 1;
        }

        return slots;
    }
}
