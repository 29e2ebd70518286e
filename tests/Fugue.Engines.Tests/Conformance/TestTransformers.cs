using System.Globalization;
using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Conformance;

/// <summary>An input row of the issue's example: <c>key:str,ts:datetime,value:double</c>.</summary>
public sealed record Event([Column("key")] string Key, [Column("ts")] DateTime Ts, [Column("value")] double Value);

/// <summary>An <see cref="Event"/> with its rank inside its key (the <c>*,rank:int</c> output).</summary>
public sealed record RankedEvent(
    [Column("key")] string Key,
    [Column("ts")] DateTime Ts,
    [Column("value")] double Value,
    [Column("rank")] int Rank);

/// <summary>One row per partition, from the cursor.</summary>
public sealed record PartitionSummary(
    [Column("key")] string Key,
    [Column("partition_no")] int PartitionNo,
    [Column("first_ts")] DateTime FirstTs,
    [Column("n")] long N);

/// <summary>What a transformer saw of its context.</summary>
public sealed record ContextProbe(
    [Column("key")] string Key,
    [Column("dialect")] string? Dialect,
    [Column("keys")] string KeySchema,
    [Column("output")] string OutputSchema);

/// <summary>A sale of the co-transformer examples: <c>key:str,amount:double</c>.</summary>
public sealed record Sale([Column("key")] string Key, [Column("amount")] double Amount);

/// <summary>A dimension row of the co-transformer examples: <c>key:str,label:str</c>.</summary>
public sealed record Dim([Column("key")] string Key, [Column("label")] string Label);

/// <summary>The issue's <c>CountBoth</c> output.</summary>
public sealed record Counts([Column("key")] string Key, [Column("sales")] long Sales, [Column("dims")] long Dims);

/// <summary>
/// Annotated transformers the engine tests run. They live in the test assembly, which a distributed engine's workers
/// can load, and keep no state except <see cref="Sink"/>'s per-test directories.
/// </summary>
public static class TestTransformers
{
    /// <summary>The issue's example: rank rows inside each key in presort order.</summary>
    [Transformer("*,rank:int")]
    public static IEnumerable<RankedEvent> RankWithinKey(IEnumerable<Event> rows, int start = 1)
    {
        var rank = start;
        foreach (var r in rows)
        {
            yield return new RankedEvent(r.Key, r.Ts, r.Value, rank++);
        }
    }

    /// <summary>A runtime <c>*</c> hint over untyped rows: the output is the input's columns plus a counter.</summary>
    [Transformer("*,n:long")]
    public static IEnumerable<object?[]> Number(IEnumerable<object?[]> rows, long factor = 1)
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

    /// <summary>A hint that drops a column and adds one, over dictionaries.</summary>
    [Transformer("*,label:str-value")]
    public static IEnumerable<Dictionary<string, object?>> Relabel(IEnumerable<Dictionary<string, object?>> rows, string prefix = "k=")
    {
        foreach (var row in rows)
        {
            row["label"] = prefix + (string?)row["key"];
            yield return row;
        }
    }

    /// <summary>One row per partition from the cursor: its key, number and first (presorted) row.</summary>
    [Transformer]
    public static PartitionSummary Summarize(IReadOnlyList<Event> rows, PartitionCursor cursor) =>
        new((string)cursor["key"]!, cursor.PartitionNo, (DateTime)cursor["ts"]!, rows.Count);

    /// <summary>Reads the ambient context: the engine conf, the key schema and the output schema.</summary>
    [Transformer]
    public static IEnumerable<ContextProbe> ProbeContext(IEnumerable<Event> rows)
    {
        // Lazy on purpose: the context must still be current when the engine enumerates the result.
        foreach (var r in rows.Take(1))
        {
            var context = TransformerContext.Current ?? throw new InvalidOperationException("no transformer context");
            yield return new ContextProbe(r.Key, context.Conf.Get<string?>(FugueConf.SqlDialect, null), context.KeySchema.ToString(), context.OutputSchema.ToString());
        }
    }

    /// <summary>Yields rows, then fails on the first row whose key is <paramref name="bad"/>.</summary>
    [Transformer("*")]
    public static IEnumerable<Event> FailOn(IEnumerable<Event> rows, string bad)
    {
        foreach (var r in rows)
        {
            if (r.Key == bad)
            {
                throw new InvalidOperationException("bad key " + bad);
            }

            yield return r;
        }
    }

    /// <summary>Yields every row, then fails when the partition's key is <paramref name="bad"/> (after rows were produced).</summary>
    [Transformer("*")]
    public static IEnumerable<Event> FailAfter(IEnumerable<Event> rows, string bad)
    {
        string? key = null;
        foreach (var r in rows)
        {
            key = r.Key;
            yield return r;
        }

        if (key == bad)
        {
            throw new InvalidOperationException("bad key " + bad);
        }
    }

    /// <summary>Records "key/count" per partition as a file in <paramref name="dir"/> (seen from any worker process).</summary>
    [OutputTransformer]
    public static void Record(IEnumerable<Event> rows, PartitionCursor cursor, string dir)
    {
        var n = rows.Count();
        Sink.Add(dir, string.Create(CultureInfo.InvariantCulture, $"{cursor["key"]}/{n}"));
    }

    /// <summary>The issue's co-transformer: per zipped key, how many sales and dimension rows it has.</summary>
    [CoTransformer("key:str,sales:long,dims:long")]
    public static Counts CountBoth(IEnumerable<Sale> sales, IReadOnlyList<Dim> dims, PartitionCursor cursor) =>
        new((string)cursor.KeyValueArray[0]!, sales.LongCount(), dims.Count);

    /// <summary>An output co-transformer recording "key|sales|labels" per key group as a file in <paramref name="dir"/>.</summary>
    [OutputCoTransformer]
    public static void RecordBoth(IEnumerable<Sale> sales, IReadOnlyList<Dim> dims, string dir, string separator = "|")
    {
        var list = sales.ToList();
        var key = list.Count > 0 ? list[0].Key : dims.Count > 0 ? dims[0].Key : "?";
        Sink.Add(dir, key + separator + list.Count.ToString(CultureInfo.InvariantCulture) + separator + string.Join(",", dims.Select(d => d.Label).Order(StringComparer.Ordinal)));
    }
}

/// <summary>
/// What output transformers recorded: one file per item in a per-test directory, so that items written by the workers
/// of a distributed engine (other processes on this machine) are seen too.
/// </summary>
public static class Sink
{
    /// <summary>A fresh, empty directory for one test.</summary>
    public static string NewDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fugue-sink-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Records an item as a new file in <paramref name="dir"/>.</summary>
    public static void Add(string dir, string item) => File.WriteAllText(Path.Combine(dir, Guid.NewGuid().ToString("N") + ".txt"), item);

    /// <summary>The items recorded in <paramref name="dir"/>, sorted (partitions may run in any order); deletes the directory.</summary>
    public static IReadOnlyList<string> Take(string dir)
    {
        var items = Directory.GetFiles(dir).Select(File.ReadAllText).Order(StringComparer.Ordinal).ToList();
        Directory.Delete(dir, recursive: true);
        return items;
    }
}
