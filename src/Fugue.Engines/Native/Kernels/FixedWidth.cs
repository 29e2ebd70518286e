using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Fixed-width columns handled by their value bytes, without a type parameter. Kernels written over
/// <see cref="PrimitiveColumn{T}"/> need <c>where T : unmanaged</c>, and ReadyToRun does not precompile
/// instantiations of constrained generic methods over primitive types: they would be JIT-compiled (first unoptimised)
/// inside every run. Kernels that go through these helpers (one type switch per column) are precompiled.
/// </summary>
internal static class FixedWidth
{
    /// <summary>The bytes per value of a primitive (fixed-width, non-bool, non-decimal) type, or 0 for other types.</summary>
    public static int Width(DataType type) => type.Kind switch
    {
        TypeKind.Int8 or TypeKind.UInt8 => 1,
        TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Float16 => 2,
        TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 or TypeKind.Date => 4,
        TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 or TypeKind.Timestamp => 8,
        _ => 0,
    };

    /// <summary>The whole values buffer of a primitive column (row <c>i</c> at slot <c>Offset + i</c>).</summary>
    public static ArrowBuffer ValuesBuffer(Column column) => column.Type.Kind switch
    {
        TypeKind.Int8 => ((PrimitiveColumn<sbyte>)column).ValuesBuffer,
        TypeKind.UInt8 => ((PrimitiveColumn<byte>)column).ValuesBuffer,
        TypeKind.Int16 => ((PrimitiveColumn<short>)column).ValuesBuffer,
        TypeKind.UInt16 => ((PrimitiveColumn<ushort>)column).ValuesBuffer,
        TypeKind.Float16 => ((PrimitiveColumn<Half>)column).ValuesBuffer,
        TypeKind.Int32 or TypeKind.Date => ((PrimitiveColumn<int>)column).ValuesBuffer,
        TypeKind.UInt32 => ((PrimitiveColumn<uint>)column).ValuesBuffer,
        TypeKind.Float32 => ((PrimitiveColumn<float>)column).ValuesBuffer,
        TypeKind.Int64 or TypeKind.Timestamp => ((PrimitiveColumn<long>)column).ValuesBuffer,
        TypeKind.UInt64 => ((PrimitiveColumn<ulong>)column).ValuesBuffer,
        TypeKind.Float64 => ((PrimitiveColumn<double>)column).ValuesBuffer,
        _ => throw new ArgumentException($"a {column.Type} column is not a primitive column", nameof(column)),
    };

    /// <summary>The value bytes of the column's rows (already sliced).</summary>
    public static ReadOnlySpan<byte> Bytes(Column column)
    {
        var width = Width(column.Type);
        return ValuesBuffer(column).Span.Slice(column.Offset * width, column.Length * width);
    }

    /// <summary>A primitive column of <paramref name="type"/> over existing buffers (no copy).</summary>
    public static Column Create(DataType type, int length, ArrowBuffer values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0) => type.Kind switch
    {
        TypeKind.Int8 => new PrimitiveColumn<sbyte>(type, length, values, validity, nullCount, offset),
        TypeKind.UInt8 => new PrimitiveColumn<byte>(type, length, values, validity, nullCount, offset),
        TypeKind.Int16 => new PrimitiveColumn<short>(type, length, values, validity, nullCount, offset),
        TypeKind.UInt16 => new PrimitiveColumn<ushort>(type, length, values, validity, nullCount, offset),
        TypeKind.Float16 => new PrimitiveColumn<Half>(type, length, values, validity, nullCount, offset),
        TypeKind.Int32 or TypeKind.Date => new PrimitiveColumn<int>(type, length, values, validity, nullCount, offset),
        TypeKind.UInt32 => new PrimitiveColumn<uint>(type, length, values, validity, nullCount, offset),
        TypeKind.Float32 => new PrimitiveColumn<float>(type, length, values, validity, nullCount, offset),
        TypeKind.Int64 or TypeKind.Timestamp => new PrimitiveColumn<long>(type, length, values, validity, nullCount, offset),
        TypeKind.UInt64 => new PrimitiveColumn<ulong>(type, length, values, validity, nullCount, offset),
        TypeKind.Float64 => new PrimitiveColumn<double>(type, length, values, validity, nullCount, offset),
        _ => throw new ArgumentException($"{type} is not a primitive type", nameof(type)),
    };
}
