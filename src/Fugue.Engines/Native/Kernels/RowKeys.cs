using Fugue.Columnar;

namespace Fugue.Native.Kernels;

/// <summary>Several key columns of one batch viewed together: row hashing, null checks and row equality.</summary>
internal sealed class RowKeys
{
    private readonly KeyColumn[] _columns;

    /// <summary>The key view of <paramref name="batch"/>'s columns at <paramref name="indices"/>.</summary>
    public RowKeys(RecordBatch batch, IReadOnlyList<int> indices)
    {
        _columns = new KeyColumn[indices.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = KeyColumn.Create(batch.Column(indices[i]));
        }

        Length = batch.Length;
    }

    /// <summary>The key view of all columns of <paramref name="batch"/>.</summary>
    public RowKeys(RecordBatch batch) : this(batch, Enumerable.Range(0, batch.ColumnCount).ToArray())
    {
    }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The key columns.</summary>
    public IReadOnlyList<KeyColumn> Columns => _columns;

    /// <summary>True when any key of the row is null (or NaN).</summary>
    public bool AnyNull(int row)
    {
        foreach (var c in _columns)
        {
            if (c.IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of null (or NaN) keys in the row.</summary>
    public int NullCount(int row)
    {
        var n = 0;
        foreach (var c in _columns)
        {
            if (c.IsNull(row))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The row's hash (nulls hash alike).</summary>
    public int Hash(int row)
    {
        var h = 17;
        foreach (var c in _columns)
        {
            h = unchecked((h * 31) + (c.IsNull(row) ? 0x5bd1e995 : c.Hash(row)));
        }

        return h;
    }

    /// <summary>True when every key equals the other row's; two nulls are equal (callers exclude null keys where SQL says they never match).</summary>
    public bool Equal(int row, RowKeys other, int otherRow)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var a = _columns[i];
            var b = other._columns[i];
            var an = a.IsNull(row);
            var bn = b.IsNull(otherRow);
            if (an || bn)
            {
                if (an != bn)
                {
                    return false;
                }

                continue;
            }

            if (!a.Equal(row, b, otherRow))
            {
                return false;
            }
        }

        return true;
    }
}
