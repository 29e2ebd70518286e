using System.Buffers;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// A growable byte buffer that encoders append to. Unlike a plain <see cref="IBufferWriter{T}"/> the written bytes
/// stay mutable, so a length prefix can be reserved and patched afterwards.
/// </summary>
public sealed class GrowableBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;
    private readonly bool _pooled;

    /// <summary>Creates a buffer with an initial capacity.</summary>
    public GrowableBuffer(int capacity = 256)
    {
        _buffer = new byte[Math.Max(16, capacity)];
    }

    private GrowableBuffer(byte[] rented)
    {
        _buffer = rented;
        _pooled = true;
    }

    /// <summary>
    /// A buffer whose storage comes from <see cref="ArrayPool{T}.Shared"/> (also when it grows), so that encoders
    /// reuse warm memory instead of touching fresh pages; give it back with <see cref="Return"/>.
    /// </summary>
    internal static GrowableBuffer Rent(int capacity) => new(ArrayPool<byte>.Shared.Rent(Math.Max(16, capacity)));

    /// <summary>Returns the storage of a <see cref="Rent"/>ed buffer to the pool; the buffer must not be used afterwards.</summary>
    internal void Return()
    {
        if (_pooled && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }

    /// <summary>The number of bytes written.</summary>
    public int Length => _length;

    /// <summary>The written bytes (mutable, for patching).</summary>
    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes as memory.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Copies the written bytes to a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets the content, keeping the capacity.</summary>
    public void Clear() => _length = 0;

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    /// <summary>Appends an unsigned LEB128 varint.</summary>
    public void WriteVarUInt64(ulong value)
    {
        var span = GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    /// <summary>Appends a zigzag LEB128 varint.</summary>
    public void WriteZigZag(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Reserves <paramref name="count"/> bytes (zeroed) and returns their offset, for later patching.</summary>
    public int Reserve(int count)
    {
        var at = _length;
        GetSpan(count)[..count].Clear();
        _length += count;
        return at;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _length))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        var need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length < need)
        {
            var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + need));
            if (_pooled)
            {
                var next = ArrayPool<byte>.Shared.Rent(size);
                _buffer.AsSpan(0, _length).CopyTo(next);
                if (_buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                }

                _buffer = next;
            }
            else
            {
                Array.Resize(ref _buffer, size);
            }
        }
    }
}
