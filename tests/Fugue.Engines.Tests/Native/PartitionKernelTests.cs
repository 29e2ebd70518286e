using Fugue.Columnar;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Engines.Tests.Native;

/// <summary>The map/zip partitioning kernels against the reference full sort (<see cref="RowSorter"/>).</summary>
public class PartitionKernelTests
{
    private const string RandomSchema = "k:int,f:double,t:datetime,s:str,l:long,b:bool,u:ubyte";

    /// <summary>Random rows with few distinct values (many ties), nulls everywhere and NaN in the float column.</summary>
    private static RecordBatch RandomBatch(int seed, int rows)
    {
        var rng = new Random(seed);
        var b = new RecordBatchBuilder(Schema.Parse(RandomSchema));
        object? Maybe(object v) => rng.Next(8) == 0 ? null : v;
        for (var i = 0; i < rows; i++)
        {
            var f = rng.Next(10) switch
            {
                0 => double.NaN,
                1 => -0.0,
                2 => 0.0,
                _ => rng.Next(-3, 4) * 0.5,
            };
            b.AppendRow([
                Maybe(rng.Next(-2, 5)),
                Maybe(f),
                Maybe(new DateTime(2024, 1, 1).AddSeconds(rng.Next(5))),
                Maybe(new string((char)('a' + rng.Next(3)), rng.Next(3))),
                Maybe((long)rng.Next(-1000, 1000) * 1_000_000_000_000L),
                Maybe(rng.Next(2) == 0),
                Maybe((byte)rng.Next(3)),
            ]);
        }

        return b.Build();
    }

    private static RecordBatch[] Split(RecordBatch batch, params int[] cuts)
    {
        var parts = new List<RecordBatch>();
        var start = 0;
        foreach (var c in cuts.Append(batch.Length))
        {
            parts.Add(batch.Slice(start, c - start));
            start = c;
        }

        return [.. parts];
    }

    private static List<object?[]> Rows(RecordBatch batch) => new ColumnarDataFrame(batch).AsArray();

    [Theory]
    [InlineData(0, new[] { 1 }, true, false)]
    [InlineData(1, new[] { 2, 0 }, false, false)]
    [InlineData(2, new[] { 4, 3 }, true, true)]
    [InlineData(3, new[] { 3 }, false, true)]
    [InlineData(4, new[] { 6, 2, 5 }, true, false)]
    [InlineData(5, new[] { 5, 1 }, false, false)]
    [InlineData(6, new[] { 0 }, true, false)]
    public void SegmentSortMatchesTheStableFullSort(int seed, int[] columns, bool ascending, bool nullsFirst)
    {
        var batch = RandomBatch(seed, 700);
        var keys = columns.Select((c, i) => new SortKey(c, i == 0 ? ascending : !ascending, nullsFirst)).ToArray();
        var perm = KeyGroups.Identity(batch.Length);
        SegmentSorter.Sort(batch, perm, [0, 300, 300, 301, batch.Length], keys, parallelism: 2);

        var expected = RowSorter.Sort(batch.Slice(0, 300), keys)
            .Concat([300])
            .Concat(RowSorter.Sort(batch.Slice(301, batch.Length - 301), keys).Select(r => r + 301));
        Assert.Equal(expected, perm);
    }

    [Fact]
    public void RadixSortIsStable()
    {
        var rng = new Random(7);
        foreach (var n in new[] { 0, 1, 5, 31, 33, 1000 })
        {
            AssertSortsStably(Enumerable.Range(0, n).Select(_ => (ulong)rng.Next(20) << (8 * rng.Next(8))).ToArray());
        }
    }

    /// <summary>Radix-sorts <paramref name="words"/> with their row numbers and compares with a stable LINQ sort.</summary>
    private static void AssertSortsStably(ulong[] words)
    {
        var n = words.Length;
        var rows = Enumerable.Range(0, n).ToArray();
        var expected = rows.OrderBy(r => words[r]).ToArray();
        var w = words.ToArray();
        RadixSort.Sort(w, rows, new ulong[n], new int[n]);
        Assert.Equal(expected, rows);
        Assert.Equal(expected.Select(r => words[r]), w);
    }

    [Fact]
    public void RadixSortIsStableForLongInputsAndSkewedWords()
    {
        var rng = new Random(3);
        foreach (var n in new[] { 100, 1000, 5000, 20000 })
        {
            foreach (var skew in new[] { false, true })
            {
                // Skewed: most words small, a few huge ones, so the top digit puts nearly everything in one bucket.
                AssertSortsStably(Enumerable.Range(0, n)
                    .Select(_ => skew && rng.Next(50) != 0 ? (ulong)rng.Next(1000) : ((ulong)(uint)rng.Next() << 20) | (uint)rng.Next(4))
                    .ToArray());
            }
        }
    }

