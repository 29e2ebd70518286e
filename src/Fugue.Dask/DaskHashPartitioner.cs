using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// Assigns rows to hash buckets for shuffles. The hash is the same in every process (string.GetHashCode is randomized
/// per process) and the same for equal keys of different types (an int 1, a long 1 and a double 1.0 meet in one bucket,
/// as they meet in a join). Columns of the common key types (integers, floats, booleans, strings) are hashed column by
/// column over their typed values, with no boxing; other types go through the canonical value (<see cref="Add"/>),
/// which gives the same hash.
/// </summary>
internal static class DaskHashPartitioner
{
    private const ulong Seed = 0x243F6A8885A308D3UL;
    private const ulong NullTag = 0x9E3779B97F4A7C15UL;
    private const ulong TrueTag = 0x5851F42D4C957F2DUL;
    private const ulong FalseTag = 0x14057B7EF767814FUL;
    private const ulong FractionTag = 0xD6E8FEB86659FD93UL;
    private const ulong StringTag = 0xA0761D6478BD642FUL;
    private const ulong BinaryTag = 0xE7037ED1A0B428DBUL;
    private const ulong DateTimeTag = 0x8EBC6AF09C88C6E3UL;
    private const ulong DateTag = 0x589965CC75374CC3UL;
    private const ulong NestedTag = 0x1D8E4E27C47D124FUL;
    private const ulong OtherTag = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>The bucket (0..<paramref name="buckets"/>-1) of every row of <paramref name="batch"/> by the columns <paramref name="keys"/>.</summary>
    public static int[] Buckets(RecordBatch batch, IReadOnlyList<int> keys, int buckets)
    {
        var hashes = new ulong[batch.Length];
        hashes.AsSpan().Fill(Seed);
        foreach (var c in keys)
        {
            AddColumn(hashes, batch.Column(c));
        }

        var result = new int[hashes.Length];
        var n = (ulong)buckets;
        for (var i = 0; i < hashes.Length; i++)
        {
            result[i] = (int)(Finish(hashes[i]) % n);
        }

        return result;
    }

    /// <summary>The bucket of one row given as canonical values (the reference the typed paths agree with; for tests).</summary>
    public static int Bucket(IEnumerable<object?> values, int buckets)
    {
        var h = Seed;
        foreach (var v in values)
        {
            h = Add(h, v);
        }

        return (int)(Finish(h) % (ulong)buckets);
    }

    private static void AddColumn(Span<ulong> hashes, Column column)
    {
        switch (column)
        {
            case PrimitiveColumn<long> c when column.Type.Kind == TypeKind.Int64:
                Integers(hashes, c, static v => (ulong)v);
                return;
            case PrimitiveColumn<int> c when column.Type.Kind == TypeKind.Int32:
                Integers(hashes, c, static v => (ulong)(long)v);
                return;
            case PrimitiveColumn<short> c:
                Integers(hashes, c, static v => (ulong)(long)v);
                return;
            case PrimitiveColumn<sbyte> c:
                Integers(hashes, c, static v => (ulong)(long)v);
                return;
            case PrimitiveColumn<byte> c:
                Integers(hashes, c, static v => v);
                return;
            case PrimitiveColumn<ushort> c:
                Integers(hashes, c, static v => v);
                return;
            case PrimitiveColumn<uint> c:
                Integers(hashes, c, static v => v);
                return;
            case PrimitiveColumn<ulong> c:
                Integers(hashes, c, static v => v);
                return;
            case PrimitiveColumn<double> c:
                {
                    var values = c.Values;
                    var nulls = c.NullCount > 0;
                    for (var i = 0; i < hashes.Length; i++)
                    {
                        hashes[i] = nulls && c.IsNull(i) ? Mix(hashes[i], NullTag) : Double(hashes[i], values[i]);
                    }

                    return;
                }

            case PrimitiveColumn<float> c:
                {
                    var values = c.Values;
                    var nulls = c.NullCount > 0;
                    for (var i = 0; i < hashes.Length; i++)
                    {
                        hashes[i] = nulls && c.IsNull(i) ? Mix(hashes[i], NullTag) : Double(hashes[i], values[i]);
                    }

                    return;
                }
            case StringColumn s:
                for (var i = 0; i < hashes.Length; i++)
                {
                    hashes[i] = s.IsNull(i) ? Mix(hashes[i], NullTag) : Bytes(hashes[i], s.GetBytes(i), StringTag);
                }

                return;
            default:
                for (var i = 0; i < hashes.Length; i++)
                {
                    hashes[i] = Add(hashes[i], column.GetValue(i));
                }

                return;
        }
    }

