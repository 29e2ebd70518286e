using System.Globalization;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Api;

/// <summary>A count per key (the processor's output row).</summary>
public sealed record KeyCount([Column("key")] string Key, [Column("n")] long N);

/// <summary>Creators, processors, outputters and rule-carrying transformers the API tests run (the generator runs on them).</summary>
public static class ApiExtensions
{
    [Creator]
    public static IEnumerable<Event> MakeEvents(ExecutionEngine engine, int n = 2)
    {
        ArgumentNullException.ThrowIfNull(engine);
        for (var i = 0; i < n; i++)
        {
            yield return new Event(i % 2 == 0 ? "even" : "odd", new DateTime(2020, 1, 1).AddDays(i), i);
        }
    }

    [Processor(PartitionByHas = "key", InputHas = "key:str")]
    public static IEnumerable<KeyCount> CountPerKey(IEnumerable<Event> events, long bonus = 0) =>
        events.GroupBy(e => e.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new KeyCount(g.Key, g.LongCount() + bonus));

    [Processor]
    public static DataFrame Second(DataFrames dfs) => dfs[1];

    [Outputter(InputHas = "key")]
    public static void Record(LocalDataFrame df, string dir)
    {
        foreach (var row in df.AsArray())
        {
            Sink.Add(dir, string.Create(CultureInfo.InvariantCulture, $"{row[0]}"));
        }
    }

    [Transformer("*", PartitionByIs = "key", PresortHas = "ts desc")]
    public static IEnumerable<Event> Ordered(IEnumerable<Event> rows) => rows;

    [Transformer("*", InputHas = "value:double")]
    public static IEnumerable<Event> NeedsValue(IEnumerable<Event> rows) => rows;

    [OutputTransformer(InputHas = "missing")]
    public static void NeedsMissing(IEnumerable<Event> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
    }
}
