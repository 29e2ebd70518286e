using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a bit-packed <see cref="BooleanColumn"/>.</summary>
public sealed class BooleanColumnBuilder : ColumnBuilder
{
    private readonly BitmapBuilder _values;
    private readonly ValidityBuilder _validity;

    /// <summary>Creates a builder; <paramref name="capacity"/> is the expected number of values.</summary>
    public BooleanColumnBuilder(int capacity = 0) : base(DataType.Bool)
    {
        capacity = Math.Max(0, capacity);
        _values = new BitmapBuilder(capacity);
        _validity = new ValidityBuilder(capacity);
    }

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Appends a value.</summary>
    public void Append(bool value)
    {
        _values.Append(value);
        _validity.AppendValid();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case bool b:
                Append(b);
                break;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        _values.Append(false);
        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new BooleanColumn Build()
    {
        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        return new BooleanColumn(length, _values.Build(), validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            Append(((BooleanColumn)source).GetBoolean(index));
        }
    }

    private protected override void TruncateCore(int length)
    {
        _values.Truncate(length);
        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