    /// <summary>Integer values (as their 64-bit two's complement bits) with their nulls.</summary>
    private static void Integers<T>(Span<ulong> hashes, PrimitiveColumn<T> column, Func<T, ulong> bits)
        where T : unmanaged
    {
        var values = column.Values;
        var nulls = column.NullCount > 0;
        if (!nulls && typeof(T) == typeof(long))
        {
            // the common case of a non-null long key column, without a delegate call per row
            var longs = MemoryMarshal.Cast<T, long>(values);
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = Mix(hashes[i], (ulong)longs[i]);
            }

            return;
        }

        if (!nulls && typeof(T) == typeof(int))
        {
            var ints = MemoryMarshal.Cast<T, int>(values);
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = Mix(hashes[i], (ulong)(long)ints[i]);
            }

            return;
        }

        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = nulls && column.IsNull(i) ? Mix(hashes[i], NullTag) : Mix(hashes[i], bits(values[i]));
        }
    }

    /// <summary>Adds one canonical value (see the conventions' canonical .NET values).</summary>
    public static ulong Add(ulong h, object? value)
    {
        switch (value)
        {
            case null:
                return Mix(h, NullTag);
            case string s:
                return Bytes(h, Encoding.UTF8.GetBytes(s), StringTag);
            case byte[] b:
                return Bytes(h, b, BinaryTag);
            case bool b:
                return Mix(h, b ? TrueTag : FalseTag);
            case double d:
                return Double(h, d);
            case float f:
                return Double(h, f);
            case Half half:
                return Double(h, (double)half);
            case decimal m:
                return Double(h, (double)m);
            case sbyte or short or int or long:
                return Mix(h, (ulong)Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case byte or ushort or uint or ulong:
                return Mix(h, Convert.ToUInt64(value, CultureInfo.InvariantCulture));
            case DateTime dt:
                return Mix(Mix(h, DateTimeTag), (ulong)dt.Ticks);
            case DateOnly d:
                return Mix(Mix(h, DateTag), (ulong)d.DayNumber);
            case System.Collections.IDictionary dict:
                {
                    h = Mix(h, NestedTag);
                    foreach (System.Collections.DictionaryEntry e in dict)
                    {
                        h = Add(Add(h, e.Key), e.Value);
                    }

                    return h;
                }

            case System.Collections.IEnumerable items:
                {
                    h = Mix(h, NestedTag + 1);
                    foreach (var item in items)
                    {
                        h = Add(h, item);
                    }

                    return h;
                }

            default:
                return Bytes(h, Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""), OtherTag);
        }
    }

    /// <summary>
    /// Integral values hash as the integer (1.0 meets 1); others by their bits (-0.0 is integral, so it meets 0); NaN as
    /// null, since Fugue treats them alike (distinct and set operations put them together).
    /// </summary>
    private static ulong Double(ulong h, double d) =>
        double.IsNaN(d) ? Mix(h, NullTag)
        : Math.Floor(d) == d && Math.Abs(d) < 9e18 ? Mix(h, (ulong)(long)d)
        : Mix(h, (ulong)BitConverter.DoubleToInt64Bits(d) ^ FractionTag);

    private static ulong Mix(ulong h, ulong v) => BitOperations.RotateLeft(h ^ (v * 0x87C37B91114253D5UL), 31) * 0x4CF5AD432745937FUL;

    private static ulong Bytes(ulong h, ReadOnlySpan<byte> bytes, ulong tag)
    {
        h = Mix(h, tag ^ (ulong)bytes.Length);
        while (bytes.Length >= 8)
        {
            h = Mix(h, MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[8..];
        }

        if (bytes.Length > 0)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            bytes.CopyTo(tail);
            h = Mix(h, MemoryMarshal.Read<ulong>(tail));
        }

        return h;
    }

    /// <summary>Murmur3's finalizer: spreads every input bit over the low bits the bucket modulo uses.</summary>
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
