using Fugue.Columnar;

namespace Fugue.IO.Ipc;

/// <summary>Produces a bitmap starting at bit 0 for a slice: zero-copy when byte-aligned, else a shifted copy.</summary>
internal static class BitmapSlicer
{
    public static ReadOnlyMemory<byte> Slice(ArrowBuffer bits, int offset, int length)
    {
        var bytes = BitUtility.BytesFor(length);
        if (bytes == 0)
        {
            return default;
        }

        if ((offset & 7) == 0)
        {
            return bits.Memory.Slice(offset >> 3, bytes);
        }

        var src = bits.Span;
        var result = new byte[bytes];
        var shift = offset & 7;
        var start = offset >> 3;
        for (var i = 0; i < bytes; i++)
        {
            var lo = src[start + i] >> shift;
            var hiIndex = start + i + 1;
            var hi = hiIndex < src.Length ? src[hiIndex] << (8 - shift) : 0;
            result[i] = (byte)(lo | hi);
        }

        return result;
    }
}
