using System.Globalization;
using Fugue.Columnar;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Native;

/// <summary>
/// The integer-key join fast path (chunked parallel probe, typed gathers) against the generic hash join, which the
/// same data takes when its key is a string: every join type must give the same rows.
/// </summary>
public class IntegerKeyJoinTests
{
    private static readonly NativeExecutionEngine Engine = new();

    private static ColumnarDataFrame Frame(string schema, IEnumerable<object?[]> rows, int batchRows)
    {
        var s = Schema.Parse(schema);
        var batches = new List<RecordBatch>();
        var builder = new RecordBatchBuilder(s);
        foreach (var r in rows)
        {
            builder.AppendRow(r);
            if (builder.Length == batchRows)
            {
                batches.Add(builder.Build());
            }
        }

        if (builder.Length > 0)
        {
            batches.Add(builder.Build());
        }

        return new ColumnarDataFrame(s, batches);
    }

    private static object? AsString(object? key) => key is null ? null : Convert.ToString(key, CultureInfo.InvariantCulture);

    /// <summary>A big probe frame (two chunks, two batches) and a small build frame with duplicate, null and unmatched keys.</summary>
    private static (List<object?[]> Big, List<object?[]> Small) Data(long scale)
    {
        var big = new List<object?[]>();
        for (var i = 0; i < 140_000; i++)
        {
            object? key = i % 97 == 0 ? null : i % 1500 * scale;
            big.Add([key, (long)i]);
        }

        var small = new List<object?[]>();
        for (var k = 0; k < 1000; k++)
        {
            small.Add([k * scale, "w" + k.ToString(CultureInfo.InvariantCulture)]);
        }

        for (var k = 0; k < 100; k += 3)
        {
            small.Add([k * scale, "dup" + k.ToString(CultureInfo.InvariantCulture)]);
        }

        small.Add([null, "nullkey"]);
        for (var k = 2000; k < 2010; k++)
        {
            small.Add([k * scale, "only" + k.ToString(CultureInfo.InvariantCulture)]);
        }

        return (big, small);
    }

    private static List<string> Canonical(DataFrame df, bool keyToString)
    {
        var rows = new List<string>();
        foreach (var r in df.AsArray())
        {
            var values = r.Select((v, i) => i == 0 && keyToString ? AsString(v) : v);
            rows.Add(string.Join("|", values.Select(v => v is null ? "<null>" : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Theory]
    [InlineData(1L, false)]
    [InlineData(1_000_003L, true)]
    public void EveryJoinTypeMatchesTheGenericJoin(long scale, bool smallOnLeft)
    {
        var (big, small) = Data(scale);
        var bigInt = Frame("k:long,a:long", big, 100_000);
        var smallInt = Frame("k:long,w:str", small, 700);
        var bigStr = Frame("k:str,a:long", big.Select(r => new[] { AsString(r[0]), r[1] }), 100_000);
        var smallStr = Frame("k:str,w:str", small.Select(r => new[] { AsString(r[0]), r[1] }), 700);
        foreach (var how in new[] { JoinType.Inner, JoinType.LeftOuter, JoinType.RightOuter, JoinType.FullOuter, JoinType.LeftSemi, JoinType.LeftAnti })
        {
            var fast = smallOnLeft ? Engine.Join(smallInt, bigInt, how, ["k"]) : Engine.Join(bigInt, smallInt, how, ["k"]);
            var generic = smallOnLeft ? Engine.Join(smallStr, bigStr, how, ["k"]) : Engine.Join(bigStr, smallStr, how, ["k"]);
            var expected = Canonical(generic, keyToString: false);
            var actual = Canonical(fast, keyToString: true);
            Assert.True(expected.Count == actual.Count, $"{how}: {actual.Count} rows, expected {expected.Count}");
            Assert.True(expected.SequenceEqual(actual), $"{how}: rows differ from the generic join");
        }
    }

    [Fact]
    public void OutputOrderIsProbeOrderThenUnmatchedBuildRows()
    {
        var left = Frame("k:int,a:int", [[3, 0], [1, 1], [null, 2], [3, 3], [7, 4], [1, 5], [2, 6]], 3);
        var right = Frame("k:int,b:str", [[1, "x"], [3, "y"], [9, "z"], [3, "y2"]], 10);
        var rows = Engine.Join(left, right, JoinType.FullOuter, ["k"]).AsArray();
        Assert.Equal(
            new object?[][]
            {
                [3, 0, "y"], [3, 0, "y2"], [1, 1, "x"], [null, 2, null], [3, 3, "y"], [3, 3, "y2"], [7, 4, null], [1, 5, "x"],
                [2, 6, null], [9, null, "z"],
            },
            rows);
    }

    [Fact]
    public void DifferentIntegerKeyTypesJoinOnTheLeftType()
    {
        var left = Frame("k:short,a:int", [[(short)1, 10], [(short)2, 20], [null, 30]], 10);
        var right = Frame("k:long,b:double", [[2L, 0.5], [1L, 1.5], [5L, 2.5], [null, 3.5]], 10);
        var joined = Engine.Join(left, right, JoinType.RightOuter, ["k"]);
        Assert.Equal(Schema.Parse("k:short,a:int,b:double"), joined.Schema);
        var rows = joined.AsArray().OrderBy(r => r[2]).ToList();
        Assert.Equal(new object?[][] { [(short)2, 20, 0.5], [(short)1, 10, 1.5], [(short)5, null, 2.5], [null, null, 3.5] }, rows);
    }
}
