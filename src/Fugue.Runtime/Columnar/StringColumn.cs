using System.Text;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>A <c>str</c> column: UTF-8 data buffer plus int32 offsets and an optional validity bitmap.</summary>
public sealed class StringColumn : VariableBinaryColumn
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="length">Rows in this column.</param>
    /// <param name="offsets">At least <c>offset + length + 1</c> int32 offsets into <paramref name="data"/> (may be empty when length is 0).</param>
    /// <param name="data">The UTF-8 bytes.</param>
    /// <param name="validity">The validity bitmap, or empty when no value is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the offsets and validity buffers.</param>
    public StringColumn(int length, ArrowBuffer offsets, ArrowBuffer data, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(DataType.String, length, offsets, data, validity, nullCount, offset)
    {
    }

    /// <summary>The string of row <paramref name="index"/> (empty for a null row).</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    private protected override object GetValueCore(int index) => GetString(index);

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new StringColumn(length, OffsetsBuffer, DataBuffer, ValidityBuffer, nullCount, offset);

    /// <summary>Builds a column from strings (null entries are null rows).</summary>
    public static StringColumn FromArray(params string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var b = new StringColumnBuilder(values.Length);
        foreach (var v in values)
        {
            if (v is null)
            {
                b.AppendNull();
            }
            else
            {
                b.Append(v);
            }
        }

        return b.Build();
    }
}
