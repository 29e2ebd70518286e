using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="NullColumn"/>: only nulls can be appended.</summary>
public sealed class NullColumnBuilder : ColumnBuilder
{
    private int _length;

    /// <summary>Creates a builder.</summary>
    public NullColumnBuilder() : base(DataType.Null)
    {
    }

    /// <inheritdoc />
    public override int Length => _length;

    /// <inheritdoc />
    public override int NullCount => _length;

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is not null)
        {
            throw StorageTypes.WrongType(Type, value);
        }

        _length++;
    }

    /// <inheritdoc />
    public override void AppendNull() => _length++;

    /// <inheritdoc />
    public override void AppendNulls(int count) => _length += Math.Max(0, count);

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new NullColumn Build()
    {
        var c = new NullColumn(_length);
        _length = 0;
        return c;
    }

    private protected override void AppendFromCore(Column source, int index) => _length++;

    private protected override void AppendRangeCore(Column source, int offset, int length) => _length += length;

    private protected override void TruncateCore(int length) => _length = length;

    private protected override Column BuildColumn() => Build();
}
