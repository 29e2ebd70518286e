using System.Collections.Concurrent;
using System.Globalization;
using Fugue.Configuration;
using Fugue.DataFrames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Transformers;

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
/// can load, and keep no state except <see cref="Sink"/>, keyed by a per-test tag.
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

    /// <summary>Records "key/count" per partition into <see cref="Sink"/> under <paramref name="tag"/>.</summary>
    [OutputTransformer]
    public static void Record(IEnumerable<Event> rows, PartitionCursor cursor, string tag)
    {
        var n = rows.Count();
        Sink.Add(tag, string.Create(CultureInfo.InvariantCulture, $"{cursor["key"]}/{n}"));
    }

    /// <summary>The issue's co-transformer: per zipped key, how many sales and dimension rows it has.</summary>
    [CoTransformer("key:str,sales:long,dims:long")]
    public static Counts CountBoth(IEnumerable<Sale> sales, IReadOnlyList<Dim> dims, PartitionCursor cursor) =>
        new((string)cursor.KeyValueArray[0]!, sales.LongCount(), dims.Count);

    /// <summary>An output co-transformer recording "tag: key sales dims labels" per key group.</summary>
    [OutputCoTransformer]
    public static void RecordBoth(IEnumerable<Sale> sales, IReadOnlyList<Dim> dims, string tag, string separator = "|")
    {
        var list = sales.ToList();
        var key = list.Count > 0 ? list[0].Key : dims.Count > 0 ? dims[0].Key : "?";
        Sink.Add(tag, key + separator + list.Count.ToString(CultureInfo.InvariantCulture) + separator + string.Join(",", dims.Select(d => d.Label).Order(StringComparer.Ordinal)));
    }
}

/// <summary>What output transformers recorded, by per-test tag (tests run in parallel).</summary>
public static class Sink
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Items = new(StringComparer.Ordinal);

    /// <summary>A fresh tag for one test.</summary>
    public static string NewTag() => Guid.NewGuid().ToString("N");

    /// <summary>Records an item under a tag.</summary>
    public static void Add(string tag, string item) => Items.GetOrAdd(tag, _ => new ConcurrentQueue<string>()).Enqueue(item);

    /// <summary>The items recorded under a tag, sorted (partitions may run in any order).</summary>
    public static IReadOnlyList<string> Take(string tag) =>
        Items.TryRemove(tag, out var items) ? items.Order(StringComparer.Ordinal).ToList() : [];
}

/// <summary>
/// A hand-written class transformer like Fugue's <c>MockTransformer</c>: it counts its OnInit calls and writes the
/// count seen at transform time, so the test sees that OnInit ran exactly once, before Transform, on the same instance.
/// </summary>
public sealed class InitCountingTransformer : ITransformer
{
    private int _inits;
    private int _physical = -1;

    /// <inheritdoc />
    public string Name => "Fugue.Engines.Tests.Transformers.InitCountingTransformer";

    /// <inheritdoc />
    public Schema GetOutputSchema(Schema input) => input + Schema.Parse("inits:int,physical_ok:bool");

    /// <inheritdoc />
    public void OnInit(PartitionCursor? cursor, LocalDataFrame df)
    {
        Interlocked.Increment(ref _inits);
        _physical = cursor?.PhysicalPartitionNo ?? -1;
    }

    /// <inheritdoc />
    public LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df)
    {
        var inits = Volatile.Read(ref _inits);
        var physicalOk = _physical == cursor.PhysicalPartitionNo;
        var rows = df.AsArray().Select(r => (IReadOnlyList<object?>)[.. r, inits, physicalOk]).ToList();
        return new ArrayDataFrame(rows, GetOutputSchema(df.Schema));
    }
}
