using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="DecimalColumn"/> of 16-byte unscaled values at the type's scale.</summary>
public sealed class DecimalColumnBuilder : ColumnBuilder
{
    private readonly BufferBuilder _values;
    private readonly ValidityBuilder _validity;
    private readonly DecimalType _type;

    /// <summary>Creates a builder for <paramref name="type"/>; <paramref name="capacity"/> is the expected number of values.</summary>
    public DecimalColumnBuilder(DecimalType type, int capacity = 0) : base(type)
    {
        _type = type;
        capacity = Math.Max(0, capacity);
        _values = new BufferBuilder((int)Math.Min(16L * capacity, Array.MaxLength));
        _validity = new ValidityBuilder(capacity);
    }

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Appends a decimal, rescaled to the type's scale (extra fractional digits rounded half away from zero).</summary>
    /// <exception cref="OverflowException">The value needs more digits than the precision.</exception>
    public void Append(decimal value) => AppendUnscaled(DecimalConversions.ToUnscaled(value, _type.Precision, _type.Scale));

    /// <summary>Appends an unscaled value (the stored form: <c>value * 10^Scale</c>).</summary>
    public void AppendUnscaled(Int128 unscaled)
    {
        _values.Append(unscaled);
        _validity.AppendValid();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else if (value is decimal d)
        {
            Append(d);
        }
        else if (StorageValueConverter.TryGetInteger(value, out var i))
        {
            if (i >= DecimalConversions.Pow10(_type.Precision - _type.Scale) || i <= -DecimalConversions.Pow10(_type.Precision - _type.Scale))
            {
                throw new OverflowException($"value {i} does not fit {_type}");
            }

            AppendUnscaled(i * DecimalConversions.Pow10(_type.Scale));
        }
        else
        {
            throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        _values.Append(Int128.Zero);
        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new DecimalColumn Build()
    {
        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        return new DecimalColumn(_type, length, _values.Build(), validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            AppendUnscaled(((DecimalColumn)source).GetUnscaled(index));
        }
    }

    private protected override void TruncateCore(int length)
    {
        _values.Truncate(length * 16);
        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