    [Theory]
    [InlineData("k:int")]
    [InlineData("k:ubyte")]
    [InlineData("k:long")]
    [InlineData("k:short")]
    [InlineData("k:date")]
    public void LayoutByADenseKeyWithoutNullsEqualsSortingTheConcatenation(string keyField)
    {
        // No nulls anywhere: the dense counting path groups, and fixed-width presort columns are scattered once.
        var rng = new Random(21);
        var schema = Schema.Parse(keyField + ",t:datetime,id:long,s:str,a:double");
        var b = new RecordBatchBuilder(schema);
        for (var i = 0; i < 3000; i++)
        {
            var k = rng.Next(0, 40);
            object key = schema[0].Type.Kind switch
            {
                TypeKind.UInt8 => (byte)k,
                TypeKind.Int64 => (long)k - 20,
                TypeKind.Int16 => (short)(k - 20),
                TypeKind.Date => new DateOnly(2024, 1, 1).AddDays(k),
                _ => k - 20,
            };
            b.AppendRow([key, new DateTime(2024, 1, 1).AddSeconds(rng.Next(50)), (long)rng.Next(100), new string('x', rng.Next(4)), rng.Next(-5, 5) * 0.5]);
        }

        var batch = b.Build();
        foreach (var cuts in new[] { Array.Empty<int>(), [700, 701, 2100] })
        {
            var parts = Split(batch, cuts);
            SortKey[] presort = [new(1, true, false), new(2, false, false)];
            var layout = GroupedLayout.Build(parts, [0], presort, parallelism: 2, CancellationToken.None);
            var laid = layout.Gather(batch.Schema, CancellationToken.None);
            var order = RowSorter.Sort(batch, [new SortKey(0, true, false), .. presort]);
            Assert.Equal(Rows(ColumnKernels.Take(batch, order)), Rows(laid));

            var keysOnly = GroupedLayout.Build(parts, [0], [], parallelism: 2, CancellationToken.None);
            var byKey = RowSorter.Sort(batch, [new SortKey(0, true, false)]);
            Assert.Equal(Rows(ColumnKernels.Take(batch, byKey)), Rows(keysOnly.Gather(batch.Schema, CancellationToken.None)));
            Assert.Equal(40, keysOnly.GroupCount);
        }
    }

    [Theory]
    [InlineData("k")]
    [InlineData("l")]
    [InlineData("f")]
    [InlineData("s")]
    [InlineData("k,s")]
    [InlineData("u")]
    public void GroupsComeInKeyOrderWithNullsLastAndRowsInInputOrder(string keyNames)
    {
        var batch = RandomBatch(11, 500);
        var keys = keyNames.Split(',').Select(batch.Schema.IndexOf).ToArray();
        var parts = Split(batch, 100, 100, 333);
        var grouped = KeyGroups.Group(parts, parts.Select(_ => keys).ToArray());

        // Reference: a stable sort by the keys, cut where the keys change.
        var sortKeys = keys.Select(k => new SortKey(k, true, false)).ToArray();
        var order = RowSorter.Sort(batch, sortKeys);
        var rowKeys = new RowKeys(batch, keys);
        var expectedGroups = new List<List<int>>();
        foreach (var r in order)
        {
            if (expectedGroups.Count == 0 || !rowKeys.Equal(expectedGroups[^1][0], rowKeys, r))
            {
                expectedGroups.Add([]);
            }

            expectedGroups[^1].Add(r);
        }

        Assert.Equal(expectedGroups.Count, grouped.GroupCount);
        var offsets = new[] { 0, 100, 100, 333 };
        for (var g = 0; g < grouped.GroupCount; g++)
        {
            var actual = new List<int>();
            for (var f = 0; f < parts.Length; f++)
            {
                for (var j = grouped.Starts[f][g]; j < grouped.Starts[f][g + 1]; j++)
                {
                    actual.Add(offsets[f] + grouped.Perm[f][j]);
                }
            }

            Assert.Equal(expectedGroups[g], actual);
            Assert.True(rowKeys.Equal(offsets[grouped.RepFrame[g]] + grouped.RepRow[g], rowKeys, expectedGroups[g][0]));
        }
    }

