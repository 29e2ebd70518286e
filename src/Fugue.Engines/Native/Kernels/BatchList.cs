using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// A frame's batches addressed by one row number across all of them, without concatenating them: row lookups,
/// gathers of a few rows, and the concatenation of only some columns (e.g. the keys, for grouping).
/// </summary>
internal sealed class BatchList
{
    private readonly RecordBatch[] _batches;
    private readonly int[] _starts;

    /// <summary>The non-empty batches of <paramref name="batches"/>, all of <paramref name="schema"/>.</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> rows.</exception>
    public BatchList(Schema schema, IEnumerable<RecordBatch> batches)
    {
        Schema = schema;
        _batches = batches.Where(b => b.Length > 0).ToArray();
        _starts = new int[_batches.Length + 1];
        for (var b = 0; b < _batches.Length; b++)
        {
            var next = (long)_starts[b] + _batches[b].Length;
            if (next > int.MaxValue)
            {
                throw new InvalidOperationException($"the native engine holds at most {int.MaxValue} rows of one frame, got more");
            }

            _starts[b + 1] = (int)next;
        }
    }

    /// <summary>The frame schema.</summary>
    public Schema Schema { get; }

    /// <summary>The total row count.</summary>
    public int Length => _starts[^1];

    /// <summary>The canonical values of row <paramref name="row"/>.</summary>
    public object?[] Row(int row)
    {
        var (b, local) = Locate(row);
        return NativeFrames.Row(_batches[b], local);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order, as one new batch.</summary>
    public RecordBatch Take(ReadOnlySpan<int> rows)
    {
        if (_batches.Length == 1)
        {
            return ColumnKernels.Take(_batches[0], rows);
        }

        var columns = new Column[Schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var builder = ColumnBuilder.Create(Schema[c].Type, rows.Length);
            foreach (var r in rows)
            {
                var (b, local) = Locate(r);
                builder.AppendFrom(_batches[b].Column(c), local);
            }

            columns[c] = builder.Build();
        }

        return new RecordBatch(Schema, columns, rows.Length);
    }

    /// <summary>The columns at <paramref name="indices"/> of all rows, as one batch (renamed to <paramref name="schema"/>).</summary>
    public RecordBatch Columns(IReadOnlyList<int> indices, Schema schema)
    {
        var parts = _batches.Select(b => new RecordBatch(schema, indices.Select(i => b.Column(i)).ToArray(), b.Length)).ToList();
        return ColumnKernels.Concat(schema, parts);
    }

    private (int Batch, int Row) Locate(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row {row} is outside the frame of {Length} rows");
        }

        var b = Array.BinarySearch(_starts, row);
        b = b >= 0 ? b : ~b - 1;

        // Equal starts belong to no batch (none is empty), so an exact hit is that batch's first row.
        return (b, row - _starts[b]);
    }
}
