using Fugue.Execution;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Api;

/// <summary>A stand-in for a distributed engine's frame that names its engine (as a Dask frame would).</summary>
internal sealed class BoundDataFrame(ArrayDataFrame data, ExecutionEngine engine) : DataFrame(data.Schema), IEngineFrame
{
    public ExecutionEngine ExecutionEngine { get; } = engine;

    public override bool IsLocal => true;

    public override bool IsBounded => true;

    public override bool IsEmpty => data.IsEmpty;

    public override object Native => data;

    public override long Count() => data.Count();

    public override LocalBoundedDataFrame AsLocalBounded() => data;

    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) =>
        data.AsArrayIterable(indices?.Select(i => Schema[i].Name).ToArray());

    protected override DataFrame SelectCore(int[] indices, Schema schema) => data.SelectColumns(schema.Names.ToArray());

    protected override DataFrame RenameCore(Schema schema) => throw new NotSupportedException();

    protected override DataFrame AlterCore(Schema schema) => throw new NotSupportedException();
}
