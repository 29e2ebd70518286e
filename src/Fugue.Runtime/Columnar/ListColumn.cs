using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// A <c>[T]</c> column: int32 offsets into a child <see cref="Values"/> column plus an optional validity
/// bitmap; row <c>i</c> is <c>Values[Offsets[i]..Offsets[i + 1]]</c>. Offsets are not rebased when sliced.
/// </summary>
public sealed class ListColumn : Column
{
    private static readonly ArrowBuffer ZeroOffset = new(new byte[4]);
    private readonly ArrowBuffer _offsets;

    /// <summary>Wraps existing buffers and a child column (no copy).</summary>
    /// <param name="type">The list type; <paramref name="values"/> must have its item type.</param>
    /// <param name="length">Rows in this column.</param>
    /// <param name="offsets">At least <c>offset + length + 1</c> int32 offsets into <paramref name="values"/> (may be empty when length is 0).</param>
    /// <param name="values">The child column holding all items.</param>
    /// <param name="validity">The validity bitmap, or empty when no list is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the offsets and validity buffers.</param>
    public ListColumn(ListType type, int length, ArrowBuffer offsets, Column values, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(type, length, validity, nullCount, offset)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.Type.Equals(type.ItemType))
        {
            throw new ArgumentException($"{type} column: child column has type {values.Type}, expected {type.ItemType}", nameof(values));
        }

        if (offsets.IsEmpty && length == 0)
        {
            offsets = offset == 0 ? ZeroOffset : new ArrowBuffer(new byte[(offset + 1) * 4]);
        }

        OffsetsValidation.Check(type, offsets, offset, length, values.Length, "child column", "items");
        _offsets = offsets;
        Values = values;
    }

    /// <summary>The item type.</summary>
    public DataType ItemType => ((ListType)Type).ItemType;

    /// <summary>The whole offsets buffer.</summary>
    public ArrowBuffer OffsetsBuffer => _offsets;

    /// <summary>This column's <c>Length + 1</c> offsets into <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.As<int>().Slice(Offset, Length + 1);

    /// <summary>The child column with the items of all rows (not sliced: index it with <see cref="Offsets"/>).</summary>
    public Column Values { get; }

    /// <summary>The items of row <paramref name="index"/> as a zero-copy slice of <see cref="Values"/>.</summary>
    public Column GetList(int index)
    {
        CheckIndex(index);
        var o = _offsets.As<int>();
        var start = o[Offset + index];
        return Values.Slice(start, o[Offset + index + 1] - start);
    }

    /// <summary>The number of items in row <paramref name="index"/>.</summary>
    public int GetListLength(int index)
    {
        CheckIndex(index);
        var o = _offsets.As<int>();
        return o[Offset + index + 1] - o[Offset + index];
    }

    /// <inheritdoc />
    public override long ByteSize
    {
        get
        {
            var o = _offsets.As<int>();
            var first = o[Offset];
            return ValidityByteSize + 4L * (Length + 1) + Values.Slice(first, o[Offset + Length] - first).ByteSize;
        }
    }

    private protected override object GetValueCore(int index)
    {
        var o = _offsets.As<int>();
        var start = o[Offset + index];
        var result = new object?[o[Offset + index + 1] - start];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = Values.GetValue(start + k);
        }

        return result;
    }

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new ListColumn((ListType)Type, length, _offsets, Values, ValidityBuffer, nullCount, offset);
}
