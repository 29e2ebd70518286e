using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A local bounded frame stored as Arrow-layout <see cref="RecordBatch"/>es (all of the frame's schema). Counting,
/// heads, projections and renames are zero-copy; rows are only built when read through the row API.
/// </summary>
public sealed class ColumnarDataFrame : LocalBoundedDataFrame
{
    private readonly RecordBatch[] _batches;
    private readonly long _count;

    /// <summary>A frame over one batch (its schema is the frame's).</summary>
    public ColumnarDataFrame(RecordBatch batch) : this((batch ?? throw new ArgumentNullException(nameof(batch))).Schema, [batch])
    {
    }

    /// <summary>A frame over batches that all have <paramref name="schema"/>.</summary>
    /// <exception cref="FugueDataFrameInitException">A batch has another schema.</exception>
    public ColumnarDataFrame(Schema schema, IEnumerable<RecordBatch> batches) : base(schema)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = batches.Select(b => BatchConversions.Check(b, schema, "ColumnarDataFrame")).ToArray();
        foreach (var b in _batches)
        {
            _count += b.Length;
        }
    }

    /// <summary>The batches, in order (may include empty batches; may be none when the frame is empty).</summary>
    public IReadOnlyList<RecordBatch> Batches => _batches;

    /// <summary>The batches, as <see cref="Batches"/>.</summary>
    public override object Native => _batches;

    /// <inheritdoc />
    public override long Count() => _count;

    /// <inheritdoc />
    public override bool IsEmpty => _count == 0;

    /// <inheritdoc />
    public override IEnumerable<RecordBatch> AsBatches() => _batches;

    /// <summary>Returns this frame.</summary>
    public override ColumnarDataFrame ToColumnar() => this;

    /// <inheritdoc />
    public override object?[] PeekArray()
    {
        foreach (var b in _batches)
        {
            if (b.Length > 0)
            {
                return BatchConversions.Row(b, 0);
            }
        }

        throw EmptyError();
    }

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) =>
        _batches.SelectMany(b => BatchConversions.ToRows(b, indices));

    /// <inheritdoc />
    protected override LocalBoundedDataFrame HeadCore(int n, int[]? indices)
    {
        var schema = indices is null ? Schema : ColumnOps.Project(Schema, indices);
        var slices = BatchConversions.Take(_batches, n);
        return new ColumnarDataFrame(schema, indices is null ? slices : slices.Select(b => BatchConversions.Select(b, indices, schema)));
    }

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) =>
        new ColumnarDataFrame(schema, _batches.Select(b => BatchConversions.Select(b, indices, schema)));

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) =>
        new ColumnarDataFrame(schema, _batches.Select(b => BatchConversions.Rename(b, schema)));

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema)
    {
        var result = new RecordBatch[_batches.Length];
        long first = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BatchConversions.Alter(_batches[i], schema, first);
            first += _batches[i].Length;
        }

        return new ColumnarDataFrame(schema, result);
    }
}
