using System.Runtime.InteropServices;

namespace Fugue.Columnar;

/// <summary>
/// An immutable block of bytes holding one Arrow buffer (validity bitmap, values, offsets or data).
/// Wraps any <see cref="ReadOnlyMemory{T}"/>, so readers can hand over memory they filled themselves
/// without a copy; builders produce exact-size <c>byte[]</c>-backed buffers.
/// </summary>
public readonly struct ArrowBuffer
{
    private readonly ReadOnlyMemory<byte> _memory;

    /// <summary>Wraps memory without copying it. The caller must not mutate it afterwards.</summary>
    public ArrowBuffer(ReadOnlyMemory<byte> memory) => _memory = memory;

    /// <summary>Wraps a byte array without copying it. The caller must not mutate it afterwards.</summary>
    public ArrowBuffer(byte[] bytes) => _memory = bytes ?? throw new ArgumentNullException(nameof(bytes));

    /// <summary>The empty buffer (also <c>default</c>).</summary>
    public static ArrowBuffer Empty => default;

    /// <summary>The wrapped memory.</summary>
    public ReadOnlyMemory<byte> Memory => _memory;

    /// <summary>The bytes.</summary>
    public ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>The size in bytes.</summary>
    public int Length => _memory.Length;

    /// <summary>True when the buffer has no bytes.</summary>
    public bool IsEmpty => _memory.IsEmpty;

    /// <summary>A typed view of the bytes (little-endian, as Arrow stores them); trailing bytes that do not
    /// fill a whole <typeparamref name="T"/> are not part of the view.</summary>
    public ReadOnlySpan<T> As<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(_memory.Span);

    /// <summary>A zero-copy sub-range of this buffer.</summary>
    public ArrowBuffer Slice(int start, int length) => new(_memory.Slice(start, length));

    /// <summary>Copies typed values into a new exact-size buffer.</summary>
    public static ArrowBuffer FromSpan<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        if (bytes.IsEmpty)
        {
            return default;
        }

        var array = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(array);
        return new ArrowBuffer(array);
    }

    /// <summary>Wraps a typed array without copying it (its bytes, little-endian as in memory). The caller must not
    /// mutate it afterwards.</summary>
    public static ArrowBuffer Wrap<T>(T[] values) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            return default;
        }

        return typeof(T) == typeof(byte)
            ? new ArrowBuffer((byte[])(object)values)
            : new ArrowBuffer(new TypedArrayMemoryManager<T>(values).Memory);
    }

    /// <summary>Wraps a byte array without copying it; null gives the empty buffer (so <c>null</c> can stand for
    /// "no validity bitmap").</summary>
    public static implicit operator ArrowBuffer(byte[]? bytes) => bytes is null ? default : new(bytes);

    /// <summary>Wraps memory without copying it.</summary>
    public static implicit operator ArrowBuffer(ReadOnlyMemory<byte> memory) => new(memory);

    /// <inheritdoc />
    public override string ToString() => $"ArrowBuffer[{Length} bytes]";
}
