using System.Numerics;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Reads a numeric column into <typeparamref name="T"/> without boxing. A column of a narrower type is
/// widened safely (int to long, float to double, ...) once per batch into a reused buffer.
/// </summary>
/// <typeparam name="T">sbyte, byte, short, ushort, int, uint, long, ulong, Half, float or double.</typeparam>
public sealed class PrimitiveAccessor<T> : ColumnAccessor
    where T : unmanaged, INumberBase<T>
{
    private static readonly TypeKind Target = KindOf();
    private readonly bool _exact;
    private PrimitiveColumn<T>? _direct;
    private T[] _buffer = [];
    private int _length;

    /// <summary>Resolves and checks the column.</summary>
    public PrimitiveAccessor(ColumnBinder binder, string column, string member)
        : base(binder, column, member)
    {
        var source = binder.TypeOf(Index).Kind;
        _exact = source == Target;
        if (!_exact && !CanWiden(source, Target))
        {
            throw binder.TypeError(Index, member, Name(Target) + Widenings(Target));
        }
    }

    /// <summary>
    /// The bound batch's values (the column's own span, or the widened copy); generated readers hoist it once
    /// per chunk. Values at null positions are undefined.
    /// </summary>
    public ReadOnlySpan<T> Values => _direct is { } direct ? direct.Values : _buffer.AsSpan(0, _length);

    /// <summary>The value at <paramref name="row"/> (undefined for nulls).</summary>
    public T Get(int row) => _direct is { } direct ? direct[row] : _buffer[row];

    /// <summary>The value at <paramref name="row"/>; a null is an error.</summary>
    public T GetRequired(int row) => IsNull(row) ? throw NullError(row, typeof(T).Name) : Get(row);

    /// <summary>The value at <paramref name="row"/>, or null.</summary>
    public T? GetNullable(int row) => IsNull(row) ? null : Get(row);

    /// <inheritdoc />
    protected override void OnBind(Column column)
    {
        if (_exact)
        {
            _direct = (PrimitiveColumn<T>)column;
            return;
        }

        _direct = null;
        _length = column.Length;
        if (_buffer.Length < column.Length)
        {
            _buffer = new T[Math.Max(column.Length, _buffer.Length * 2)];
        }

        switch (column)
        {
            case PrimitiveColumn<sbyte> c: Widen(c.Values); break;
            case PrimitiveColumn<byte> c: Widen(c.Values); break;
            case PrimitiveColumn<short> c: Widen(c.Values); break;
            case PrimitiveColumn<ushort> c: Widen(c.Values); break;
            case PrimitiveColumn<int> c: Widen(c.Values); break;
            case PrimitiveColumn<uint> c: Widen(c.Values); break;
            case PrimitiveColumn<Half> c: Widen(c.Values); break;
            case PrimitiveColumn<float> c: Widen(c.Values); break;
            default: throw Binder.TypeError(Index, Member, Name(Target));
        }
    }

    private void Widen<TSource>(ReadOnlySpan<TSource> values)
        where TSource : unmanaged, INumberBase<TSource>
    {
        var buffer = _buffer.AsSpan(0, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            buffer[i] = T.CreateTruncating(values[i]);
        }
    }

    private static bool CanWiden(TypeKind source, TypeKind target) => target switch
    {
        TypeKind.Int16 => source is TypeKind.Int8 or TypeKind.UInt8,
        TypeKind.Int32 => source is TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16,
        TypeKind.Int64 => source is TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Int32 or TypeKind.UInt32,
        TypeKind.UInt16 => source is TypeKind.UInt8,
        TypeKind.UInt32 => source is TypeKind.UInt8 or TypeKind.UInt16,
        TypeKind.UInt64 => source is TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32,
        TypeKind.Float32 => source is TypeKind.Float16,
        TypeKind.Float64 => source is TypeKind.Float16 or TypeKind.Float32 or TypeKind.Int8 or TypeKind.UInt8
            or TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Int32 or TypeKind.UInt32,
        _ => false,
    };

    private static string Widenings(TypeKind target) => target switch
    {
        TypeKind.Int16 => " (or byte, ubyte)",
        TypeKind.Int32 => " (or byte, ubyte, short, ushort)",
        TypeKind.Int64 => " (or a narrower integer)",
        TypeKind.UInt16 or TypeKind.UInt32 or TypeKind.UInt64 => " (or a narrower unsigned integer)",
        TypeKind.Float32 => " (or float16)",
        TypeKind.Float64 => " (or float, float16, or an integer up to 32 bits)",
        _ => string.Empty,
    };

    private static string Name(TypeKind kind) => kind switch
    {
        TypeKind.Int8 => "byte",
        TypeKind.UInt8 => "ubyte",
        TypeKind.Int16 => "short",
        TypeKind.UInt16 => "ushort",
        TypeKind.Int32 => "int",
        TypeKind.UInt32 => "uint",
        TypeKind.Int64 => "long",
        TypeKind.UInt64 => "ulong",
        TypeKind.Float16 => "float16",
        TypeKind.Float32 => "float",
        _ => "double",
    };

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
        if (typeof(T) == typeof(double)) return TypeKind.Float64;
        throw new NotSupportedException(typeof(T).Name + " has no primitive column type.");
    }
}
