using System.Buffers;
using System.Runtime.InteropServices;

namespace Fugue.Columnar;

/// <summary>Exposes a <typeparamref name="T"/>[] as bytes without copying, so typed arrays (decoded offsets,
/// values) can become <see cref="ArrowBuffer"/>s directly.</summary>
internal sealed class TypedArrayMemoryManager<T> : MemoryManager<byte> where T : unmanaged
{
    private readonly T[] _array;

    public TypedArrayMemoryManager(T[] array) => _array = array;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        var start = (byte*)handle.AddrOfPinnedObject() + elementIndex;
        return new MemoryHandle(start, handle, this);
    }

    public override void Unpin()
    {
        // The GCHandle in the MemoryHandle is freed by MemoryHandle.Dispose.
    }

    protected override void Dispose(bool disposing)
    {
    }
}
