using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Transformers;

namespace Fugue.Generators.Tests.EndToEnd;

public sealed record Sale(string Region, int Key, double Amount, DateTime Ts);

public sealed record Ranked(string Region, int Key, double Amount, DateTime Ts, int Rank);

public sealed record Counts(int Key, long Sales, long Dims);

public sealed record Wide(long Key, double Amount);

public sealed record Optional(string? Name, int? Count, double? Score, bool? Flag, DateTime? When);

public struct Point
{
    public double X { get; set; }

    public double Y { get; set; }
}

public sealed class Tag
{
    [Column("tag name")]
    public string? Name { get; init; }

    public int? Weight { get; set; }
}

public readonly record struct KeyValue(string Key, long Value);

public sealed record Misc([Column("full name")] string Name, decimal Price, DateOnly Day, byte[]? Blob, Half H, long? Big, sbyte Tiny, ushort U, DateTime? When);

public sealed record Shape(int Id, Point Center, Point[] Path, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, long> Counts, List<Tag>? Tags, Tag? Main);

/// <summary>Annotated methods compiled into this test assembly: the generator runs on them for real.</summary>
public static class Pipelines
{
    /// <summary>Rows the output transformers saw (tests reset it).</summary>
    public static readonly List<string> Seen = new();

    [Transformer("*,Rank:int")]
    public static IEnumerable<Ranked> RankWithinKey(IEnumerable<Sale> rows, int start = 1)
    {
        var rank = start;
        foreach (var r in rows)
        {
            yield return new Ranked(r.Region, r.Key, r.Amount, r.Ts, rank++);
        }
    }

    [Transformer("*")]
    public static IEnumerable<Sale> TakeTwo(IEnumerable<Sale> rows) => rows.Take(2);

    [Transformer]
    public static Sale? First(IReadOnlyList<Sale> rows) => rows.Count == 0 ? null : rows[0];

    [Transformer("*")]
    public static Wide[] Widen(Wide[] rows) => rows;

    [Transformer("*")]
    public static List<Optional> Optionals(List<Optional> rows) => rows;

    [Transformer("*")]
    public static IEnumerable<Point> Points(IEnumerable<Point> rows) => rows.Select(p => new Point { X = p.Y, Y = p.X });

    [Transformer]
    public static KeyValue Sum(IEnumerable<KeyValue> rows) => new("total", rows.Sum(r => r.Value));

    [Transformer("*")]
    public static Misc[] Miscs(IEnumerable<Misc> rows) => rows.ToArray();

    [Transformer("*")]
    public static IEnumerable<Shape> Shapes(IEnumerable<Shape> rows) => rows;

    [Transformer("*,n:long")]
    public static IEnumerable<object?[]> Arrays(IEnumerable<object?[]> rows, long factor)
    {
        var n = 0L;
        foreach (var row in rows)
        {
            var copy = new object?[row.Length + 1];
            row.CopyTo(copy, 0);
            copy[^1] = ++n * factor;
            yield return copy;
        }
    }

    [Transformer("*-Amount")]
    public static IEnumerable<Dictionary<string, object?>> Dicts(IEnumerable<Dictionary<string, object?>> rows) => rows;

    [Transformer("*")]
    public static LocalDataFrame Frame(LocalDataFrame df, PartitionCursor cursor)
    {
        Seen.Add("partition " + cursor.PartitionNo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return df;
    }

    [Transformer("*")]
    public static IEnumerable<RecordBatch> Batches(IEnumerable<RecordBatch> batches) => batches;

    [Transformer("Key:int,total:double")]
    public static Dictionary<string, object?> Total(RecordBatch batch)
    {
        var keys = (PrimitiveColumn<int>)batch.Column("Key");
        var amounts = (PrimitiveColumn<double>)batch.Column("Amount");
        var total = 0.0;
        for (var i = 0; i < batch.Length; i++)
        {
            total += amounts[i];
        }

        return new Dictionary<string, object?> { ["Key"] = batch.Length == 0 ? null : keys[0], ["total"] = total };
    }

    [Transformer("*")]
    public static IEnumerable<Ranked> RuntimeChecked(LocalDataFrame df) => new List<Ranked>();

    [CoTransformer("Key:int,Sales:long,Dims:long")]
    public static Counts CountBoth(IEnumerable<Sale> sales, IReadOnlyList<Tag> dims, PartitionCursor cursor) =>
        new(sales.Select(s => s.Key).FirstOrDefault(), sales.LongCount(), dims.Count);

    [CoTransformer]
    public static IEnumerable<Counts> FromFrames(DataFrames dfs) =>
        new[] { new Counts(dfs.Count, dfs[0].Count(), dfs.Count > 1 ? dfs[1].Count() : 0) };

    [OutputTransformer]
    public static void Print(IEnumerable<Sale> rows, PartitionCursor cursor, string prefix = "row")
    {
        foreach (var r in rows)
        {
            Seen.Add(prefix + ":" + r.Region);
        }
    }

    [OutputTransformer]
    public static IEnumerable<Sale> Echo(IEnumerable<Sale> rows)
    {
        foreach (var r in rows)
        {
            Seen.Add("echo:" + r.Region);
            yield return r;
        }
    }

    [OutputCoTransformer]
    public static void PrintBoth(IEnumerable<Sale> a, IEnumerable<Tag> b, int limit)
    {
        Seen.Add("a=" + a.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",b=" + b.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Nested types get registry names with dots, like the method group's declaring type.</summary>
public static class Outer
{
    public static class Inner_Type
    {
        [Transformer("*")]
        public static IEnumerable<Sale> Copy(IEnumerable<Sale> rows) => rows;
    }
}

/// <summary>A name that sanitizes like Outer.Inner_Type must not collide with it.</summary>
public static class Outer_Inner
{
    public static class Type
    {
        [Transformer("*")]
        public static IEnumerable<Sale> Copy(IEnumerable<Sale> rows) => rows;
    }
}
