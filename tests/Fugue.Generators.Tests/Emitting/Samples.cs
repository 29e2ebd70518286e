namespace Fugue.Generators.Tests.Emitting;

/// <summary>Representative signatures: one per family the generator accepts.</summary>
public static class Samples
{
    public const string Rows = """
        namespace App
        {
            using Fugue.Columnar;
            using Fugue.Frames;
            using Fugue.Partitioning;

            public sealed record Sale(string Region, int Key, double Amount, DateTime Ts);
            public sealed record Ranked(string Region, int Key, double Amount, DateTime Ts, int Rank);
            public sealed record Counts(int Key, long Sales, long Dims);
            public struct Point { public double X { get; set; } public double Y { get; set; } }
            public sealed class Tag { [Column("tag name")] public string? Name { get; init; } public int? Weight { get; set; } }
            public sealed record Nested(int Id, Point P, Point[] Path, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, long> Counts,
                int? Maybe, byte[]? Blob, decimal Price, DateOnly Day, List<Tag>? Extra, Tag? Main, bool Flag, float Ratio, Half H, DateTime? When);

            public static partial class Pipelines
            {
                [Transformer("*,Rank:int")]
                public static IEnumerable<Ranked> RankWithinKey(IEnumerable<Sale> rows, int start = 1)
                {
                    var rank = start;
                    foreach (var r in rows)
                    {
                        yield return new Ranked(r.Region, r.Key, r.Amount, r.Ts, rank++);
                    }
                }

                [Transformer]
                public static Sale First(IReadOnlyList<Sale> rows) => rows[0];

                [Transformer("*")]
                public static Nested[] Same(Nested[] rows) => rows;

                [Transformer("a:int,b:str")]
                public static List<Dictionary<string, object?>> Dicts(List<object?[]> rows, string name = "x", double factor = 1.5) => new();

                [Transformer("*~Amount+Key:long,extra:str")]
                public static IEnumerable<object?[]> Hints(IEnumerable<Sale> rows) => new List<object?[]>();

                [Transformer("*,n:long")]
                public static LocalDataFrame Frames(LocalDataFrame df, PartitionCursor cursor, long limit) => df;

                [Transformer("*")]
                public static IEnumerable<RecordBatch> Batches(IEnumerable<RecordBatch> batches) => batches;

                [Transformer("*")]
                public static RecordBatch OneBatch(RecordBatch batch) => batch;

                [Transformer("*,total:double")]
                public static IEnumerable<Dictionary<string, object?>> Untyped(IEnumerable<Dictionary<string, object?>> rows) => rows;

                [CoTransformer("Key:int,Sales:long,Dims:long")]
                public static Counts CountBoth(IEnumerable<Sale> sales, IReadOnlyList<Sale> dims) => new Counts(0, 0, 0);

                [CoTransformer]
                public static IEnumerable<Counts> FromFrames(DataFrames dfs, PartitionCursor cursor) => new List<Counts>();

                [OutputTransformer]
                public static void Print(IEnumerable<Sale> rows, PartitionCursor cursor) { }

                [OutputTransformer]
                public static IEnumerable<Sale> Echo(IEnumerable<Sale> rows) => rows;

                [OutputCoTransformer]
                public static void PrintBoth(IEnumerable<Sale> a, IEnumerable<Tag> b, int limit = 10, string? label = null) { }
            }
        }
        """;
}
