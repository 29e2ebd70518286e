namespace Fugue.Native.Kernels;

/// <summary>
/// A hash table from distinct key rows of one <see cref="RowKeys"/> to dense ids (0, 1, ... in first-seen order):
/// the build side of hash joins and the dictionary behind distinct and the set operations. Nulls compare equal
/// here; callers that need SQL's "null never matches" skip null-key rows. Chained buckets over flat int arrays:
/// memory is proportional to the number of distinct keys, no allocation per row.
/// </summary>
internal sealed class RowIndex
{
    private readonly RowKeys _keys;
    private int[] _buckets;
    private int[] _next;
    private int[] _rowOf;
    private int[] _hashOf;
    private int _mask;

    /// <summary>An empty index over the rows of <paramref name="keys"/>.</summary>
    public RowIndex(RowKeys keys, int expected = 16)
    {
        _keys = keys;
        var size = 16;
        while (size < expected * 2 && size < (1 << 30))
        {
            size <<= 1;
        }

        _buckets = new int[size];
        _mask = size - 1;
        var cap = Math.Max(16, Math.Min(expected, 1 << 20));
        _next = new int[cap];
        _rowOf = new int[cap];
        _hashOf = new int[cap];
    }

    /// <summary>The number of distinct keys added.</summary>
    public int Count { get; private set; }

    /// <summary>The first row added with key <paramref name="id"/>.</summary>
    public int RowOf(int id) => _rowOf[id];

    /// <summary>The id of row <paramref name="row"/>'s key, adding it when new.</summary>
    public int GetOrAdd(int row)
    {
        var hash = _keys.Hash(row);
        for (var e = _buckets[hash & _mask] - 1; e >= 0; e = _next[e])
        {
            if (_hashOf[e] == hash && _keys.Equal(_rowOf[e], _keys, row))
            {
                return e;
            }
        }

        if (Count == _rowOf.Length)
        {
            Array.Resize(ref _rowOf, Count * 2);
            Array.Resize(ref _hashOf, Count * 2);
            Array.Resize(ref _next, Count * 2);
        }

        var id = Count++;
        _rowOf[id] = row;
        _hashOf[id] = hash;
        _next[id] = _buckets[hash & _mask] - 1;
        _buckets[hash & _mask] = id + 1;
        if (Count * 2 > _buckets.Length && _buckets.Length < (1 << 30))
        {
            Rehash();
        }

        return id;
    }

    /// <summary>The id of the key of row <paramref name="row"/> of <paramref name="probe"/> (same key types), or -1.</summary>
    public int Find(RowKeys probe, int row)
    {
        var hash = probe.Hash(row);
        for (var e = _buckets[hash & _mask] - 1; e >= 0; e = _next[e])
        {
            if (_hashOf[e] == hash && _keys.Equal(_rowOf[e], probe, row))
            {
                return e;
            }
        }

        return -1;
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        _mask = _buckets.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var b = _hashOf[id] & _mask;
            _next[id] = _buckets[b] - 1;
            _buckets[b] = id + 1;
        }
    }
}
