using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>A <c>null</c> column: every row is null and there are no buffers.</summary>
public sealed class NullColumn : Column
{
    /// <summary>Creates a null column of <paramref name="length"/> rows.</summary>
    public NullColumn(int length) : base(DataType.Null, length)
    {
    }

    /// <inheritdoc />
    public override long ByteSize => 0;

    private protected override object GetValueCore(int index) =>
        throw new InvalidOperationException("a null column has no values");

    private protected override Column SliceCore(int offset, int length, int nullCount) => new NullColumn(length);
}
