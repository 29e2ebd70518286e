using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Appends values of one type and builds an immutable <see cref="Column"/>. Builders grow scratch buffers
/// rented from the shared array pool and produce exact-size buffers; after <see cref="Build"/> a builder is
/// empty and can be reused. Not thread-safe.
/// </summary>
public abstract class ColumnBuilder
{
    private protected ColumnBuilder(DataType type) => Type = type ?? throw new ArgumentNullException(nameof(type));

    /// <summary>The type of the built column.</summary>
    public DataType Type { get; }

    /// <summary>The number of values appended since the last build.</summary>
    public abstract int Length { get; }

    /// <summary>The number of nulls appended since the last build.</summary>
    public abstract int NullCount { get; }

    /// <summary>
    /// Appends a canonical .NET value (see the conventions: <c>long</c> for long, <c>DateTime</c> for
    /// timestamps, <c>object?[]</c> for lists, ...) or null. Integers of another width are accepted when in
    /// range, as are DateTime for dates and DateTimeOffset for timestamps.
    /// </summary>
    /// <exception cref="InvalidCastException">The value's type is not accepted; the message names both types.</exception>
    /// <exception cref="OverflowException">A number does not fit the column type.</exception>
    public abstract void Append(object? value);

    /// <summary>Appends a null.</summary>
    public abstract void AppendNull();

    /// <summary>Appends <paramref name="count"/> nulls.</summary>
    public virtual void AppendNulls(int count)
    {
        for (var i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    /// <summary>Builds the column and resets this builder for reuse.</summary>
    public Column Build() => BuildColumn();

    private protected abstract Column BuildColumn();

    /// <summary>Creates the builder for <paramref name="type"/> (nested types get nested builders).</summary>
    /// <param name="type">The column type.</param>
    /// <param name="capacity">Expected number of values (a hint; builders grow as needed).</param>
    public static ColumnBuilder Create(DataType type, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            TypeKind.Null => new NullColumnBuilder(),
            TypeKind.Bool => new BooleanColumnBuilder(capacity),
            TypeKind.Int8 => new PrimitiveColumnBuilder<sbyte>(type, capacity),
            TypeKind.UInt8 => new PrimitiveColumnBuilder<byte>(type, capacity),
            TypeKind.Int16 => new PrimitiveColumnBuilder<short>(type, capacity),
            TypeKind.UInt16 => new PrimitiveColumnBuilder<ushort>(type, capacity),
            TypeKind.Int32 => new PrimitiveColumnBuilder<int>(type, capacity),
            TypeKind.UInt32 => new PrimitiveColumnBuilder<uint>(type, capacity),
            TypeKind.Int64 => new PrimitiveColumnBuilder<long>(type, capacity),
            TypeKind.UInt64 => new PrimitiveColumnBuilder<ulong>(type, capacity),
            TypeKind.Float16 => new PrimitiveColumnBuilder<Half>(type, capacity),
            TypeKind.Float32 => new PrimitiveColumnBuilder<float>(type, capacity),
            TypeKind.Float64 => new PrimitiveColumnBuilder<double>(type, capacity),
            TypeKind.Date => new PrimitiveColumnBuilder<int>(type, capacity),
            TypeKind.Timestamp => new PrimitiveColumnBuilder<long>(type, capacity),
            TypeKind.String => new StringColumnBuilder(capacity),
            TypeKind.Binary => new BinaryColumnBuilder(capacity),
            TypeKind.Decimal => new DecimalColumnBuilder((DecimalType)type, capacity),
            TypeKind.List => new ListColumnBuilder((ListType)type, capacity),
            TypeKind.Struct => new StructColumnBuilder((StructType)type, capacity),
            TypeKind.Map => new MapColumnBuilder((MapType)type, capacity),
            _ => throw new ArgumentException($"no column builder for type {type}", nameof(type)),
        };
    }
}
