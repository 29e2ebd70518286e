using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// The shared part of the builders of variable-length binary layouts (<see cref="StringColumnBuilder"/>,
/// <see cref="BinaryColumnBuilder"/>): both own one offsets + data + validity buffer set and copy values between
/// columns of that layout as raw bytes.
/// </summary>
public abstract class VariableBinaryColumnBuilder : ColumnBuilder
{
    private protected VariableBinaryColumnBuilder(DataType type, int capacity, int dataCapacity) : base(type) =>
        Buffers = new VariableBinaryBuffers(capacity, dataCapacity >= 0 ? dataCapacity : (int)Math.Min(8L * Math.Max(0, capacity), Array.MaxLength));

    /// <summary>The offsets, data and validity being built.</summary>
    private protected VariableBinaryBuffers Buffers { get; }

    /// <inheritdoc />
    public override int Length => Buffers.Length;

    /// <inheritdoc />
    public override int NullCount => Buffers.NullCount;

    /// <inheritdoc />
    public override void AppendNull() => Buffers.AppendNull();

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            Buffers.Append(((VariableBinaryColumn)source).GetBytes(index));
        }
    }

    private protected override void AppendGatherCore(Column source, ReadOnlySpan<int> indices) =>
        Buffers.AppendGather((VariableBinaryColumn)source, indices);

    private protected override void AppendRangeCore(Column source, int offset, int length) =>
        Buffers.AppendRange((VariableBinaryColumn)source, offset, length);

    private protected override void TruncateCore(int length) => Buffers.Truncate(length);
}
