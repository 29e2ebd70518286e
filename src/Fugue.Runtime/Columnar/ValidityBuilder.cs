using System.Runtime.CompilerServices;

namespace Fugue.Columnar;

/// <summary>
/// Tracks a builder's length and nulls; the bitmap is only materialized at the first null, so columns
/// without nulls carry no validity buffer (as Arrow allows).
/// </summary>
internal sealed class ValidityBuilder
{
    private readonly int _capacity;
    private BitmapBuilder? _bits;
    private int _length;
    private int _nullCount;

    public ValidityBuilder(int capacity) => _capacity = capacity;

    public int Length => _length;

    public int NullCount => _nullCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendValid()
    {
        _bits?.Append(true);
        _length++;
    }

    public void AppendValid(int count)
    {
        _bits?.AppendMany(true, count);
        _length += count;
    }

    public void AppendNull()
    {
        if (_bits is null)
        {
            _bits = new BitmapBuilder(Math.Max(_capacity, _length + 1));
            _bits.AppendMany(true, _length);
        }

        _bits.Append(false);
        _length++;
        _nullCount++;
    }

    /// <summary>Drops entries beyond <paramref name="length"/>.</summary>
    public void Truncate(int length)
    {
        if (length >= _length)
        {
            return;
        }

        if (_bits is not null)
        {
            var removed = _length - length;
            _nullCount -= removed - BitUtility.CountSetBits(_bits.Written, length, removed);
            _bits.Truncate(length);
        }

        _length = length;
    }

    /// <summary>Returns the bitmap (empty when there were no nulls) and the null count, and resets.</summary>
    public (ArrowBuffer Bitmap, int NullCount) Build()
    {
        var result = (_bits is null || _nullCount == 0) ? default : _bits.Build();
        var nulls = _nullCount;
        _bits?.Reset();
        _bits = null;
        _length = 0;
        _nullCount = 0;
        return (result, nulls);
    }
}
