using System.Text;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="StringColumn"/>; strings are encoded to UTF-8 straight into the data buffer.</summary>
public sealed class StringColumnBuilder : ColumnBuilder
{
    private readonly VariableBinaryBuffers _buffers;

    /// <summary>Creates a builder.</summary>
    /// <param name="capacity">Expected number of values.</param>
    /// <param name="dataCapacity">Expected total UTF-8 bytes (default: 8 per value).</param>
    public StringColumnBuilder(int capacity = 0, int dataCapacity = -1) : base(DataType.String) =>
        _buffers = new VariableBinaryBuffers(capacity, dataCapacity >= 0 ? dataCapacity : (int)Math.Min(8L * Math.Max(0, capacity), Array.MaxLength));

    /// <inheritdoc />
    public override int Length => _buffers.Length;

    /// <inheritdoc />
    public override int NullCount => _buffers.NullCount;

    /// <summary>Appends a string (null appends a null).</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Append(value.AsSpan());
        }
    }

    /// <summary>Appends UTF-16 characters, encoded to UTF-8.</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        var data = _buffers.Data;
        data.EnsureCapacity(Encoding.UTF8.GetMaxByteCount(value.Length));
        data.Advance(Encoding.UTF8.GetBytes(value, data.FreeSpan));
        _buffers.EndValue();
    }

    /// <summary>Appends already-encoded UTF-8 bytes (not validated).</summary>
    public void Append(ReadOnlySpan<byte> utf8) => _buffers.Append(utf8);

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case string s:
                Append(s.AsSpan());
                break;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <inheritdoc />
    public override void AppendNull() => _buffers.AppendNull();

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new StringColumn Build()
    {
        var b = _buffers.Build();
        return new StringColumn(b.Length, b.Offsets, b.Data, b.Validity, b.NullCount);
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
