using System.Globalization;
using Fugue.Columnar;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Transformers;

namespace Fugue.Generators.Tests.EndToEnd;

/// <summary>Creators, processors, outputters and rules compiled into this test assembly (the generator runs on them).</summary>
public static class Extensions
{
    /// <summary>What the outputters saw (tests reset it).</summary>
    public static readonly List<string> Seen = new();

    private static readonly DateTime T0 = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);

    [Creator]
    public static IEnumerable<Sale> MakeSales(ExecutionEngine engine, int n = 2)
    {
        Seen.Add("engine " + engine.GetType().Name);
        for (var i = 0; i < n; i++)
        {
            yield return new Sale("r" + i.ToString(CultureInfo.InvariantCulture), i, i * 1.5, T0.AddDays(i));
        }
    }

    [Creator("a:int,b:str")]
    public static IEnumerable<object?[]> MakeArrays(int n) =>
        Enumerable.Range(0, n).Select(i => new object?[] { i, "v" + i.ToString(CultureInfo.InvariantCulture) });

    [Processor("Key:int,Sales:long,Dims:long", PartitionByHas = "Key", InputHas = "Key:int")]
    public static IEnumerable<Counts> CountJoin(IEnumerable<Sale> sales, DataFrame dims, long bonus = 0)
    {
        var dimCount = dims.Count();
        foreach (var group in sales.GroupBy(s => s.Key).OrderBy(g => g.Key))
        {
            yield return new Counts(group.Key, group.Count() + bonus, dimCount);
        }
    }

    [Processor]
    public static DataFrame Second(ExtensionContext context, DataFrames dfs)
    {
        Seen.Add("conf " + context.Conf.Count.ToString(CultureInfo.InvariantCulture));
        return dfs[1];
    }

    [Processor("n:long")]
    public static RecordBatch CountRows(RecordBatch batch) =>
        new(Fugue.Schemas.Schema.Parse("n:long"), [PrimitiveColumn<long>.FromArray([batch.Length])]);

    [Outputter(InputHas = "Region")]
    public static void Collect(ExecutionEngine engine, LocalDataFrame df, string label)
    {
        foreach (var row in df.AsArray())
        {
            Seen.Add(label + ":" + row[0]);
        }
    }

    [Transformer("*", PartitionByIs = "Region", PresortHas = "Ts desc")]
    public static IEnumerable<Sale> Ordered(IEnumerable<Sale> rows) => rows;
}
