using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Frames;

internal static class DataFrameTestFactories
{
    /// <summary>A columnar frame whose rows are split into batches of <paramref name="batchRows"/> (plus a leading empty batch).</summary>
    public static ColumnarDataFrame Columnar(IEnumerable<object?[]> rows, Schema schema, int batchRows)
    {
        var canonical = new ArrayDataFrame(rows, schema).AsArray();
        var batches = new List<RecordBatch> { RecordBatch.Empty(schema) };
        for (var i = 0; i < canonical.Count; i += batchRows)
        {
            var builder = new RecordBatchBuilder(schema);
            foreach (var row in canonical.Skip(i).Take(batchRows))
            {
                builder.AppendRow(row);
            }

            batches.Add(builder.Build());
        }

        return new ColumnarDataFrame(schema, batches);
    }
}
