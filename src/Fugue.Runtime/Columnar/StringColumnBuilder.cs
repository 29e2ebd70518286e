using System.Text;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="StringColumn"/>; strings are encoded to UTF-8 straight into the data buffer.</summary>
public sealed class StringColumnBuilder : VariableBinaryColumnBuilder
{
    /// <summary>Creates a builder.</summary>
    /// <param name="capacity">Expected number of values.</param>
    /// <param name="dataCapacity">Expected total UTF-8 bytes (default: 8 per value).</param>
    public StringColumnBuilder(int capacity = 0, int dataCapacity = -1) : base(DataType.String, capacity, dataCapacity)
    {
    }

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
        var data = Buffers.Data;
        data.EnsureCapacity(Encoding.UTF8.GetMaxByteCount(value.Length));
        data.Advance(Encoding.UTF8.GetBytes(value, data.FreeSpan));
        Buffers.EndValue();
    }

    /// <summary>Appends already-encoded UTF-8 bytes (not validated).</summary>
    public void Append(ReadOnlySpan<byte> utf8) => Buffers.Append(utf8);

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

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new StringColumn Build()
    {
        var b = Buffers.Build();
        return new StringColumn(b.Length, b.Offsets, b.Data, b.Validity, b.NullCount);
    }

    private protected override Column BuildColumn() => Build();
}
