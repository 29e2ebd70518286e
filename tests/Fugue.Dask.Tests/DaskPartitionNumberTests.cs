using Fugue.Engines.Tests.Conformance;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// The cursor's PartitionNo of a keyed map is the native engine's: groups numbered from 1 in key order over the whole
// frame, whatever bucket of the shuffle a group landed in.
[Collection(DaskCollection.Name)]
public sealed class DaskPartitionNumberTests(DaskClusterFixture cluster)
{
    private static readonly Schema Output = Schema.Parse("k:str,j:long,no:int,n:long");

    [Fact]
    public void KeyedMapNumbersGroupsAsTheNativeEngine()
    {
        var rows = Enumerable.Range(0, 300)
            .Select(i => new object?[] { i % 7 == 0 ? null : "k" + (i % 13).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), (long)(i % 3), (long)i })
            .ToArray();
        var df = new ArrayDataFrame(rows, Schema.Parse("k:str,j:long,v:long"));
        var spec = new PartitionSpec(by: ["k", "j"], presort: "v desc");
        static LocalDataFrame Number(PartitionCursor c, LocalDataFrame p) =>
            new ArrayDataFrame([[c["k"], c["j"], c.PartitionNo, (long)p.AsArray().Count]], Output);

        using var native = new NativeExecutionEngine();
        var expected = native.Map(df, Number, Output, spec).AsArray().OrderBy(r => (int)r[2]!).ToList();
        Assert.Equal(Enumerable.Range(1, expected.Count), expected.Select(r => (int)r[2]!));

        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.DefaultPartitionsKey] = 5 });
        var actual = engine.Map(df, Number, Output, spec).AsArray().OrderBy(r => (int)r[2]!).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void KeyedTransformerNumbersGroupsAsTheNativeEngine()
    {
        var day = new DateTime(2024, 1, 1);
        var events = new ArrayDataFrame(
            Enumerable.Range(0, 60).Select(i => new object?[] { "e" + (i % 9).ToString(System.Globalization.CultureInfo.InvariantCulture), day.AddDays(i), (double)i }).ToArray(),
            Schema.Parse("key:str,ts:datetime,value:double"));
        var spec = PartitionSpec.By("key").WithPresort("ts desc");
        using var native = new NativeExecutionEngine();
        var expected = native.Transform(events, TestTransformers.Summarize, spec).AsArray().OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ToList();
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.DefaultPartitionsKey] = 4 });
        var actual = engine.Transform(events, TestTransformers.Summarize, spec).AsArray().OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}
