using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>Row/batch conversions shared by the frame types (one place for batch size, renames and type changes).</summary>
internal static class BatchConversions
{
    /// <summary>Rows per batch when rows are turned into batches: large enough to amortise per-batch costs, small enough to stream.</summary>
    public const int DefaultBatchRows = 16384;

    /// <summary>Chunks canonical rows of <paramref name="schema"/> into batches of at most <paramref name="batchRows"/> rows (lazily).</summary>
    public static IEnumerable<RecordBatch> FromRows(IEnumerable<object?[]> rows, Schema schema, int batchRows = DefaultBatchRows)
    {
        RecordBatchBuilder? builder = null;
        foreach (var row in rows)
        {
            builder ??= new RecordBatchBuilder(schema, batchRows);
            builder.AppendRow(row);
            if (builder.Length >= batchRows)
            {
                yield return builder.Build();
            }
        }

        if (builder is not null && builder.Length > 0)
        {
            yield return builder.Build();
        }
    }

    /// <summary>The rows of a batch (all columns, or those at <paramref name="indices"/>), each a new array.</summary>
    public static IEnumerable<object?[]> ToRows(RecordBatch batch, int[]? indices)
    {
        var columns = indices is null ? batch.Columns.ToArray() : indices.Select(batch.Column).ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            var row = new object?[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = columns[c].GetValue(r);
            }

            yield return row;
        }
    }

    /// <summary>Row <paramref name="index"/> of a batch.</summary>
    public static object?[] Row(RecordBatch batch, int index)
    {
        var row = new object?[batch.ColumnCount];
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = batch.Column(c).GetValue(index);
        }

        return row;
    }

    /// <summary>The same columns under a schema that differs only in names (zero-copy).</summary>
    public static RecordBatch Rename(RecordBatch batch, Schema schema) => new(schema, batch.Columns, batch.Length);

    /// <summary>The projection onto columns by index (zero-copy).</summary>
    public static RecordBatch Select(RecordBatch batch, int[] indices, Schema schema) =>
        new(schema, indices.Select(batch.Column).ToArray(), batch.Length);

    /// <summary>
    /// The batch converted to <paramref name="schema"/> (same names and order): unchanged columns are shared, changed
    /// ones are rebuilt value by value with <see cref="ValueConverter"/>. Errors name the row (offset by
    /// <paramref name="firstRow"/>) and the column.
    /// </summary>
    public static RecordBatch Alter(RecordBatch batch, Schema schema, long firstRow)
    {
        var columns = new Column[schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = batch.Column(c);
            var target = schema[c].Type;
            if (source.Type == target)
            {
                columns[c] = source;
                continue;
            }

            var converter = ValueConverter.For(target);
            var builder = ColumnBuilder.Create(target, source.Length);
            for (var r = 0; r < source.Length; r++)
            {
                object? value;
                try
                {
                    value = converter.Convert(source.GetValue(r));
                }
                catch (FugueValueConversionException ex)
                {
                    throw ex.At(firstRow + r, schema[c].Name);
                }

                builder.Append(value);
            }

            columns[c] = builder.Build();
        }

        return new RecordBatch(schema, columns, batch.Length);
    }

    /// <summary>Checks that a batch has the frame's schema.</summary>
    public static RecordBatch Check(RecordBatch batch, Schema schema, string owner)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Schema == schema
            ? batch
            : throw new FugueDataFrameInitException($"{owner}: a batch has schema '{batch.Schema}', expected '{schema}'");
    }

    /// <summary>The first <paramref name="n"/> rows of a batch sequence as zero-copy slices.</summary>
    public static List<RecordBatch> Take(IEnumerable<RecordBatch> batches, long n)
    {
        var result = new List<RecordBatch>();
        var left = n;
        foreach (var b in batches)
        {
            if (left <= 0)
            {
                break;
            }

            if (b.Length == 0)
            {
                continue;
            }

            var take = (int)Math.Min(left, b.Length);
            result.Add(take == b.Length ? b : b.Slice(0, take));
            left -= take;
        }

        return result;
    }
}
