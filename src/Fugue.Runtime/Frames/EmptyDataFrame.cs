using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>A frame with a schema and no rows (e.g. a missing side of an outer zip in comap).</summary>
public sealed class EmptyDataFrame : LocalBoundedDataFrame
{
    /// <summary>Creates an empty frame of <paramref name="schema"/>.</summary>
    public EmptyDataFrame(Schema schema) : base(schema)
    {
    }

    /// <inheritdoc />
    public override bool IsEmpty => true;

    /// <summary>An empty row list.</summary>
    public override object Native => Array.Empty<object?[]>();

    /// <inheritdoc />
    public override long Count() => 0;

    /// <summary>No batches.</summary>
    public override IEnumerable<RecordBatch> AsBatches() => [];

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) => [];

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) => new EmptyDataFrame(schema);

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) => new EmptyDataFrame(schema);

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema) => new EmptyDataFrame(schema);
}
