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

    /// <summary>
    /// The batches (all of <paramref name="schema"/>) as one, copied in parallel: every (column, batch) pair of a flat
    /// column without nulls is one work item writing its slot of the exact-size result; other columns are joined
    /// whole by <see cref="ColumnKernels.Concat(DataType, IReadOnlyList{Column})"/>, one work item each.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> rows, or a column of more bytes than an array holds.</exception>
    public static RecordBatch ConcatBatches(Schema schema, IReadOnlyList<RecordBatch> batches, int parallelism, CancellationToken cancellationToken)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var rowStart = new int[batches.Count + 1];
        for (var b = 0; b < batches.Count; b++)
        {
            var next = (long)rowStart[b] + batches[b].Length;
            if (next > int.MaxValue)
            {
                throw new InvalidOperationException($"the native engine holds at most {int.MaxValue} rows in one batch, got more");
            }

            rowStart[b + 1] = (int)next;
        }

        var n = rowStart[^1];
        var columns = new Column[schema.Count];
        var values = new byte[schema.Count][];
        var offsets = new byte[schema.Count][];
        var dataStart = new int[schema.Count][];
        var items = new List<(int Column, int Batch)>();
        for (var c = 0; c < columns.Length; c++)
        {
            var type = schema[c].Type;
            var nulls = false;
            foreach (var b in batches)
            {
                nulls |= b.Column(c).NullCount > 0;
            }

            var width = FixedWidth.Width(type);
            if (!nulls && width > 0)
            {
                values[c] = GC.AllocateUninitializedArray<byte>(checked(n * width));
            }
            else if (!nulls && type.Kind is TypeKind.String or TypeKind.Binary)
            {
                var starts = dataStart[c] = new int[batches.Count + 1];
                long bytes = 0;
                for (var b = 0; b < batches.Count; b++)
                {
                    var o = ((VariableBinaryColumn)batches[b].Column(c)).Offsets;
                    bytes += o[^1] - o[0];
                    if (bytes > Array.MaxLength)
                    {
                        throw new InvalidOperationException($"a {type} column of {bytes} bytes does not fit in one batch (at most {Array.MaxLength} bytes)");
                    }

                    starts[b + 1] = (int)bytes;
                }

                offsets[c] = GC.AllocateUninitializedArray<byte>(checked((n + 1) * sizeof(int)));
                values[c] = GC.AllocateUninitializedArray<byte>((int)bytes);
            }
            else
            {
                items.Add((c, -1));
                continue;
            }

            for (var b = 0; b < batches.Count; b++)
            {
                items.Add((c, b));
            }
        }

        NativeParallel.For(
            items.Count,
            parallelism,
            k =>
            {
                var (c, b) = items[k];
                if (b < 0)
                {
                    var parts = new Column[batches.Count];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        parts[i] = batches[i].Column(c);
                    }

                    columns[c] = ColumnKernels.Concat(schema[c].Type, parts);
                    return;
                }

                var col = batches[b].Column(c);
                if (offsets[c] is null)
                {
                    var bytes = FixedWidth.Bytes(col);
                    bytes.CopyTo(values[c].AsSpan(rowStart[b] * FixedWidth.Width(col.Type)));
                    return;
                }

                var o = ((VariableBinaryColumn)col).Offsets;
                var first = o[0];
                var at = dataStart[c][b];
                ((VariableBinaryColumn)col).Data.Slice(first, o[^1] - first).CopyTo(values[c].AsSpan(at));
                Rebase(o, MemoryMarshal.Cast<byte, int>(offsets[c].AsSpan())[rowStart[b]..], at - first);
            },
            cancellationToken);

        for (var c = 0; c < columns.Length; c++)
        {
            var type = schema[c].Type;
            if (offsets[c] is { } o)
            {
                MemoryMarshal.Cast<byte, int>(o.AsSpan())[n] = values[c].Length;
                columns[c] = type.Kind == TypeKind.String
                    ? new StringColumn(n, o, values[c], default, 0)
                    : new BinaryColumn(n, o, values[c], default, 0);
            }
            else if (values[c] is { } v)
            {
                columns[c] = FixedWidth.Create(type, n, v, default, 0);
            }
        }

        return new RecordBatch(schema, columns, n);
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
