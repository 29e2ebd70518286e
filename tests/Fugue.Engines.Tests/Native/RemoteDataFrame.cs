using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Native;

/// <summary>A stand-in for another engine's frame: not local, readable only by bringing it local.</summary>
internal sealed class RemoteDataFrame(ArrayDataFrame data) : DataFrame(data.Schema)
{
    public int Collects { get; private set; }

    public override bool IsLocal => false;

    public override bool IsBounded => true;

    public override bool IsEmpty => data.IsEmpty;

    public override object Native => data;

    public override long Count() => data.Count();

    public override LocalBoundedDataFrame AsLocalBounded()
    {
        Collects++;
        return data;
    }

    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices) =>
        data.AsArrayIterable(indices?.Select(i => Schema[i].Name).ToArray());

    protected override DataFrame SelectCore(int[] indices, Schema schema) => new RemoteDataFrame((ArrayDataFrame)data.SelectColumns(schema.Names.ToArray()));

    protected override DataFrame RenameCore(Schema schema) => throw new NotSupportedException();

    protected override DataFrame AlterCore(Schema schema) => throw new NotSupportedException();
}
