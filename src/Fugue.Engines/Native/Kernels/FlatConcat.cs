using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Joins batches into one in parallel: every (column, batch) pair of a null-free flat column (fixed width, strings,
/// binary) copies its block into its slot of the exact-size result (the sequential form is
/// <see cref="Column.TryConcatFlat"/>). The copy loops are not generic over the value type, so a ReadyToRun image
/// holds them precompiled (instantiations over primitive types with constraints are not).
/// </summary>
internal static class FlatConcat
{
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
