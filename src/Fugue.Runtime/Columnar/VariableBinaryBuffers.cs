namespace Fugue.Columnar;

/// <summary>The offsets, data and validity scratch of a string or bytes builder.</summary>
internal sealed class VariableBinaryBuffers
{
    private readonly OffsetsBuilder _offsets;
    private readonly ValidityBuilder _validity;

    public VariableBinaryBuffers(int capacity, int dataCapacity)
    {
        capacity = Math.Max(0, capacity);
        _offsets = new OffsetsBuilder(capacity);
        Data = new BufferBuilder(Math.Max(0, dataCapacity));
        _validity = new ValidityBuilder(capacity);
    }

    public BufferBuilder Data { get; }

    public int Length => _validity.Length;

    public int NullCount => _validity.NullCount;

    /// <summary>Closes the current value after its bytes were written to <see cref="Data"/>.</summary>
    public void EndValue()
    {
        _offsets.Append(Data.Length);
        _validity.AppendValid();
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Data.AppendBytes(bytes);
        EndValue();
    }

    /// <summary>Appends the rows at (range-checked) <paramref name="indices"/>, reading the source buffers once.</summary>
    public void AppendGather(VariableBinaryColumn source, ReadOnlySpan<int> indices)
    {
        var offsets = source.Offsets;
        var data = source.Data;
        var hasNulls = source.NullCount != 0;
        var validity = source.ValidityBuffer.Span;
        var offset = source.Offset;
        foreach (var i in indices)
        {
            if (hasNulls && !BitUtility.GetBit(validity, offset + i))
            {
                AppendNull();
            }
            else
            {
                Append(data[offsets[i]..offsets[i + 1]]);
            }
        }
    }

    /// <summary>Bulk-appends rows of a same-layout column: one data copy, rebased offsets.</summary>
    public void AppendRange(VariableBinaryColumn source, int offset, int length)
    {
        var offsets = source.Offsets.Slice(offset, length + 1);
        var start = offsets[0];
        var shift = Data.Length - start;
        Data.AppendBytes(source.Data[start..offsets[length]]);
        var dst = _offsets.AppendSpan(length);
        for (var i = 0; i < length; i++)
        {
            dst[i] = offsets[i + 1] + shift;
        }

        if (source.NullCount == 0)
        {
            _validity.AppendValid(length);
            return;
        }

        for (var i = 0; i < length; i++)
        {
            if (source.IsNull(offset + i))
            {
                _validity.AppendNull();
            }
            else
            {
                _validity.AppendValid();
            }
        }
    }

    public void AppendNull()
    {
        _offsets.Append(Data.Length);
        _validity.AppendNull();
    }

    public void Truncate(int length)
    {
        var dataLength = _offsets[length];
        _offsets.Truncate(length);
        Data.Truncate(dataLength);
        _validity.Truncate(length);
    }

    public (int Length, ArrowBuffer Offsets, ArrowBuffer Data, ArrowBuffer Validity, int NullCount) Build()
    {
        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        var offsets = _offsets.Build();
        var data = Data.Build();
        return (length, offsets, data, validity, nulls);
    }
}
