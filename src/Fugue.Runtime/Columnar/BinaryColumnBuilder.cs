using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="BinaryColumn"/>.</summary>
public sealed class BinaryColumnBuilder : ColumnBuilder
{
    private readonly VariableBinaryBuffers _buffers;

    /// <summary>Creates a builder.</summary>
    /// <param name="capacity">Expected number of values.</param>
    /// <param name="dataCapacity">Expected total bytes (default: 8 per value).</param>
    public BinaryColumnBuilder(int capacity = 0, int dataCapacity = -1) : base(DataType.Binary) =>
        _buffers = new VariableBinaryBuffers(capacity, dataCapacity >= 0 ? dataCapacity : (int)Math.Min(8L * Math.Max(0, capacity), Array.MaxLength));

    /// <inheritdoc />
    public override int Length => _buffers.Length;

    /// <inheritdoc />
    public override int NullCount => _buffers.NullCount;

    /// <summary>Appends bytes (copied).</summary>
    public void Append(ReadOnlySpan<byte> value) => _buffers.Append(value);

    /// <summary>Appends a byte array (null appends a null).</summary>
    public void Append(byte[]? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            _buffers.Append(value);
        }
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case byte[] b:
                _buffers.Append(b);
                break;
            case ReadOnlyMemory<byte> m:
                _buffers.Append(m.Span);
                break;
            case Memory<byte> m:
                _buffers.Append(m.Span);
                break;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <inheritdoc />
    public override void AppendNull() => _buffers.AppendNull();

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new BinaryColumn Build()
    {
        var b = _buffers.Build();
        return new BinaryColumn(b.Length, b.Offsets, b.Data, b.Validity, b.NullCount);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            _buffers.Append(((VariableBinaryColumn)source).GetBytes(index));
        }
    }

    private protected override void AppendGatherCore(Column source, ReadOnlySpan<int> indices) =>
        _buffers.AppendGather((VariableBinaryColumn)source, indices);

    private protected override void AppendRangeCore(Column source, int offset, int length) =>
        _buffers.AppendRange((VariableBinaryColumn)source, offset, length);

    private protected override void TruncateCore(int length) => _buffers.Truncate(length);

    private protected override Column BuildColumn() => Build();
}
