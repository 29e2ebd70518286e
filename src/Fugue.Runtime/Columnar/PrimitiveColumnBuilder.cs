using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="PrimitiveColumn{T}"/>; <see cref="Append(T)"/> and <see cref="AppendRange"/> are the fast paths.</summary>
public sealed class PrimitiveColumnBuilder<T> : ColumnBuilder where T : unmanaged
{
    private readonly BufferBuilder _values;
    private readonly ValidityBuilder _validity;
    private readonly bool _exactTypeAccepted;

    /// <summary>Creates a builder for <paramref name="type"/>, which must be stored as <typeparamref name="T"/>.</summary>
    /// <param name="type">The column type.</param>
    /// <param name="capacity">Expected number of values.</param>
    public PrimitiveColumnBuilder(DataType type, int capacity = 0) : base(type)
    {
        StorageTypes.Check<T>(type);
        capacity = Math.Max(0, capacity);
        _values = new BufferBuilder((int)Math.Min((long)capacity * Unsafe.SizeOf<T>(), Array.MaxLength));
        _validity = new ValidityBuilder(capacity);
        // Raw int/long are not accepted for date/timestamp columns: the unit would be ambiguous.
        _exactTypeAccepted = type.Kind is not (TypeKind.Date or TypeKind.Timestamp);
    }

    /// <summary>Creates a builder for the natural type of <typeparamref name="T"/> (long -> long, double -> double, ...).</summary>
    public PrimitiveColumnBuilder(int capacity = 0) : this(StorageTypes.DefaultType<T>(), capacity)
    {
    }

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Appends a value in storage form (days for date, the unit's count for timestamps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        _values.Append(value);
        _validity.AppendValid();
    }

    /// <summary>Appends values in storage form.</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        _values.AppendBytes(MemoryMarshal.AsBytes(values));
        _validity.AppendValid(values.Length);
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(T? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else if (_exactTypeAccepted && value is T t)
        {
            Append(t);
        }
        else
        {
            Append(StorageValueConverter.ToStorage<T>(value, Type));
        }
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        _values.Append(default(T));
        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public new PrimitiveColumn<T> Build()
    {
        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        return new PrimitiveColumn<T>(Type, length, _values.Build(), validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
        }
        else
        {
            Append(((PrimitiveColumn<T>)source).Values[index]);
        }
    }

    private protected override void AppendGatherCore(Column source, ReadOnlySpan<int> indices)
    {
        var src = (PrimitiveColumn<T>)source;
        var values = src.Values;
        if (src.NullCount == 0)
        {
            var dst = MemoryMarshal.Cast<byte, T>(_values.AppendSpan(indices.Length * Unsafe.SizeOf<T>()));
            for (var k = 0; k < dst.Length; k++)
            {
                dst[k] = values[indices[k]];
            }

            _validity.AppendValid(indices.Length);
            return;
        }

        var validity = src.ValidityBuffer.Span;
        var offset = src.Offset;
        foreach (var i in indices)
        {
            if (BitUtility.GetBit(validity, offset + i))
            {
                Append(values[i]);
            }
            else
            {
                AppendNull();
            }
        }
    }

    private protected override void AppendRangeCore(Column source, int offset, int length)
    {
        var src = (PrimitiveColumn<T>)source;
        if (src.NullCount == 0)
        {
            AppendRange(src.Values.Slice(offset, length));
        }
        else
        {
            base.AppendRangeCore(source, offset, length);
        }
    }

    private protected override void TruncateCore(int length)
    {
        _values.Truncate(length * Unsafe.SizeOf<T>());
        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