    [Fact]
    public void LayoutOfBatchesEqualsSortingTheConcatenation()
    {
        var batch = RandomBatch(5, 600);
        var parts = Split(batch, 250, 250, 599);
        var keys = new[] { 0 };
        SortKey[] presort = [new(2, false, false), new(3, true, false), new(1, true, false)];
        var layout = GroupedLayout.Build(parts, keys, presort, parallelism: 2, CancellationToken.None);
        var laid = layout.Gather(batch.Schema, CancellationToken.None);

        var order = RowSorter.Sort(batch, [new SortKey(0, true, false), .. presort]);
        Assert.Equal(Rows(ColumnKernels.Take(batch, order)), Rows(laid));
        Assert.Equal(layout.GroupCount + 1, layout.Starts.Length);
        Assert.Equal(batch.Length, layout.Starts[^1]);
    }

    [Fact]
    public void LayoutWithoutPresortKeepsInputOrderInsideGroups()
    {
        var batch = RandomBatch(9, 300);
        var layout = GroupedLayout.Build(Split(batch, 120), [6], [], parallelism: 1, CancellationToken.None);
        var order = RowSorter.Sort(batch, [new SortKey(6, true, false)]);
        Assert.Equal(Rows(ColumnKernels.Take(batch, order)), Rows(layout.Gather(batch.Schema, CancellationToken.None)));
    }

    [Fact]
    public void CoalescingJoinsAdjacentSlicesWithoutCopyingAndCopiesTheRest()
    {
        var batch = RandomBatch(3, 100);
        var extra = PrimitiveColumn<long>.FromArray(Enumerable.Range(0, 100).Select(i => (long)i).ToArray());
        var schema = batch.Schema + "x:long";
        var pieces = new List<RecordBatch>();
        foreach (var (s, l) in new[] { (0, 10), (10, 40), (50, 50) })
        {
            var slice = batch.Slice(s, l);
            pieces.Add(new RecordBatch(schema, [.. slice.Columns, PrimitiveColumn<long>.FromArray(extra.Values.Slice(s, l).ToArray())], l));
        }

        var joined = BatchCoalescer.Coalesce(schema, pieces, 1000, parallelism: 2);
        var single = Assert.Single(joined);
        Assert.Equal(100, single.Length);
        Assert.Equal(Rows(new RecordBatch(schema, [.. batch.Columns, extra], 100)), Rows(single));

        // The string column shares the source's buffers (a zero-copy join of the slices).
        Assert.True(((StringColumn)single.Column("s")).DataBuffer.Memory.Equals(((StringColumn)batch.Column("s")).DataBuffer.Memory));
    }

    [Fact]
    public void BatchListAddressesRowsAcrossBatches()
    {
        var batch = RandomBatch(2, 50);
        var list = new BatchList(batch.Schema, Split(batch, 0, 10, 10, 49));
        Assert.Equal(50, list.Length);
        Assert.Equal(Rows(batch)[49], list.Row(49));
        Assert.Equal(Rows(batch)[10], list.Row(10));
        Assert.Equal(Rows(ColumnKernels.Take(batch, [49, 0, 10, 9, 11])), Rows(list.Take([49, 0, 10, 9, 11])));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Row(50));
    }

    [Fact]
    public void ZipAndMapOverSeveralBatchesMatchOneBatch()
    {
        var engine = new NativeExecutionEngine(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = 2 });
        var fact = RandomBatch(21, 400);
        var dim = RandomBatch(22, 30);
        DataFrame Multi(RecordBatch b) => new ColumnarDataFrame(b.Schema, Split(b, b.Length / 3, b.Length / 2));
        LocalDataFrame Describe(PartitionCursor c, DataFrames dfs) => new ArrayDataFrame(
            [[c["k"], string.Join(";", dfs.Select(f => string.Join("|", f.AsArray().Select(r => string.Join("/", r)))))]],
            Schema.Parse("k:int,v:str"));
        var spec = new PartitionSpec(by: ["k"], presort: "t desc,s");
        var one = engine.Comap(engine.Zip(new DataFrames(new ColumnarDataFrame(fact), new ColumnarDataFrame(dim)), JoinType.FullOuter, spec), Describe, Schema.Parse("k:int,v:str"));
        var many = engine.Comap(engine.Zip(new DataFrames(Multi(fact), Multi(dim)), JoinType.FullOuter, spec), Describe, Schema.Parse("k:int,v:str"));
        var expected = one.AsArray();
        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, many.AsArray());

        var mapOne = engine.Map(new ColumnarDataFrame(fact), (c, p) => p, fact.Schema, spec).AsArray();
        var mapMany = engine.Map(Multi(fact), (c, p) => p, fact.Schema, spec).AsArray();
        Assert.Equal(mapOne, mapMany);
        Assert.Equal(Rows(ColumnKernels.Take(fact, RowSorter.Sort(fact, [new SortKey(0, true, false), new SortKey(2, false, false), new SortKey(3, true, false)]))), mapMany);
    }
}
