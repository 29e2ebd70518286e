using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Appends numeric members to their column builder without boxing when the types agree. Generated writers fill
/// <see cref="Reserve"/>'s span column-wise and <see cref="Commit"/> it as one range append.
/// </summary>
/// <typeparam name="T">The member's numeric type.</typeparam>
public sealed class PrimitiveWriter<T>
    where T : unmanaged
{
    private readonly int _index;
    private readonly bool _exact;
    private ColumnBuilder? _builder;
    private PrimitiveColumnBuilder<T>? _typed;
    private T[] _scratch = [];

    /// <summary>Resolves the output column.</summary>
    public PrimitiveWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        var type = binder.TypeOf(_index);
        // Date and timestamp columns share int/long storage: only a column of the member's own kind is typed.
        _exact = type.Kind == KindOf();
        if (!_exact && !type.IsNumeric)
        {
            throw binder.TypeError(_index, member, typeof(T).Name);
        }
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder[_index];
        _typed = _exact ? (PrimitiveColumnBuilder<T>)_builder : null;
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
            // A member of another numeric type than the column's: the builder's converting path.
            _builder!.Append(value);
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
            _builder!.AppendNull();
        }
    }

    /// <summary>A scratch span of <paramref name="count"/> values to fill, then <see cref="Commit"/>.</summary>
    public Span<T> Reserve(int count)
    {
        if (_scratch.Length < count)
        {
            _scratch = new T[count];
        }

        return _scratch.AsSpan(0, count);
    }

    /// <summary>Appends the first <paramref name="count"/> values of the <see cref="Reserve"/>d span.</summary>
    public void Commit(int count)
    {
        var values = _scratch.AsSpan(0, count);
        if (_typed is not null)
        {
            _typed.AppendRange(values);
            return;
        }

        foreach (var value in values)
        {
            _builder!.Append(value);
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
}
