using System.Runtime.CompilerServices;

namespace Fugue.Expressions;

/// <summary>
/// Group ids of integer-like keys held as longs: a direct array for small non-negative keys (the usual dimension or
/// category codes), an open-addressing table for the rest. No boxing and no per-row object; ids are handed out by the
/// caller (first-seen order).
/// </summary>
internal sealed class LongGroupTable
{
    private const int DenseLimit = 1 << 16;

    private int[] _dense = []; // id + 1 per key; 0 = absent
    private long[] _keys = new long[16];
    private int[] _ids = new int[16]; // id + 1; 0 = empty slot
    private int _mask = 15;
    private int _sparseCount;

    /// <summary>The id of <paramref name="key"/>, or -1 when it has none yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        if ((ulong)key < (ulong)_dense.Length)
        {
            return _dense[key] - 1;
        }

        return FindSparse(key);
    }

    /// <summary>Records <paramref name="id"/> for <paramref name="key"/> (which has none yet).</summary>
    public void Add(long key, int id)
    {
        if ((ulong)key < DenseLimit)
        {
            if ((ulong)key >= (ulong)_dense.Length)
            {
                var size = Math.Max(64, _dense.Length);
                while (size <= key)
                {
                    size <<= 1;
                }

                Array.Resize(ref _dense, size);
            }

            _dense[key] = id + 1;
            return;
        }

        if ((_sparseCount + 1) * 2 > _ids.Length)
        {
            Grow();
        }

        Insert(key, id + 1);
        _sparseCount++;
    }

    private int FindSparse(long key)
    {
        var s = Slot(key, _mask);
        while (_ids[s] != 0)
        {
            if (_keys[s] == key)
            {
                return _ids[s] - 1;
            }

            s = (s + 1) & _mask;
        }

        return -1;
    }

    private void Insert(long key, int idPlusOne)
    {
        var s = Slot(key, _mask);
        while (_ids[s] != 0)
        {
            s = (s + 1) & _mask;
        }

        _keys[s] = key;
        _ids[s] = idPlusOne;
    }

    private void Grow()
    {
        var keys = _keys;
        var ids = _ids;
        _keys = new long[keys.Length * 2];
        _ids = new int[ids.Length * 2];
        _mask = _ids.Length - 1;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] != 0)
            {
                Insert(keys[i], ids[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(long key, int mask) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32) & mask;
}
