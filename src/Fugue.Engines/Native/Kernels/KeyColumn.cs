using System.Numerics;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Typed, allocation-free access to one column for sorting, grouping, hashing and matching rows. NaN counts as
/// null (Fugue treats NULL and NaN alike), so grouping, distinct and joins never see a NaN key. Comparisons are
/// between rows of this column or of another key column of the same type; both rows must be non-null.
/// </summary>
internal abstract class KeyColumn
{
    /// <summary>The column type.</summary>
    public abstract DataType Type { get; }

    /// <summary>True when the row is null (or NaN).</summary>
    public abstract bool IsNull(int row);

    /// <summary>The hash of a non-null row (equal rows hash equally, across columns of the same type).</summary>
    public abstract int Hash(int row);

    /// <summary>True when the non-null row equals <paramref name="otherRow"/> of <paramref name="other"/>.</summary>
    public abstract bool Equal(int row, KeyColumn other, int otherRow);

    /// <summary>Orders the non-null row against <paramref name="otherRow"/> of <paramref name="other"/> (ascending).</summary>
    public abstract int Compare(int row, KeyColumn other, int otherRow);

    /// <summary>The key view of <paramref name="column"/>.</summary>
    public static KeyColumn Create(Column column) => column.Type.Kind switch
    {
        TypeKind.Int8 => new Primitive<sbyte>(column, false),
        TypeKind.UInt8 => new Primitive<byte>(column, false),
        TypeKind.Int16 => new Primitive<short>(column, false),
        TypeKind.UInt16 => new Primitive<ushort>(column, false),
        TypeKind.Int32 or TypeKind.Date => new Primitive<int>(column, false),
        TypeKind.UInt32 => new Primitive<uint>(column, false),
        TypeKind.Int64 or TypeKind.Timestamp => new Primitive<long>(column, false),
        TypeKind.UInt64 => new Primitive<ulong>(column, false),
        TypeKind.Float16 => new Primitive<Half>(column, true),
        TypeKind.Float32 => new Primitive<float>(column, true),
        TypeKind.Float64 => new Primitive<double>(column, true),
        TypeKind.Bool => new Boolean((BooleanColumn)column),
        TypeKind.String or TypeKind.Binary => new Bytes((VariableBinaryColumn)column),
        TypeKind.Decimal => new Dec((DecimalColumn)column),
        TypeKind.Null => new Nulls(column),
        _ => new Boxed(column),
    };

    private sealed class Primitive<T> : KeyColumn
        where T : unmanaged, INumber<T>
    {
        private readonly T[] _values;
        private readonly bool[]? _nulls;
        private readonly DataType _type;

        public Primitive(Column column, bool floating)
        {
            _type = column.Type;
            var col = (PrimitiveColumn<T>)column;
            _values = col.Values.ToArray();
            if (col.NullCount > 0 || floating)
            {
                var nulls = new bool[_values.Length];
                var any = false;
                for (var i = 0; i < nulls.Length; i++)
                {
                    nulls[i] = (col.NullCount > 0 && col.IsNull(i)) || (floating && T.IsNaN(_values[i]));
                    any |= nulls[i];
                }

                _nulls = any ? nulls : null;
            }
        }

        public override DataType Type => _type;

        public override bool IsNull(int row) => _nulls is not null && _nulls[row];

        public override int Hash(int row)
        {
            var v = _values[row];
            return T.IsZero(v) ? 0 : v.GetHashCode();
        }

        public override bool Equal(int row, KeyColumn other, int otherRow) => _values[row] == ((Primitive<T>)other)._values[otherRow];

        public override int Compare(int row, KeyColumn other, int otherRow) => _values[row].CompareTo(((Primitive<T>)other)._values[otherRow]);
    }

    private sealed class Boolean(BooleanColumn column) : KeyColumn
    {
        public override DataType Type => DataType.Bool;

        public override bool IsNull(int row) => column.NullCount > 0 && column.IsNull(row);

        public override int Hash(int row) => column.GetBoolean(row) ? 1 : 2;

        public override bool Equal(int row, KeyColumn other, int otherRow) => column.GetBoolean(row) == ((Boolean)other).Value(otherRow);

        public override int Compare(int row, KeyColumn other, int otherRow) => column.GetBoolean(row).CompareTo(((Boolean)other).Value(otherRow));

        private bool Value(int row) => column.GetBoolean(row);
    }

    private sealed class Bytes : KeyColumn
    {
        private readonly VariableBinaryColumn _column;
        private readonly int[] _offsets;
        private readonly ArraySegment<byte> _data;

        public Bytes(VariableBinaryColumn column)
        {
            _column = column;
            _offsets = column.Offsets.ToArray();
            _data = RowSorter.DataArray(column);
        }

        public override DataType Type => _column.Type;

        public override bool IsNull(int row) => _column.NullCount > 0 && _column.IsNull(row);

        public override int Hash(int row)
        {
            var h = new HashCode();
            h.AddBytes(Get(row));
            return h.ToHashCode();
        }

        // Ordinal UTF-8 byte order is Unicode code point order, which is how Python (pandas) orders strings.
        public override bool Equal(int row, KeyColumn other, int otherRow) => Get(row).SequenceEqual(((Bytes)other).Get(otherRow));

        public override int Compare(int row, KeyColumn other, int otherRow) => Get(row).SequenceCompareTo(((Bytes)other).Get(otherRow));

        private ReadOnlySpan<byte> Get(int row) => _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
    }

    private sealed class Dec(DecimalColumn column) : KeyColumn
    {
        public override DataType Type => column.Type;

        public override bool IsNull(int row) => column.NullCount > 0 && column.IsNull(row);

        public override int Hash(int row) => column.GetUnscaled(row).GetHashCode();

        public override bool Equal(int row, KeyColumn other, int otherRow) => column.GetUnscaled(row) == ((Dec)other).Get(otherRow);

        public override int Compare(int row, KeyColumn other, int otherRow) => column.GetUnscaled(row).CompareTo(((Dec)other).Get(otherRow));

        private Int128 Get(int row) => column.GetUnscaled(row);
    }

    private sealed class Nulls(Column column) : KeyColumn
    {
        public override DataType Type => column.Type;

        public override bool IsNull(int row) => true;

        public override int Hash(int row) => 0;

        public override bool Equal(int row, KeyColumn other, int otherRow) => true;

        public override int Compare(int row, KeyColumn other, int otherRow) => 0;
    }

    /// <summary>Nested types (lists, structs, maps): compared through canonical values; equality and hashing are deep, ordering is not defined.</summary>
    private sealed class Boxed(Column column) : KeyColumn
    {
        public override DataType Type => column.Type;

        public override bool IsNull(int row) => column.NullCount > 0 && column.IsNull(row);

        public override int Hash(int row) => CanonicalValues.Hash(column.GetValue(row));

        public override bool Equal(int row, KeyColumn other, int otherRow) =>
            CanonicalValues.Equal(column.GetValue(row), ((Boxed)other).Get(otherRow));

        public override int Compare(int row, KeyColumn other, int otherRow) =>
            throw new NotSupportedException($"cannot sort by a column of type {column.Type}: only flat types (numbers, strings, bytes, dates, timestamps, decimals, bools) have an order");

        private object? Get(int row) => column.GetValue(row);
    }
}
