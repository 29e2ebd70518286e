using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="BinaryColumn"/>.</summary>
public sealed class BinaryColumnBuilder : VariableBinaryColumnBuilder
{
    /// <summary>Creates a builder.</summary>
    /// <param name="capacity">Expected number of values.</param>
    /// <param name="dataCapacity">Expected total bytes (default: 8 per value).</param>
    public BinaryColumnBuilder(int capacity = 0, int dataCapacity = -1) : base(DataType.Binary, capacity, dataCapacity)
    {
    }

    /// <summary>Appends bytes (copied).</summary>
    public void Append(ReadOnlySpan<byte> value) => Buffers.Append(value);

    /// <summary>Appends a byte array (null appends a null).</summary>
    public void Append(byte[]? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Buffers.Append(value);
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
                Buffers.Append(b);
                break;
            case ReadOnlyMemory<byte> m:
                Buffers.Append(m.Span);
                break;
            case Memory<byte> m:
                Buffers.Append(m.Span);
                break;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new BinaryColumn Build()
    {
        var b = Buffers.Build();
        return new BinaryColumn(b.Length, b.Offsets, b.Data, b.Validity, b.NullCount);
    }

    private protected override Column BuildColumn() => Build();
}
