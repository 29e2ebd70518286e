using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Workloads;

/// <summary>A fact row as a typed record (W3's row-typed variant); the columns bind by name.</summary>
public sealed record FactRow(long id, int key, double a, string b, DateTime ts);

/// <summary>A fact row with W3's computed column.</summary>
public sealed record FactRowC(long id, int key, double a, string b, DateTime ts, double c);

/// <summary>One output row of W8's comap: the group's key and the row counts of both sides.</summary>
public sealed record KeyCounts(int key, long fact_cnt, long dim_cnt);

/// <summary>
/// The typed transformers of the workloads, compiled by the Fugue source generator into registered adapters
/// (<see cref="TransformerRegistry"/>). They take and return whole columnar batches, so the per-row work is a tight
/// loop over the column spans, not per-row objects.
/// </summary>
public static class WorkloadTransformers
{
    private static readonly DataType Float64 = DataType.Float64;

    /// <summary>W3: all input columns plus <c>c = a * 2 + length(b)</c> (length in characters of the UTF-8 text).</summary>
    [Transformer("*,c:double")]
    public static RecordBatch AddC(RecordBatch batch)
    {
        var a = ((PrimitiveColumn<double>)batch.Column("a")).Values;
        var b = (StringColumn)batch.Column("b");
        var offsets = b.Offsets;
        var data = b.Data;
        var c = GC.AllocateUninitializedArray<double>(batch.Length); // every slot is written below
        if (System.Text.Ascii.IsValid(data[offsets[0]..offsets[^1]]))
        {
            // All ASCII (one vectorized check): every character is one byte.
            for (var i = 0; i < c.Length; i++)
            {
                c[i] = (a[i] * 2) + (offsets[i + 1] - offsets[i]);
            }
        }
        else
        {
            for (var i = 0; i < c.Length; i++)
            {
                c[i] = (a[i] * 2) + CharLength(data[offsets[i]..offsets[i + 1]]);
            }
        }

        return Append(batch, ("c", new PrimitiveColumn<double>(Float64, c.Length, ArrowBuffer.Wrap(c))));
    }

    /// <summary>W3, row-typed variant: the same column computed per typed row (one record in, one record out).</summary>
    [Transformer("*,c:double")]
    public static IEnumerable<FactRowC> AddCRows(IEnumerable<FactRow> rows)
    {
        foreach (var r in rows)
        {
            yield return new FactRowC(r.id, r.key, r.a, r.b, r.ts, (r.a * 2) + r.b.Length);
        }
    }

    /// <summary>
    /// W4, per partition of <c>key</c> presorted by <c>ts, id</c>: the running sum of <c>a</c> (this row included) and
    /// the 1-based row number.
    /// </summary>
    [Transformer("*,cum_a:double,rn:long")]
    public static RecordBatch CumulativeA(RecordBatch partition)
    {
        var a = ((PrimitiveColumn<double>)partition.Column("a")).Values;
        var cum = GC.AllocateUninitializedArray<double>(a.Length); // every slot is written below
        var rn = GC.AllocateUninitializedArray<long>(a.Length);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i];
            cum[i] = sum;
            rn[i] = i + 1;
        }

        return Append(
            partition,
            ("cum_a", new PrimitiveColumn<double>(Float64, cum.Length, ArrowBuffer.Wrap(cum))),
            ("rn", new PrimitiveColumn<long>(DataType.Int64, rn.Length, ArrowBuffer.Wrap(rn))));
    }

    /// <summary>W8: the row counts of one co-group of fact and dim (either side may be empty under a full outer zip).</summary>
    [CoTransformer("key:int,fact_cnt:long,dim_cnt:long")]
    public static KeyCounts CountSides(LocalDataFrame fact, LocalDataFrame dim, PartitionCursor cursor) =>
        new((int)cursor["key"]!, fact.Count(), dim.Count());

    /// <summary>The number of characters (code points) of UTF-8 text: the bytes that do not continue a sequence.</summary>
    private static int CharLength(ReadOnlySpan<byte> utf8)
    {
        var n = utf8.Length;
        foreach (var x in utf8)
        {
            if ((x & 0xC0) == 0x80)
            {
                n--;
            }
        }

        return n;
    }

    private static RecordBatch Append(RecordBatch batch, params (string Name, Column Column)[] extra)
    {
        var fields = new List<Field>(batch.Schema.Fields);
        var columns = new List<Column>(batch.Columns);
        foreach (var (name, column) in extra)
        {
            fields.Add(new Field(name, column.Type));
            columns.Add(column);
        }

        return new RecordBatch(new Schema(fields), columns, batch.Length);
    }
}
