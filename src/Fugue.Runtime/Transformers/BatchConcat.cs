using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// Joins a partition's batches into the one batch a <c>RecordBatch</c> parameter receives, column by column through
/// <see cref="Column.Concat"/> (exact-size block copies for null-free flat columns).
/// </summary>
internal static class BatchConcat
{
    /// <summary>The batches (all of <paramref name="schema"/>, at least two) one after another.</summary>
    public static RecordBatch Concat(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        var total = 0L;
        foreach (var b in batches)
        {
            if (!ReferenceEquals(b.Schema, schema) && !b.Schema.Equals(schema))
            {
                throw new ArgumentException($"cannot concatenate batches with schemas '{schema}' and '{b.Schema}'", nameof(batches));
            }

            total += b.Length;
        }

        if (total > int.MaxValue)
        {
            throw new InvalidOperationException($"a partition of {total} rows does not fit in one batch (at most {int.MaxValue} rows)");
        }

        var length = (int)total;
        var columns = new Column[schema.Count];
        var parts = new Column[batches.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var k = 0; k < parts.Length; k++)
            {
                parts[k] = batches[k].Column(c);
            }

            columns[c] = Column.Concat(parts); // null-free flat columns in exact-size block copies
        }

        return new RecordBatch(schema, columns, length);
    }
}
