using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Joins columns of the common flat types (fixed width, strings, binary) without nulls straight into exact-size
/// buffers: one block copy per part instead of the builders' value-by-value appends and growth. The copy loops are not
/// generic over the value type, so a ReadyToRun image holds them precompiled (instantiations over primitive types
/// with constraints are not).
/// </summary>
internal static class FlatColumnConcat
{
    /// <summary>The parts joined when none has nulls and their type is flat; else null (the caller joins them in general).</summary>
    public static Column? TryConcat(IReadOnlyList<Column> parts)
    {
        var total = 0L;
        foreach (var p in parts)
        {
            if (p.NullCount > 0)
            {
                return null;
            }

            total += p.Length;
        }

        return total > int.MaxValue ? null : Flat(parts[0].Type, parts, (int)total);
    }

    /// <summary>The null-free parts of a flat type joined, or null for other types.</summary>
    private static Column? Flat(DataType type, IReadOnlyList<Column> parts, int length)
    {
        switch (type.Kind)
        {
            case TypeKind.Int8:
                return new PrimitiveColumn<sbyte>(type, length, Fixed(parts, length, 1, static c => ((PrimitiveColumn<sbyte>)c).ValuesBuffer));
            case TypeKind.UInt8:
                return new PrimitiveColumn<byte>(type, length, Fixed(parts, length, 1, static c => ((PrimitiveColumn<byte>)c).ValuesBuffer));
            case TypeKind.Int16:
                return new PrimitiveColumn<short>(type, length, Fixed(parts, length, 2, static c => ((PrimitiveColumn<short>)c).ValuesBuffer));
            case TypeKind.UInt16:
                return new PrimitiveColumn<ushort>(type, length, Fixed(parts, length, 2, static c => ((PrimitiveColumn<ushort>)c).ValuesBuffer));
            case TypeKind.Float16:
                return new PrimitiveColumn<Half>(type, length, Fixed(parts, length, 2, static c => ((PrimitiveColumn<Half>)c).ValuesBuffer));
            case TypeKind.Int32 or TypeKind.Date:
                return new PrimitiveColumn<int>(type, length, Fixed(parts, length, 4, static c => ((PrimitiveColumn<int>)c).ValuesBuffer));
            case TypeKind.UInt32:
                return new PrimitiveColumn<uint>(type, length, Fixed(parts, length, 4, static c => ((PrimitiveColumn<uint>)c).ValuesBuffer));
            case TypeKind.Float32:
                return new PrimitiveColumn<float>(type, length, Fixed(parts, length, 4, static c => ((PrimitiveColumn<float>)c).ValuesBuffer));
            case TypeKind.Int64 or TypeKind.Timestamp:
                return new PrimitiveColumn<long>(type, length, Fixed(parts, length, 8, static c => ((PrimitiveColumn<long>)c).ValuesBuffer));
            case TypeKind.UInt64:
                return new PrimitiveColumn<ulong>(type, length, Fixed(parts, length, 8, static c => ((PrimitiveColumn<ulong>)c).ValuesBuffer));
            case TypeKind.Float64:
                return new PrimitiveColumn<double>(type, length, Fixed(parts, length, 8, static c => ((PrimitiveColumn<double>)c).ValuesBuffer));
            case TypeKind.String:
            {
                var (offsets, data) = Variable(parts, length);
                return new StringColumn(length, offsets, data);
            }

            case TypeKind.Binary:
            {
                var (offsets, data) = Variable(parts, length);
                return new BinaryColumn(length, offsets, data);
            }

            default:
                return null;
        }
    }

    /// <summary>The values of fixed-width parts (<paramref name="width"/> bytes each) in one exact-size buffer.</summary>
    private static ArrowBuffer Fixed(IReadOnlyList<Column> parts, int length, int width, Func<Column, ArrowBuffer> values)
    {
        var result = GC.AllocateUninitializedArray<byte>(checked(length * width));
        var pos = 0;
        foreach (var p in parts)
        {
            var bytes = values(p).Span.Slice(p.Offset * width, p.Length * width);
            bytes.CopyTo(result.AsSpan(pos));
            pos += bytes.Length;
        }

        return result;
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
