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

    /// <summary>Appends row <paramref name="index"/> of <paramref name="source"/> (a column of the same type),
    /// copying the stored form without boxing.</summary>
    /// <exception cref="ArgumentException">The source column has another type.</exception>
    public void AppendFrom(Column source, int index)
    {
        CheckSource(source);
        if ((uint)index >= (uint)source.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"row {index} is outside the source column of length {source.Length}");
        }

        AppendFromCore(source, index);
    }

    /// <summary>Appends <paramref name="length"/> rows of <paramref name="source"/> from row <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentException">The source column has another type.</exception>
    public void AppendFrom(Column source, int offset, int length)
    {
        CheckSource(source);
        if ((uint)offset > (uint)source.Length || (uint)length > (uint)(source.Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"range [{offset}, {offset}+{length}) is outside the source column of length {source.Length}");
        }

        AppendRangeCore(source, offset, length);
    }

    /// <summary>Appends the rows of <paramref name="source"/> at <paramref name="indices"/>, in that order (a gather).</summary>
    /// <exception cref="ArgumentException">The source column has another type.</exception>
    public void AppendFrom(Column source, ReadOnlySpan<int> indices)
    {
        CheckSource(source);
        var length = (uint)source.Length;
        foreach (var i in indices)
        {
            if ((uint)i >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"row {i} is outside the source column of length {source.Length}");
            }
        }

        AppendGatherCore(source, indices);
    }

    /// <summary>Appends the rows at range-checked <paramref name="indices"/> of a same-typed source; builders override
    /// this to read the source buffers once.</summary>
    private protected virtual void AppendGatherCore(Column source, ReadOnlySpan<int> indices)
    {
        foreach (var i in indices)
        {
            AppendFromCore(source, i);
        }
    }

    private void CheckSource(Column source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!ReferenceEquals(source.Type, Type) && !source.Type.Equals(Type))
        {
            throw new ArgumentException($"cannot append from a {source.Type} column to a {Type} builder", nameof(source));
        }
    }

    /// <summary>Drops values beyond <paramref name="length"/>; used to undo a partially appended row or value so a
    /// failed append leaves the builder as it was.</summary>
    internal void Truncate(int length)
    {
        // Nested builders may hold extra child values even at equal length (a half-appended list or struct).
        if (length <= Length)
        {
            TruncateCore(Math.Max(0, length));
        }
    }

    private protected abstract void TruncateCore(int length);

    /// <summary>Appends one row of a same-typed, range-checked source.</summary>
    private protected abstract void AppendFromCore(Column source, int index);

    /// <summary>Appends a range of a same-typed, range-checked source; builders override this with bulk copies.</summary>
    private protected virtual void AppendRangeCore(Column source, int offset, int length)
    {
        for (var i = 0; i < length; i++)
        {
            AppendFromCore(source, offset + i);
        }
    }

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
