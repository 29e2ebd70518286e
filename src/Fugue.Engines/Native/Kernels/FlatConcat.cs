using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Joins columns of the common flat types (fixed width, strings, binary) without nulls straight into exact-size
/// buffers (the builders grow and copy, and go value by value). The copy loops are not generic over the value type, so a ReadyToRun image
/// holds them precompiled (instantiations over primitive types with constraints are not).
/// </summary>
internal static class FlatConcat
{
    /// <summary>
    /// The parts (all of <paramref name="type"/>, <paramref name="length"/> rows in all) joined into exact-size
    /// buffers when none has nulls and the type is flat; else null (the caller falls back to a general concat).
    /// </summary>
    public static Column? TryConcat(DataType type, IReadOnlyList<Column> parts, int length)
    {
        foreach (var p in parts)
        {
            if (p.NullCount > 0)
            {
                return null;
            }
        }

        return Flat(type, parts, length);
    }

    /// <summary>The null-free parts of a flat type joined, or null for other types.</summary>
    private static Column? Flat(DataType type, IReadOnlyList<Column> parts, int length)
    {
        var width = FixedWidth.Width(type);
        if (width > 0)
        {
            var result = GC.AllocateUninitializedArray<byte>(checked(length * width));
            var pos = 0;
            foreach (var p in parts)
            {
                var bytes = FixedWidth.Bytes(p);
                bytes.CopyTo(result.AsSpan(pos));
                pos += bytes.Length;
            }

            return FixedWidth.Create(type, length, result, default, 0);
        }

        switch (type.Kind)
        {
            case TypeKind.String:
            {
                var (offsets, data) = Variable(parts, length);
                return new StringColumn(length, offsets, data, default, 0);
            }

            case TypeKind.Binary:
            {
                var (offsets, data) = Variable(parts, length);
                return new BinaryColumn(length, offsets, data, default, 0);
            }

            default:
                return null;
        }
    }

    /// <summary>The offsets (rebased to start at 0) and bytes of string or binary parts, in exact-size buffers.</summary>
    private static (ArrowBuffer Offsets, ArrowBuffer Data) Variable(IReadOnlyList<Column> parts, int length)
    {
        var bytes = 0L;
        foreach (var p in parts)
        {
            var o = ((VariableBinaryColumn)p).Offsets;
            bytes += o[^1] - o[0];
        }

        if (bytes > Array.MaxLength)
        {
            throw new InvalidOperationException($"a {parts[0].Type} column of {bytes} bytes does not fit in one batch (at most {Array.MaxLength} bytes)");
        }

        var offsetBytes = GC.AllocateUninitializedArray<byte>(checked((length + 1) * sizeof(int)));
        var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
        var data = GC.AllocateUninitializedArray<byte>((int)bytes);
        var row = 0;
        var pos = 0;
        foreach (var p in parts)
        {
            var col = (VariableBinaryColumn)p;
            var o = col.Offsets;
            var first = o[0];
            var n = o[^1] - first;
            col.Data.Slice(first, n).CopyTo(data.AsSpan(pos));
            Rebase(o, offsets[row..], pos - first);
            row += col.Length;
            pos += n;
        }

        offsets[length] = pos;
        return (offsetBytes, data);
    }

    /// <summary>The first <c>source.Length - 1</c> offsets shifted by <paramref name="delta"/>.</summary>
    private static void Rebase(ReadOnlySpan<int> source, Span<int> target, int delta)
    {
        ref var dst = ref MemoryMarshal.GetReference(target);
        for (var i = 0; i < source.Length - 1; i++)
        {
            Unsafe.Add(ref dst, i) = source[i] + delta;
        }
    }
}
