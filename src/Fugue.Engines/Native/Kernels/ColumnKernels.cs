using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>Column and batch kernels of the native engine: gather (take) by row indices and concatenation.</summary>
internal static class ColumnKernels
{
    /// <summary>
    /// A new column with the rows of <paramref name="column"/> at <paramref name="indices"/>, in that order; a
    /// negative index produces a null (how outer joins fill the missing side).
    /// </summary>
    public static Column Take(Column column, ReadOnlySpan<int> indices)
    {
        var builder = ColumnBuilder.Create(column.Type, indices.Length);
        RowCopier.Create(column, builder).CopyIndices(indices, builder);
        return builder.Build();
    }

    /// <summary>A batch with the rows of <paramref name="batch"/> at <paramref name="indices"/> (negative = all-null row).</summary>
    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> indices)
    {
        var columns = new Column[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = Take(batch.Column(c), indices);
        }

        return new RecordBatch(batch.Schema, columns, indices.Length);
    }

    /// <summary>The columns (all of one type) one after another in a new column.</summary>
    public static Column Concat(DataType type, IReadOnlyList<Column> columns)
    {
        if (columns.Count == 1)
        {
            return columns[0];
        }

        var total = 0L;
        foreach (var c in columns)
        {
            total += c.Length;
        }

        if (Column.TryConcatFlat(columns) is { } flat)
        {
            return flat;
        }

        var builder = ColumnBuilder.Create(type, (int)Math.Min(total, int.MaxValue));
        foreach (var c in columns)
        {
            RowCopier.Create(c, builder).CopyRange(0, c.Length);
        }

        return builder.Build();
    }

    /// <summary>
    /// One batch with all rows of <paramref name="batches"/> (which share <paramref name="schema"/>); a single batch is
    /// returned as is, none gives an empty batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than <see cref="int.MaxValue"/> rows.</exception>
    public static RecordBatch Concat(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        var nonEmpty = batches.Where(b => b.Length > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            return RecordBatch.Empty(schema);
        }

        if (nonEmpty.Count == 1)
        {
            return nonEmpty[0];
        }

        var total = nonEmpty.Sum(b => (long)b.Length);
        if (total > int.MaxValue)
        {
            throw new InvalidOperationException($"the native engine holds at most {int.MaxValue} rows in one batch, got {total}");
        }

        var columns = new Column[schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var parts = new Column[nonEmpty.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = nonEmpty[i].Column(c);
            }

            columns[c] = Concat(schema[c].Type, parts);
        }

        return new RecordBatch(schema, columns, (int)total);
    }

    /// <summary>
    /// A column with one row per index where row <c>i</c> is <paramref name="first"/>[<paramref name="firstIndex"/>[i]]
    /// when that index is >= 0, else <paramref name="second"/>[<paramref name="secondIndex"/>[i]] (null when both are negative):
    /// the coalesced key column of right and full outer joins.
    /// </summary>
    public static Column Coalesce(Column first, ReadOnlySpan<int> firstIndex, Column second, ReadOnlySpan<int> secondIndex)
    {
        var builder = ColumnBuilder.Create(first.Type, firstIndex.Length);
        var a = RowCopier.Create(first, builder);
        var b = RowCopier.Create(second, builder);
        for (var i = 0; i < firstIndex.Length; i++)
        {
            if (firstIndex[i] >= 0)
            {
                a.Copy(firstIndex[i]);
            }
            else if (secondIndex[i] >= 0)
            {
                b.Copy(secondIndex[i]);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }
}
