using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Copies rows of one source column into a builder of the same type without boxing for flat types (primitives,
/// bool, strings, binary, decimals); nested types go through canonical values. One copier serves one
/// (source, builder) pair, so the type dispatch happens once per column, not per value.
/// </summary>
internal abstract class RowCopier
{
    /// <summary>Appends row <paramref name="row"/> of the source (null or value) to the builder.</summary>
    public abstract void Copy(int row);

    /// <summary>Appends rows <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>.</summary>
    public virtual void CopyRange(int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            Copy(i);
        }
    }

    /// <summary>Appends the rows at <paramref name="indices"/> in order; a negative index appends a null.</summary>
    public virtual void CopyIndices(ReadOnlySpan<int> indices, ColumnBuilder builder)
    {
        foreach (var i in indices)
        {
            if (i < 0)
            {
                builder.AppendNull();
            }
            else
            {
                Copy(i);
            }
        }
    }

    /// <summary>The copier from <paramref name="source"/> into <paramref name="builder"/> (which must have the source's type).</summary>
    public static RowCopier Create(Column source, ColumnBuilder builder)
    {
        if (!source.Type.Equals(builder.Type))
        {
            throw new ArgumentException($"cannot copy a {source.Type} column into a {builder.Type} builder");
        }

        return source.Type.Kind switch
        {
            TypeKind.Int8 => new Primitive<sbyte>(source, builder),
            TypeKind.UInt8 => new Primitive<byte>(source, builder),
            TypeKind.Int16 => new Primitive<short>(source, builder),
            TypeKind.UInt16 => new Primitive<ushort>(source, builder),
            TypeKind.Int32 or TypeKind.Date => new Primitive<int>(source, builder),
            TypeKind.UInt32 => new Primitive<uint>(source, builder),
            TypeKind.Int64 or TypeKind.Timestamp => new Primitive<long>(source, builder),
            TypeKind.UInt64 => new Primitive<ulong>(source, builder),
            TypeKind.Float16 => new Primitive<Half>(source, builder),
            TypeKind.Float32 => new Primitive<float>(source, builder),
            TypeKind.Float64 => new Primitive<double>(source, builder),
            TypeKind.Bool => new Boolean((BooleanColumn)source, (BooleanColumnBuilder)builder),
            TypeKind.String => new Utf8((StringColumn)source, (StringColumnBuilder)builder),
            TypeKind.Binary => new Bytes((BinaryColumn)source, (BinaryColumnBuilder)builder),
            TypeKind.Decimal => new Dec((DecimalColumn)source, (DecimalColumnBuilder)builder),
            TypeKind.Null => new Nulls(builder),
            _ => new Boxed(source, builder),
        };
    }

    private sealed class Primitive<T>(Column source, ColumnBuilder builder) : RowCopier
        where T : unmanaged
    {
        private readonly PrimitiveColumn<T> _source = (PrimitiveColumn<T>)source;
        private readonly PrimitiveColumnBuilder<T> _builder = (PrimitiveColumnBuilder<T>)builder;

        public override void Copy(int row)
        {
            if (_source.NullCount > 0 && _source.IsNull(row))
            {
                _builder.AppendNull();
            }
            else
            {
                _builder.Append(_source.Values[row]);
            }
        }

        public override void CopyIndices(ReadOnlySpan<int> indices, ColumnBuilder builder)
        {
            // Hoist the typed span and the null check out of the loop: this is the gather hot path.
            var values = _source.Values;
            var hasNulls = _source.NullCount > 0;
            foreach (var i in indices)
            {
                if (i < 0 || (hasNulls && _source.IsNull(i)))
                {
                    _builder.AppendNull();
                }
                else
                {
                    _builder.Append(values[i]);
                }
            }
        }

        public override void CopyRange(int start, int length)
        {
            if (_source.NullCount == 0)
            {
                _builder.AppendRange(_source.Values.Slice(start, length));
            }
            else
            {
                _builder.AppendFrom(_source, start, length);
            }
        }
    }

    private sealed class Boolean(BooleanColumn source, BooleanColumnBuilder builder) : RowCopier
    {
        public override void Copy(int row)
        {
            if (source.NullCount > 0 && source.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(source.GetBoolean(row));
            }
        }
    }

    private sealed class Utf8(StringColumn source, StringColumnBuilder builder) : RowCopier
    {
        // One data copy and rebased offsets instead of a value at a time (concatenation's hot path).
        public override void CopyRange(int start, int length) => builder.AppendFrom(source, start, length);

        public override void CopyIndices(ReadOnlySpan<int> indices, ColumnBuilder target)
        {
            var offsets = source.Offsets;
            var data = source.Data;
            var hasNulls = source.NullCount > 0;
            foreach (var i in indices)
            {
                if (i < 0 || (hasNulls && source.IsNull(i)))
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(data.Slice(offsets[i], offsets[i + 1] - offsets[i]));
                }
            }
        }

        public override void Copy(int row)
        {
            if (source.NullCount > 0 && source.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(source.GetBytes(row));
            }
        }
    }

    private sealed class Bytes(BinaryColumn source, BinaryColumnBuilder builder) : RowCopier
    {
        // One data copy and rebased offsets instead of a value at a time (concatenation's hot path).
        public override void CopyRange(int start, int length) => builder.AppendFrom(source, start, length);

        public override void CopyIndices(ReadOnlySpan<int> indices, ColumnBuilder target)
        {
            var offsets = source.Offsets;
            var data = source.Data;
            var hasNulls = source.NullCount > 0;
            foreach (var i in indices)
            {
                if (i < 0 || (hasNulls && source.IsNull(i)))
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(data.Slice(offsets[i], offsets[i + 1] - offsets[i]));
                }
            }
        }

        public override void Copy(int row)
        {
            if (source.NullCount > 0 && source.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(source.GetBytes(row));
            }
        }
    }

    private sealed class Dec(DecimalColumn source, DecimalColumnBuilder builder) : RowCopier
    {
        public override void Copy(int row)
        {
            if (source.NullCount > 0 && source.IsNull(row))
            {
                builder.AppendNull();
            }
            else
            {
                builder.AppendUnscaled(source.GetUnscaled(row));
            }
        }
    }

    private sealed class Nulls(ColumnBuilder builder) : RowCopier
    {
        public override void Copy(int row) => builder.AppendNull();
    }

    private sealed class Boxed(Column source, ColumnBuilder builder) : RowCopier
    {
        public override void Copy(int row) => builder.Append(source.GetValue(row));
    }
}
