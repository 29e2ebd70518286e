using Fugue.Transformers;

namespace Fugue.TransformerBench;

/// <summary>An input row of the benchmark schema <c>id:long,key:int,a:double,b:str,ts:datetime</c>.</summary>
public sealed record BenchRow(
    [Column("id")] long Id,
    [Column("key")] int Key,
    [Column("a")] double A,
    [Column("b")] string B,
    [Column("ts")] DateTime Ts);

/// <summary>The output row: the input columns and <c>c = a*2 + b.Length</c>.</summary>
public sealed record BenchOut(
    [Column("id")] long Id,
    [Column("key")] int Key,
    [Column("a")] double A,
    [Column("b")] string B,
    [Column("ts")] DateTime Ts,
    [Column("c")] double C);

/// <summary>The row-by-row transformer the benchmark runs through its generated adapter.</summary>
public static class BenchTransformers
{
    /// <summary>c = a*2 + b.Length, row by row.</summary>
    [Transformer("*,c:double")]
    public static IEnumerable<BenchOut> Compute(IEnumerable<BenchRow> rows)
    {
        foreach (var r in rows)
        {
            yield return new BenchOut(r.Id, r.Key, r.A, r.B, r.Ts, (r.A * 2) + r.B.Length);
        }
    }
}
