using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Engines.Tests.Native;

public class NativeExecutionEngineExtraTests
{
    private static NativeExecutionEngine Engine(int parallelism) =>
        new(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = parallelism });

    private static DataFrame Df(string schema, params object?[][] rows) => new ArrayDataFrame(rows, Schema.Parse(schema));

    [Fact]
    public void Properties()
    {
        using var engine = new NativeExecutionEngine(new Dictionary<string, object?> { ["myconfig"] = "abc" });
        Assert.False(engine.IsDistributed);
        Assert.Equal("abc", engine.Conf.GetOrThrow<string>("myconfig"));
        Assert.Same(engine.Conf, engine.MapEngine.Conf);
        Assert.IsType<NativeMapEngine>(engine.MapEngine);
        Assert.IsType<SqliteEngine>(engine.SqlEngine);
        Assert.Same(engine.Conf, engine.SqlEngine.Conf);
        Assert.Same(engine, engine.SqlEngine.ExecutionEngine);
        Assert.Equal(Environment.ProcessorCount, engine.GetCurrentParallelism());
        using var three = Engine(3);
        Assert.Equal(3, three.GetCurrentParallelism());
        Assert.Throws<ArgumentOutOfRangeException>(() => Engine(0));
    }

    [Fact]
    public void MapIsLazyAndPersistRunsItOnce()
    {
        using var engine = Engine(2);
        var calls = 0;
        var df = Df("a:int,b:int", [1, 1], [2, 2], [1, 3]);
        var mapped = engine.Map(
            df,
            (c, p) =>
            {
                Interlocked.Increment(ref calls);
                return p;
            },
            df.Schema,
            PartitionSpec.By("a"));
        Assert.Equal(0, calls);
        Assert.Equal(3, mapped.AsArray().Count);
        Assert.Equal(2, calls);
        Assert.Equal(3, mapped.AsArray().Count);
        Assert.Equal(4, calls);

        var persisted = engine.Persist(mapped);
        Assert.Equal(6, calls);
        Assert.IsType<ColumnarDataFrame>(persisted);
        Assert.Equal(3, persisted.AsArray().Count);
        Assert.Equal(3, persisted.Count());
        Assert.Same(persisted, engine.Persist(mapped));
        Assert.Same(persisted, engine.Persist(persisted));
        Assert.Same(persisted, engine.Broadcast(mapped));
        Assert.Equal(6, calls);

        // Downstream operations read the persisted frame, not the map.
        DfAssert.Equal(engine.Join(persisted, Df("a:int,c:str", [1, "x"]), JoinType.Inner), "a:int,b:int,c:str", [1, 1, "x"], [1, 3, "x"]);
        Assert.Equal(6, calls);
    }

    [Fact]
    public void LazyPersistComputesAtFirstReadOnly()
    {
        using var engine = Engine(2);
        var calls = 0;
        var df = Df("a:int", [1], [2]);
        var mapped = engine.Map(df, (c, p) =>
        {
            Interlocked.Increment(ref calls);
            return p;
        }, df.Schema, PartitionSpec.By("a"));
        var persisted = engine.Persist(mapped, lazy: true);
        Assert.Equal(0, calls);
        DfAssert.Equal(persisted, "a:int", [1], [2]);
        Assert.Equal(2, calls);
        DfAssert.Equal(persisted, "a:int", [1], [2]);
        Assert.Equal(2, calls);
        Assert.Same(persisted, engine.Persist(mapped));
        Assert.Same(persisted, engine.Persist(persisted, lazy: true));
        Assert.Same(persisted, engine.Persist(persisted));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void OperationsAreLazyButValidateEagerly()
    {
        using var engine = Engine(1);
        var reads = 0;
        var source = IterableDataFrame.Replayable(
            () =>
            {
                reads++;
                return new[] { new object?[] { 1, 2 } };
            },
            Schema.Parse("a:int,b:int"));
        var joined = engine.Join(source, Df("a:int,c:int", [1, 3]), JoinType.Inner);
        var distinct = engine.Distinct(source);
        var taken = engine.Take(source, 1, "b");
        Assert.Equal(0, reads);
        Assert.Throws<FugueSchemaException>(() => engine.Join(source, Df("x:int"), JoinType.Inner));
        Assert.Throws<KeyNotFoundException>(() => engine.Map(source, (c, p) => p, source.Schema, PartitionSpec.By("zz")));
        Assert.Equal(0, reads);
        DfAssert.Equal(joined, "a:int,b:int,c:int", [1, 2, 3]);
        DfAssert.Equal(distinct, "a:int,b:int", [1, 2]);
        DfAssert.Equal(taken, "a:int,b:int", [1, 2]);
        Assert.Equal(3, reads);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OutputOrderDoesNotDependOnParallelism(bool keyed)
    {
        var random = new Random(42);
        var rows = Enumerable.Range(0, 2000).Select(i => new object?[] { random.Next(50) is var k && k == 0 ? null : (object)k, random.Next(1000), i }).ToArray();
        var df = Df("k:int,v:int,i:int", rows);
        var spec = keyed ? new PartitionSpec(by: ["k"], presort: "v desc") : PartitionSpec.Num(37);
        var output = Schema.Parse("k:int,v:int,i:int,p:int");
        LocalDataFrame Tag(PartitionCursor c, LocalDataFrame p)
        {
            // Uneven work so that threads finish out of order.
            Thread.SpinWait((c.PartitionNo % 7) * 1000);
            return new ArrayDataFrame(p.AsArray().Select(r => new object?[] { r[0], r[1], r[2], c.PartitionNo }), output);
        }

        List<string> Run(int parallelism)
        {
            using var engine = Engine(parallelism);
            return engine.Map(df, Tag, output, spec).AsArray().Select(r => DfAssert.Render(r)).ToList();
        }

        var one = Run(1);
        Assert.Equal(2000, one.Count);
        Assert.Equal(one, Run(4));
        Assert.Equal(one, Run(3));
    }

    [Fact]
    public void KeyedGroupsComeInKeyOrderWithNullsLast()
    {
        using var engine = Engine(4);
        var df = Df("k:str,v:int", ["b", 1], [null, 2], ["a", 3], ["b", 4], [null, 5]);
        var output = Schema.Parse("k:str,n:int,p:int");
        var o = engine.Map(
            df,
            (c, p) => new ArrayDataFrame([[c["k"], p.AsArray().Count, c.PartitionNo]], output),
            output,
            PartitionSpec.By("k"));
        DfAssert.EqualOrdered(o, "k:str,n:int,p:int", ["a", 1, 1], ["b", 2, 2], [null, 2, 3]);
    }

    [Fact]
    public void CancellationStopsTheMapAndLeavesNoOutput()
    {
        using var engine = Engine(2);
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var df = Df("a:int", Enumerable.Range(0, 1000).Select(i => new object?[] { i }).ToArray());
        var mapped = engine.Map(
            df,
            (c, p) =>
            {
                if (Interlocked.Increment(ref calls) == 10)
                {
                    cts.Cancel();
                }

                return p;
            },
            df.Schema,
            PartitionSpec.PerRow,
            cancellationToken: cts.Token);
        var read = new List<object?[]>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var row in mapped.AsArrayIterable())
            {
                read.Add(row);
            }
        });
        Assert.Empty(read);
        Assert.True(calls < 1000);
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Persist(mapped));
    }

    [Fact]
    public void CancelledTokenStopsJoinAndComap()
    {
        using var engine = Engine(2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var a = Df("a:int,b:int", [1, 2]);
        var b = Df("a:int,c:int", [1, 3]);
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Join(a, b, JoinType.Inner, cancellationToken: cts.Token).AsArray());
        var z = engine.Zip(new DataFrames(a, b));
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Comap(z, (c, d) => (LocalDataFrame)d[0], a.Schema, cancellationToken: cts.Token).AsArray());
        // The zip was not spoiled by the cancelled read.
        DfAssert.Equal(engine.Comap(z, (c, d) => (LocalDataFrame)d[0], a.Schema), "a:int,b:int", [1, 2]);
    }

    [Fact]
    public void MapFailureIsRethrownUnwrapped()
    {
        using var engine = Engine(4);
        var df = Df("a:int", Enumerable.Range(0, 20).Select(i => new object?[] { i }).ToArray());
        var mapped = engine.Map(df, (c, p) => c.PartitionNo == 5 ? throw new FormatException("boom") : p, df.Schema, PartitionSpec.PerRow);
        var ex = Assert.Throws<FormatException>(() => mapped.AsArray());
        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public void SinglePassStreamsAreCachedSoTheyCanBeUsedTwice()
    {
        using var engine = Engine(2);
        var stream = DataFrame.FromStream([[1, 2], [3, 4]], Schema.Parse("a:int,b:int"));
        var local = engine.ToDf(stream);
        Assert.True(local.IsBounded);
        DfAssert.Equal(engine.Distinct(stream), "a:int,b:int", [1, 2], [3, 4]);
        DfAssert.Equal(engine.Union(stream, stream, distinct: false), "a:int,b:int", [1, 2], [3, 4], [1, 2], [3, 4]);
    }

    [Fact]
    public void SelectRunsOnTheDefaultSqliteEngine()
    {
        using var engine = Engine(2);
        var x = Df("a:long,b:long", [0, 1], [1, 2]);
        var y = Df("a:long,c:long", [1, 1], [2, 2]);
        var r = engine.Select(DataFrames.Of(("x", x), ("y", y)), "SELECT x.*, c FROM x INNER JOIN y ON x.a = y.a");
        DfAssert.Equal(r, "a:long,b:long,c:long", [1, 2, 1]);
    }

    [Fact]
    public void RowWiseOperationsStreamBatchByBatch()
    {
        using var engine = Engine(2);
        var schema = Schema.Parse("a:int,b:double");
        var produced = 0;
        IEnumerable<RecordBatch> Batches()
        {
            for (var i = 0; i < 100; i++)
            {
                produced++;
                var b = new RecordBatchBuilder(schema);
                b.AppendRow([i, i % 2 == 0 ? null : (object)1.5]);
                yield return b.Build();
            }
        }

        var stream = IterableDataFrame.Replayable(Batches, schema);
        Assert.Equal(3, engine.Take(stream, 3).AsArray().Count);
        Assert.Equal(3, produced);

        produced = 0;
        var dropped = engine.DropNa(stream);
        using (var e = dropped.AsBatches().GetEnumerator())
        {
            Assert.True(e.MoveNext());
            Assert.True(produced <= 2);
        }

        Assert.Equal(50, dropped.AsArray().Count);
        var filled = engine.FillNa(stream, 0).AsArray();
        Assert.Equal(100, filled.Count);
        Assert.All(filled, r => Assert.NotNull(r[1]));
    }

    [Fact]
    public void ToDfBringsAnotherEnginesFrameLocal()
    {
        using var engine = Engine(2);
        var remote = new RemoteDataFrame(new ArrayDataFrame([[1, "x"], [2, null]], Schema.Parse("a:int,b:str")));
        var local = engine.ToDf(remote);
        Assert.True(local.IsLocal);
        Assert.Equal(1, remote.Collects);
        DfAssert.Equal(local, "a:int,b:str", [1, "x"], [2, null]);
        DfAssert.Equal(engine.Join(remote, Df("a:int,c:int", [2, 9]), JoinType.Inner), "a:int,b:str,c:int", [2, null, 9]);
        Assert.Same(engine.Persist(remote), engine.Persist(remote));
    }

    [Fact]
    public void OnInitRunsOnceWithTheWholeInputBeforeAnyCall()
    {
        using var engine = Engine(4);
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var df = Df("a:int", [1], [2], [3], [1]);
        var mapped = engine.Map(
            df,
            (c, p) =>
            {
                events.Enqueue("map");
                return p;
            },
            df.Schema,
            PartitionSpec.By("a"),
            (no, whole) => events.Enqueue($"init {no} {whole.AsArray().Count}"));
        Assert.Equal(4, mapped.AsArray().Count);
        Assert.Equal(["init 0 4", "map", "map", "map"], events);
    }

    [Fact]
    public void EmptyMapResultOfAnySchemaIsAccepted()
    {
        using var engine = Engine(2);
        var df = Df("a:int", [1], [2]);
        var o = engine.Map(df, (c, p) => new EmptyDataFrame(Schema.Parse("x:str")), Schema.Parse("b:int"), PartitionSpec.By("a"));
        DfAssert.Equal(o, "b:int");
    }

    [Fact]
    public void PerRowAndNumChunksFollowArraySplit()
    {
        using var engine = Engine(2);
        var df = Df("a:int", [1], [2], [3]);
        var output = Schema.Parse("a:int,n:long");
        LocalDataFrame WithSize(PartitionCursor c, LocalDataFrame p)
        {
            var data = p.AsArray();
            return new ArrayDataFrame(data.Select(r => new object?[] { r[0], (long)data.Count }), output);
        }

        DfAssert.Equal(engine.Map(df, WithSize, output, PartitionSpec.PerRow), "a:int,n:long", [1, 1], [2, 1], [3, 1]);
        DfAssert.Equal(engine.Map(df, WithSize, output, PartitionSpec.Num(2)), "a:int,n:long", [1, 2], [2, 2], [3, 1]);
    }

    [Fact]
    public void SampleIsExact()
    {
        using var engine = Engine(2);
        var a = Df("a:int", Enumerable.Range(0, 100).Select(i => new object?[] { i }).ToArray());
        Assert.Equal(80, engine.Sample(a, frac: 0.8, seed: 3).AsArray().Count);
        Assert.Equal(90, engine.Sample(a, n: 90, seed: 3).AsArray().Count);
        Assert.Equal(150, engine.Sample(a, n: 150, replace: true, seed: 3).AsArray().Count);
        Assert.ThrowsAny<ArgumentException>(() => engine.Sample(a, n: 101).AsArray());
    }

    [Fact]
    public void RepartitionIsANoOp()
    {
        using var engine = Engine(2);
        var df = Df("a:int", [1]);
        Assert.Same(df, engine.Repartition(df, PartitionSpec.Num(4)));
        Assert.Same(df, engine.ToDf(df));
    }

    [Fact]
    public void ZippedFrameShowsItsKeysAndMetadata()
    {
        using var engine = Engine(2);
        var z = engine.Zip(new DataFrames(Df("a:int,b:int", [1, 2], [3, 4], [1, 5]), Df("c:int,a:int", [6, 1], [2, 7])), JoinType.FullOuter);
        var zipped = Assert.IsType<ZippedDataFrame>(z);
        Assert.Equal(true, z.Metadata["serialized"]);
        Assert.Equal("full_outer", z.Metadata["serialized_join_how"]);
        Assert.Equal(false, z.Metadata["serialized_has_name"]);
        Assert.Equal(["a"], zipped.Keys);
        DfAssert.EqualOrdered(z, "a:int", [1], [3], [7]);
        Assert.Equal(3, z.Count());
    }

    [Fact]
    public void ComapEmptyFirstFrameGivesKeysAndNulls()
    {
        using var engine = Engine(1);
        var a = Df("x:str,a:int,b:int", ["p", 1, 2]);
        var b = Df("a:int,c:int", [1, 3], [9, 4]);
        var z = engine.Zip(new DataFrames(a, b), JoinType.RightOuter);
        var output = Schema.Parse("x:str,a:int,b:int");
        var r = engine.Comap(z, (c, d) => new ArrayDataFrame([c.Row.ToArray()], output), output);
        DfAssert.EqualOrdered(r, "x:str,a:int,b:int", ["p", 1, 2], [null, 9, null]);
    }
}
