using Fugue.Columnar;
using Fugue.Schemas;

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
        var kind = binder.TypeOf(index).Kind;
        // Date and timestamp columns share int/long storage: only a column of the member's own kind is typed.
        _typed = kind == KindOf() ? _builder as PrimitiveColumnBuilder<T> : null;
        if (_typed is null && !binder.TypeOf(index).IsNumeric)
        {
            throw binder.TypeError(index, member, typeof(T).Name);
        }
    }

    private static TypeKind KindOf()
    {
        if (typeof(T) == typeof(sbyte)) return TypeKind.Int8;
        if (typeof(T) == typeof(byte)) return TypeKind.UInt8;
        if (typeof(T) == typeof(short)) return TypeKind.Int16;
        if (typeof(T) == typeof(ushort)) return TypeKind.UInt16;
        if (typeof(T) == typeof(int)) return TypeKind.Int32;
        if (typeof(T) == typeof(uint)) return TypeKind.UInt32;
        if (typeof(T) == typeof(long)) return TypeKind.Int64;
        if (typeof(T) == typeof(ulong)) return TypeKind.UInt64;
        if (typeof(T) == typeof(Half)) return TypeKind.Float16;
        if (typeof(T) == typeof(float)) return TypeKind.Float32;
        return typeof(T) == typeof(double) ? TypeKind.Float64 : TypeKind.Null;
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
