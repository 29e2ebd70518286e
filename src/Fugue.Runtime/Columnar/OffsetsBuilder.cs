using System.Runtime.InteropServices;

namespace Fugue.Columnar;

/// <summary>
/// Int32 offsets for string, bytes, list and map builders. The leading 0 is written lazily, so a builder that
/// is created or rebuilt but never used allocates nothing; an empty column gets an empty buffer (columns treat
/// that as the single offset 0).
/// </summary>
internal sealed class OffsetsBuilder
{
    private readonly BufferBuilder _bytes;

    public OffsetsBuilder(int capacity) =>
        _bytes = new BufferBuilder((int)Math.Min(4L * (Math.Max(0, capacity) + 1), Array.MaxLength));

    private void Start()
    {
        if (_bytes.Length == 0)
        {
            _bytes.Append(0);
        }
    }

    public void Append(int offset)
    {
        Start();
        _bytes.Append(offset);
    }

    public Span<int> AppendSpan(int count)
    {
        Start();
        return MemoryMarshal.Cast<byte, int>(_bytes.AppendSpan(4 * count));
    }

    /// <summary>The offset at entry <paramref name="index"/> (0 before anything was appended).</summary>
    public int this[int index] => _bytes.Length == 0 ? 0 : MemoryMarshal.Cast<byte, int>(_bytes.Written)[index];

    /// <summary>Keeps the offsets of the first <paramref name="length"/> values (length + 1 entries).</summary>
    public void Truncate(int length)
    {
        if (_bytes.Length != 0)
        {
            _bytes.Truncate(4 * (length + 1));
        }
    }

    public ArrowBuffer Build() => _bytes.Build();
}
