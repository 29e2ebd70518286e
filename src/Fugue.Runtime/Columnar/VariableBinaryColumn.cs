using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// The layout shared by <c>str</c> and <c>bytes</c>: one data buffer plus int32 offsets (row <c>i</c> is
/// <c>Data[Offsets[i]..Offsets[i + 1]]</c>). Offsets are not rebased when sliced, as in Arrow.
/// </summary>
public abstract class VariableBinaryColumn : Column
{
    private static readonly ArrowBuffer ZeroOffset = new(new byte[4]);
    private readonly ArrowBuffer _offsets;
    private readonly ArrowBuffer _data;

    private protected VariableBinaryColumn(DataType type, int length, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity, int nullCount, int offset)
        : base(type, length, validity, nullCount, offset)
    {
        if (offsets.IsEmpty && length == 0)
        {
            offsets = offset == 0 ? ZeroOffset : new ArrowBuffer(new byte[(offset + 1) * 4]);
        }

        OffsetsValidation.Check(type, offsets, offset, length, data.Length, "data buffer", "bytes");
        _offsets = offsets;
        _data = data;
    }

    /// <summary>The whole offsets buffer (int32; row <c>i</c> spans slots <c>Offset + i</c> and <c>Offset + i + 1</c>).</summary>
    public ArrowBuffer OffsetsBuffer => _offsets;

    /// <summary>The whole data buffer.</summary>
    public ArrowBuffer DataBuffer => _data;

    /// <summary>This column's <c>Length + 1</c> offsets into <see cref="Data"/> (the first need not be 0 for a slice).</summary>
    public ReadOnlySpan<int> Offsets => _offsets.As<int>().Slice(Offset, Length + 1);

    /// <summary>The whole data buffer; index it with <see cref="Offsets"/>.</summary>
    public ReadOnlySpan<byte> Data => _data.Span;

    /// <summary>The bytes of row <paramref name="index"/> (empty for a null row).</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        var o = _offsets.As<int>();
        var start = o[Offset + index];
        return _data.Span[start..o[Offset + index + 1]];
    }

    /// <summary>The byte length of row <paramref name="index"/>.</summary>
    public int GetByteLength(int index)
    {
        CheckIndex(index);
        var o = _offsets.As<int>();
        return o[Offset + index + 1] - o[Offset + index];
    }

    /// <summary>Bytes of data this column's rows span.</summary>
    public int DataLength
    {
        get
        {
            var o = _offsets.As<int>();
            return o[Offset + Length] - o[Offset];
        }
    }

    /// <inheritdoc />
    public override long ByteSize => ValidityByteSize + 4L * (Length + 1) + DataLength;
}
