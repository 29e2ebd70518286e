using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// An immutable column in Arrow's memory layout. Columns share their buffers: <see cref="Slice"/> is
/// zero-copy and keeps an <see cref="Offset"/> into the buffers, as Arrow's array offset does.
/// </summary>
public abstract class Column
{
    private readonly bool _allNull;
    private int _nullCount;

    private protected Column(DataType type, int length, ArrowBuffer validity, int nullCount, int offset)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"{type} column: length must be >= 0");
        }

        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{type} column: offset must be >= 0");
        }

        if (nullCount > length)
        {
            throw new ArgumentOutOfRangeException(nameof(nullCount), nullCount, $"{type} column: null count exceeds the length {length}");
        }

        if (validity.IsEmpty)
        {
            if (nullCount > 0 && length > 0)
            {
                throw new ArgumentException($"{type} column: null count {nullCount} given without a validity buffer", nameof(validity));
            }

            nullCount = 0;
        }
        else
        {
            var need = BitUtility.BytesFor((long)offset + length);
            if (validity.Length < need)
            {
                throw new ArgumentException(
                    $"{type} column: validity buffer has {validity.Length} bytes, needs at least {need} for offset {offset} + length {length}",
                    nameof(validity));
            }

            if (nullCount < 0)
            {
                nullCount = -1;
            }
            else if (nullCount == 0)
            {
                // Known to have no nulls: drop the bitmap so "no validity buffer" reliably means "no nulls".
                validity = default;
            }
        }

        Type = type;
        Length = length;
        Offset = offset;
        ValidityBuffer = validity;
        _nullCount = nullCount;
    }

    /// <summary>For <see cref="NullColumn"/>: every slot is null and there are no buffers.</summary>
    private protected Column(DataType type, int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "null column: length must be >= 0");
        }

        Type = type;
        Length = length;
        _nullCount = length;
        _allNull = true;
    }

    /// <summary>The column type.</summary>
    public DataType Type { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The slice offset: row <c>i</c> lives at slot <c>Offset + i</c> of the buffers.</summary>
    public int Offset { get; }

    /// <summary>The validity bitmap (bit <c>Offset + i</c> set = row <c>i</c> valid). Empty means no nulls; built
    /// columns without nulls never have one, but a slice of a column with nulls keeps the shared bitmap even when
    /// its own rows are all valid (check <see cref="NullCount"/>).</summary>
    public ArrowBuffer ValidityBuffer { get; }

    /// <summary>The number of null rows (computed lazily for slices).</summary>
    public int NullCount
    {
        get
        {
            if (_nullCount < 0)
            {
                _nullCount = Length - BitUtility.CountSetBits(ValidityBuffer.Span, Offset, Length);
            }

            return _nullCount;
        }
    }

    /// <summary>True when row <paramref name="index"/> is null.</summary>
    public bool IsNull(int index)
    {
        CheckIndex(index);
        return _allNull || (!ValidityBuffer.IsEmpty && !BitUtility.GetBit(ValidityBuffer.Span, Offset + index));
    }

    /// <summary>True when row <paramref name="index"/> is not null.</summary>
    public bool IsValid(int index) => !IsNull(index);

    /// <summary>
    /// The canonical .NET value of row <paramref name="index"/> (null for a null row). Boxes: meant for row
    /// conversion and tests, not hot loops (use the typed accessors there).
    /// </summary>
    public object? GetValue(int index) => IsNull(index) ? null : GetValueCore(index);

    /// <summary>The value of a row known to be valid and in range.</summary>
    private protected abstract object GetValueCore(int index);

    /// <summary>A zero-copy view of <paramref name="length"/> rows starting at row <paramref name="offset"/>.</summary>
    public Column Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"slice [{offset}, {offset}+{length}) is outside the {Type} column of length {Length}");
        }

        if (offset == 0 && length == Length)
        {
            return this;
        }

        var nulls = _allNull ? length : _nullCount == 0 ? 0 : -1;
        return SliceCore(Offset + offset, length, nulls);
    }

    /// <summary>Creates the slice at absolute buffer offset <paramref name="offset"/>.</summary>
    private protected abstract Column SliceCore(int offset, int length, int nullCount);

    /// <summary>A new column of the rows at <paramref name="indices"/>, in that order (copies; indices may repeat).</summary>
    public Column Take(ReadOnlySpan<int> indices)
    {
        var b = ColumnBuilder.Create(Type, indices.Length);
        b.AppendFrom(this, indices);
        return b.Build();
    }

    /// <summary>
    /// Concatenates columns of one type into a new column (copies; a single column is returned as is). Null-free
    /// columns of flat types (fixed width, strings, binary) are joined by block copies into exact-size buffers.
    /// </summary>
    /// <exception cref="ArgumentException">No columns, or the types differ.</exception>
    public static Column Concat(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one column (to know the type)", nameof(columns));
        }

        if (columns.Count == 1)
        {
            return columns[0];
        }

        if (TryConcatFlat(columns) is { } flat)
        {
            return flat;
        }

        long total = 0;
        foreach (var c in columns)
        {
            total += c.Length;
        }

        if (total > int.MaxValue)
        {
            throw new ArgumentException($"concatenated length {total} exceeds int.MaxValue rows", nameof(columns));
        }

        var b = ColumnBuilder.Create(columns[0].Type, (int)total);
        foreach (var c in columns)
        {
            b.AppendFrom(c, 0, c.Length);
        }

        return b.Build();
    }

    /// <summary>
    /// The columns (all of one type) joined by block copies into exact-size buffers when none has nulls and the type
    /// is flat (fixed width, strings, binary); null otherwise, for the caller to join them in general.
    /// </summary>
    /// <exception cref="ArgumentException">No columns, or the types differ.</exception>
    public static Column? TryConcatFlat(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("TryConcatFlat needs at least one column (to know the type)", nameof(columns));
        }

        var type = columns[0].Type;
        foreach (var c in columns)
        {
            if (!c.Type.Equals(type))
            {
                throw new ArgumentException($"cannot concatenate columns of types {type} and {c.Type}", nameof(columns));
            }
        }

        return FlatColumnConcat.TryConcat(columns);
    }

    /// <summary>Bytes of buffer ranges this column covers (validity, values, offsets, data, children); for a
    /// freshly built column this is the exact size of its buffers.</summary>
    public abstract long ByteSize { get; }

    /// <summary>Bytes of the validity bitmap covering this column's rows.</summary>
    private protected long ValidityByteSize => ValidityBuffer.IsEmpty ? 0 : BitUtility.BytesFor(Length);

    private protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndex(index);
        }
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"row {index} is outside the {Type} column of length {Length}");

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}<{Type}>[{Length}]";
}
