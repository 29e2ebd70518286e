using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Joins runs of small consecutive batches (e.g. one map result per group) into batches of about
/// <c>targetRows</c> rows, so consumers such as writers see few large batches. A column whose pieces are adjacent
/// slices of the same buffers (a map function that returns its input slice, plus new columns) is joined without
/// copying; other columns are copied once. Batches of at least half the target pass through unchanged.
/// </summary>
internal static class BatchCoalescer
{
    /// <summary>The batches (all of <paramref name="schema"/>) with small neighbours joined, in order; runs are joined on up to <paramref name="parallelism"/> threads.</summary>
    public static List<RecordBatch> Coalesce(Schema schema, IReadOnlyList<RecordBatch> batches, int targetRows, int parallelism, CancellationToken cancellationToken = default)
    {
        // Runs of consecutive small batches: [first, end).
        var runs = new List<(int First, int End)>();
        var i = 0;
        while (i < batches.Count)
        {
            if (batches[i].Length >= targetRows / 2)
            {
                runs.Add((i, i + 1));
                i++;
                continue;
            }

            var first = i;
            var rows = 0L;
            while (i < batches.Count && batches[i].Length < targetRows / 2 && rows + batches[i].Length <= targetRows)
            {
                rows += batches[i].Length;
                i++;
            }

            runs.Add((first, i));
        }

        if (runs.Count == batches.Count)
        {
            return batches as List<RecordBatch> ?? [.. batches];
        }

        var joined = new RecordBatch[runs.Count];
        NativeParallel.For(
            runs.Count,
            parallelism,
            r =>
            {
                var (first, end) = runs[r];
                joined[r] = end - first == 1 ? batches[first] : Join(schema, batches, first, end);
            },
            cancellationToken);
        return [.. joined];
    }

    private static RecordBatch Join(Schema schema, IReadOnlyList<RecordBatch> batches, int first, int end)
    {
        var length = 0;
        for (var b = first; b < end; b++)
        {
            length += batches[b].Length;
        }

        var columns = new Column[schema.Count];
        var parts = new List<Column>(end - first);
        for (var c = 0; c < columns.Length; c++)
        {
            Column? merged = batches[first].Column(c);
            for (var b = first + 1; b < end && merged is not null; b++)
            {
                merged = TryAdjacent(merged, batches[b].Column(c));
            }

            if (merged is null)
            {
                parts.Clear();
                for (var b = first; b < end; b++)
                {
                    parts.Add(batches[b].Column(c));
                }

                merged = Concat(schema[c].Type, parts, length);
            }

            columns[c] = merged;
        }

        return new RecordBatch(schema, columns, length);
    }

    /// <summary>The parts one after another: fixed-width parts without nulls are copied straight into one exact-size array.</summary>
    private static Column Concat(DataType type, List<Column> parts, int length) => type.Kind switch
    {
        TypeKind.Int32 or TypeKind.Date => (Column?)ConcatFixed<int>(type, parts, length),
        TypeKind.Int64 or TypeKind.Timestamp => ConcatFixed<long>(type, parts, length),
        TypeKind.Float64 => ConcatFixed<double>(type, parts, length),
        TypeKind.Float32 => ConcatFixed<float>(type, parts, length),
        _ => null,
    } ?? ColumnKernels.Concat(type, parts);

    private static PrimitiveColumn<T>? ConcatFixed<T>(DataType type, List<Column> parts, int length)
        where T : unmanaged
    {
        foreach (var p in parts)
        {
            if (p is not PrimitiveColumn<T> || p.NullCount > 0)
            {
                return null;
            }
        }

        var values = GC.AllocateUninitializedArray<T>(length);
        var pos = 0;
        foreach (var p in parts)
        {
            var v = ((PrimitiveColumn<T>)p).Values;
            v.CopyTo(values.AsSpan(pos));
            pos += v.Length;
        }

        return new PrimitiveColumn<T>(type, length, ArrowBuffer.Wrap(values));
    }

    /// <summary>One column for <paramref name="a"/> then <paramref name="b"/> when <paramref name="b"/> continues <paramref name="a"/> in the same buffers; else null.</summary>
    internal static Column? TryAdjacent(Column a, Column b)
    {
        if (a.GetType() != b.GetType() || !a.Type.Equals(b.Type) || a.Offset + a.Length != b.Offset || !a.ValidityBuffer.Memory.Equals(b.ValidityBuffer.Memory))
        {
            return null;
        }

        var length = a.Length + b.Length;
        var validity = a.ValidityBuffer;
        var nulls = validity.IsEmpty ? 0 : -1;
        return (a, b) switch
        {
            (StringColumn x, StringColumn y) when Same(x, y) => new StringColumn(length, x.OffsetsBuffer, x.DataBuffer, validity, nulls, x.Offset),
            (BinaryColumn x, BinaryColumn y) when Same(x, y) => new BinaryColumn(length, x.OffsetsBuffer, x.DataBuffer, validity, nulls, x.Offset),
            _ => a.Type.Kind switch
            {
                TypeKind.Int8 => Fixed<sbyte>(a, b, length),
                TypeKind.UInt8 => Fixed<byte>(a, b, length),
                TypeKind.Int16 => Fixed<short>(a, b, length),
                TypeKind.UInt16 => Fixed<ushort>(a, b, length),
                TypeKind.Int32 or TypeKind.Date => Fixed<int>(a, b, length),
                TypeKind.UInt32 => Fixed<uint>(a, b, length),
                TypeKind.Int64 or TypeKind.Timestamp => Fixed<long>(a, b, length),
                TypeKind.UInt64 => Fixed<ulong>(a, b, length),
                TypeKind.Float16 => Fixed<Half>(a, b, length),
                TypeKind.Float32 => Fixed<float>(a, b, length),
                TypeKind.Float64 => Fixed<double>(a, b, length),
                _ => null,
            },
        };
    }

    private static bool Same(VariableBinaryColumn x, VariableBinaryColumn y) =>
        x.OffsetsBuffer.Memory.Equals(y.OffsetsBuffer.Memory) && x.DataBuffer.Memory.Equals(y.DataBuffer.Memory);

    private static PrimitiveColumn<T>? Fixed<T>(Column a, Column b, int length)
        where T : unmanaged
    {
        if (a is not PrimitiveColumn<T> x || b is not PrimitiveColumn<T> y || !x.ValuesBuffer.Memory.Equals(y.ValuesBuffer.Memory))
        {
            return null;
        }

        return new PrimitiveColumn<T>(x.Type, length, x.ValuesBuffer, x.ValidityBuffer, x.ValidityBuffer.IsEmpty ? 0 : -1, x.Offset);
    }
}
