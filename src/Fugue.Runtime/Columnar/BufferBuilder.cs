using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fugue.Columnar;

/// <summary>
/// A growable byte buffer for builders. The first allocation honours the capacity hint exactly (so a correct
/// hint needs no copy at build time); growth rents from <see cref="ArrayPool{T}.Shared"/> and returns the old
/// array. <see cref="Build"/> keeps the array when it is within ~10% of the used size, else copies to an exact one.
/// </summary>
internal sealed class BufferBuilder
{
    private byte[] _buffer = [];
    private bool _rented;
    private int _length;
    private readonly int _initialCapacity;

    public BufferBuilder(int initialCapacityBytes) => _initialCapacity = Math.Max(0, initialCapacityBytes);

    public int Length => _length;

    public Span<byte> Written => _buffer.AsSpan(0, _length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureCapacity(int additional)
    {
        if (_buffer.Length - _length < additional)
        {
            Grow(additional);
        }
    }

    private void Grow(int additional)
    {
        var needed = (long)_length + additional;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"a column buffer would need {needed} bytes, more than the {Array.MaxLength} a .NET array can hold; build smaller batches");
        }

        byte[] next;
        bool rented;
        if (_buffer.Length == 0 && _initialCapacity >= needed)
        {
            next = GC.AllocateUninitializedArray<byte>(_initialCapacity);
            rented = false;
        }
        else
        {
            var size = Math.Min(Math.Max(Math.Max(needed, _initialCapacity), Math.Max(64L, (long)_buffer.Length * 2)), Array.MaxLength);
            next = ArrayPool<byte>.Shared.Rent((int)size);
            rented = true;
        }

        _buffer.AsSpan(0, _length).CopyTo(next);
        Release();
        _buffer = next;
        _rented = rented;
    }

    private void Release()
    {
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _rented = false;
    }

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them (uninitialized).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> AppendSpan(int count)
    {
        EnsureCapacity(count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>The free space after the written bytes (call <see cref="EnsureCapacity"/> first), then <see cref="Advance"/>.</summary>
    public Span<byte> FreeSpan => _buffer.AsSpan(_length);

    public void Advance(int count) => _length += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append<T>(T value) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_length), value);
        _length += size;
    }

    public void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Hands the bytes over as an immutable buffer and resets this builder for reuse.</summary>
    public ArrowBuffer Build()
    {
        var length = _length;
        if (length == 0)
        {
            Reset();
            return default;
        }

        byte[] result;
        if (_buffer.Length - length <= length / 10)
        {
            // Close enough to exact: keep it (a rented array simply is never returned to the pool).
            result = _buffer;
            _buffer = [];
            _rented = false;
        }
        else
        {
            result = GC.AllocateUninitializedArray<byte>(length);
            _buffer.AsSpan(0, length).CopyTo(result);
            Release();
        }

        _length = 0;
        return new ArrowBuffer(new ReadOnlyMemory<byte>(result, 0, length));
    }

    /// <summary>Drops bytes beyond <paramref name="length"/> (used to undo a failed append).</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    public void Reset()
    {
        Release();
        _length = 0;
    }
}
