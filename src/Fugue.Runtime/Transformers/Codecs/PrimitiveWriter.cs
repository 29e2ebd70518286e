using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends numeric members to their column builder without boxing when the types agree.</summary>
/// <typeparam name="T">The member's numeric type.</typeparam>
public sealed class PrimitiveWriter<T>
    where T : unmanaged
{
    private readonly PrimitiveColumnBuilder<T>? _typed;
    private readonly ColumnBuilder _builder;

    /// <summary>Resolves the output column.</summary>
    public PrimitiveWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        _builder = builder[index];
        _typed = _builder as PrimitiveColumnBuilder<T>;
        if (_typed is null && !binder.TypeOf(index).IsNumeric)
        {
            throw binder.TypeError(index, member, typeof(T).Name);
        }
    }

    /// <summary>Appends a value.</summary>
    public void Append(T value)
    {
        if (_typed is not null)
        {
            _typed.Append(value);
        }
        else
        {
            _builder.Append(value);
        }
    }

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(T? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            _builder.AppendNull();
        }
    }
}
