using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Native;

/// <summary>
/// One zipped group of one frame as handed to a comap function: some rows of the frame, picked by row number, gathered
/// into a <see cref="ColumnarDataFrame"/> only when the rows are read. Counting (and the schema) never copies, so a
/// function that only counts or looks at the cursor costs nothing per row.
/// </summary>
internal sealed class GroupDataFrame : LocalBoundedDataFrame
{
    private readonly BatchList _frame;
    private readonly int[] _rows;
    private readonly int _start;
    private readonly int _length;
    private ColumnarDataFrame? _data;

    /// <summary>Rows <paramref name="rows"/>[<paramref name="start"/>..+<paramref name="length"/>] of <paramref name="frame"/>.</summary>
    public GroupDataFrame(BatchList frame, int[] rows, int start, int length) : base(frame.Schema)
    {
        _frame = frame;
        _rows = rows;
        _start = start;
        _length = length;
    }

    // Racing first reads gather twice and keep one result: both are equal, and no lock is held around user code.
    private ColumnarDataFrame Data => _data ??= new ColumnarDataFrame(_frame.Take(_rows.AsSpan(_start, _length)));

    /// <inheritdoc />
    public override object Native => Data.Native;

    /// <inheritdoc />
    public override long Count() => _length;

    /// <inheritdoc />
    public override IEnumerable<RecordBatch> AsBatches() => Data.AsBatches();

    /// <inheritdoc />
    public override ColumnarDataFrame ToColumnar() => Data;

    /// <inheritdoc />
    public override object?[] PeekArray() => Data.PeekArray();

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) =>
        Data.AsArrayIterable(indices?.Select(i => Schema[i].Name).ToArray());

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) => Data.SelectColumns(schema.Names.ToArray());

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) =>
        Data.Rename(Schema.Names.Zip(schema.Names).Where(p => p.First != p.Second).ToDictionary(p => p.First, p => p.Second));

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema) => Data.AlterColumns(schema);
}
