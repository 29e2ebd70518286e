using System.Collections.Concurrent;
using Fugue.Api;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Microsoft.Extensions.Logging;

namespace Fugue.Engines.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ProgressLoggingCancellationTests : IDisposable
{
    private const string Secret = "SECRET-VALUE-42";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fugue-progress-" + Guid.NewGuid().ToString("N"));

    private static DataFrame Events => new ArrayDataFrame(
        [
            ["a", new DateTime(2020, 1, 2), 1.0],
            [Secret, new DateTime(2020, 1, 1), 2.0],
            ["a", new DateTime(2020, 1, 1), 3.0],
            ["c", new DateTime(2020, 1, 3), 4.0],
            ["d", new DateTime(2020, 1, 4), 5.0],
            ["c", new DateTime(2020, 1, 5), 6.0],
        ],
        Schema.Parse("key:str,ts:datetime,value:double"));

    private static NativeExecutionEngine Engine(int parallelism) => new(new Dictionary<string, object?> { [NativeExecutionEngine.ParallelismKey] = parallelism });

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Progress_CountsKeyGroupsAndRows(int parallelism)
    {
        using var engine = Engine(parallelism);
        var progress = new ProgressLog<FugueProgress>();
        engine.Progress = progress;
        var r = engine.Transform(Events, TestTransformers.RankWithinKey, PartitionSpec.By("key").WithPresort("ts"));
        Assert.Empty(progress.Reports); // lazy: nothing ran yet
        Assert.Equal(6, r.AsArray().Count);

        var reports = progress.Reports;
        Assert.Equal(5, reports.Count); // the start, then one per key group (a, c, d and the secret key)
        Assert.All(reports, p => Assert.Equal("transform Fugue.Engines.Tests.Conformance.TestTransformers.RankWithinKey", p.Operation));
        Assert.All(reports, p => Assert.Equal(6, p.RowsTotal));
        Assert.Equal(new FugueProgress(reports[0].Operation, 0, null, 0, 6), reports[0]);
        Assert.Equal([0L, 1, 2, 3, 4], reports.Select(p => p.PartitionsDone));
        Assert.True(reports.Select(p => p.RowsDone).SequenceEqual(reports.Select(p => p.RowsDone).Order()));
        var last = reports[^1];
        Assert.Equal(6, last.RowsDone);
        Assert.Equal(4, last.PartitionsTotal); // known once every row is done
        Assert.True(last.IsCompleted);
        Assert.Equal(1.0, last.Fraction);
        Assert.Single(reports, p => p.IsCompleted);

        // A second read is a second run, counted from zero.
        _ = r.AsArray();
        Assert.Equal(10, progress.Reports.Count);
        Assert.Equal(0, progress.Reports[5].PartitionsDone);
    }

    [Fact]
    public void Progress_KnowsTheTotalWithoutKeys()
    {
        using var engine = Engine(2);
        var progress = new ProgressLog<FugueProgress>();
        engine.Progress = progress;
        _ = engine.Map(Events, (cursor, part) => part, Events.Schema, PartitionSpec.PerRow).AsArray();
        Assert.All(progress.Reports, p => Assert.Equal(6, p.PartitionsTotal));
        Assert.All(progress.Reports, p => Assert.Equal("map", p.Operation));
        Assert.Equal(7, progress.Reports.Count);
        Assert.Equal(new FugueProgress("map", 6, 6, 6, 6), progress.Reports.MaxBy(p => p.PartitionsDone));

        progress = new ProgressLog<FugueProgress>();
        engine.Progress = progress;
        _ = FugueApi.Transform(Events, TestTransformers.RankWithinKey, engine: engine).AsArray();
        Assert.Equal([new FugueProgress(progress.Reports[0].Operation, 0, 1, 0, 6), new FugueProgress(progress.Reports[0].Operation, 1, 1, 6, 6)], progress.Reports);

        progress = new ProgressLog<FugueProgress>();
        engine.Progress = progress;
        _ = engine.Map(new ArrayDataFrame([], Events.Schema), (cursor, part) => part, Events.Schema).AsArray();
        var empty = Assert.Single(progress.Reports);
        Assert.True(empty.IsCompleted);
        Assert.Equal(0, empty.PartitionsTotal);
    }

    [Fact]
    public void Progress_CountsCoTransformGroups()
    {
        using var engine = Engine(2);
        var progress = new ProgressLog<FugueProgress>();
        var logger = new TestLogger();
        engine.Progress = progress;
        engine.Logger = logger;
        var sales = new ArrayDataFrame([["a", 1.0], ["a", 2.0], ["b", 3.0]], Schema.Parse("key:str,amount:double"));
        var dims = new ArrayDataFrame([["a", "A"], ["b", "B"], ["b", "B2"], ["c", "C"]], Schema.Parse("key:str,label:str"));
        var zipped = engine.Zip(new DataFrames(sales, dims), JoinType.FullOuter);
        DfAssert.Equal(engine.CoTransform(zipped, TestTransformers.CountBoth), "key:str,sales:long,dims:long", ["a", 2L, 1L], ["b", 1L, 2L], ["c", 0L, 1L]);
        var reports = progress.Reports;
        Assert.Equal(4, reports.Count);
        Assert.All(reports, p => Assert.Equal("cotransform Fugue.Engines.Tests.Conformance.TestTransformers.CountBoth", p.Operation));
        Assert.Equal([0L, 1, 2, 3], reports.Select(p => p.PartitionsDone));
        Assert.Equal(7, reports[^1].RowsDone);
        Assert.Null(reports[^1].RowsTotal);
        Assert.Contains(logger.Messages, m => m.Contains("CountBoth: planned on NativeExecutionEngine", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_IsSilentWithoutListeners()
    {
        using var engine = Engine(1);
        var calls = 0;
        MapFunc f = (cursor, part) =>
        {
            calls++;
            return part;
        };
        Assert.Equal(6, engine.Map(Events, f, Events.Schema, PartitionSpec.PerRow).AsArray().Count);
        Assert.Equal(6, calls);
        Assert.Null(engine.Progress);
    }

    [Fact]
    public void Logging_ReportsOperationsAndCountsButNeverData()
    {
        using var engine = Engine(2);
        var logger = new TestLogger();
        engine.Logger = logger;
        var path = Path.Combine(_dir, "ranked.parquet");
        engine.Load(WriteEvents())
            .Transform(TestTransformers.RankWithinKey, partition: PartitionSpec.By("key").WithPresort("ts"))
            .Save(path);

        var messages = logger.Messages;
        Assert.Contains(messages, m => m.StartsWith("load: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("RankWithinKey: planned on NativeExecutionEngine", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("RankWithinKey: started with 6 input rows", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("RankWithinKey: completed 4 partitions, 6 rows in", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("save: " + path + " ((by suffix), mode Overwrite) written in", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information);
        Assert.DoesNotContain(messages, m => m.Contains(Secret, StringComparison.Ordinal));

        // A failure logs its exception type, never its message (which may quote data) nor the exception object.
        var failing = new TestLogger();
        engine.Logger = failing;
        var e = Assert.Throws<InvalidOperationException>(() =>
            FugueApi.Transform(Events, TestTransformers.FailOn, PartitionSpec.By("key"), new Dictionary<string, object?> { ["bad"] = Secret }, engine: engine).AsArray());
        Assert.Contains(Secret, e.Message, StringComparison.Ordinal);
        Assert.Contains(failing.Messages, m => m.Contains("a partition failed with System.InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(failing.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
        Assert.All(failing.Entries, entry => Assert.Null(entry.Exception));

        var eager = new TestLogger();
        engine.Logger = eager;
        Assert.Throws<ArgumentException>(() => FugueApi.Sample(Events, n: 1, frac: 0.1, engine: engine));
        Assert.Contains(eager.Messages, m => m == "sample failed with System.ArgumentException");
    }

    [Fact]
    public void Cancellation_MidMap_StopsPromptlyWithNoPartialOutput()
    {
        using var engine = Engine(1);
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var result = engine.Map(
            Events,
            (cursor, part) =>
            {
                if (Interlocked.Increment(ref calls) == 2)
                {
                    cts.Cancel();
                }

                return part;
            },
            Events.Schema,
            PartitionSpec.PerRow,
            cancellationToken: cts.Token);

        var path = Path.Combine(_dir, "cancelled.parquet");
        Assert.ThrowsAny<OperationCanceledException>(() => FugueApi.Save(result, path, engine: engine, cancellationToken: cts.Token));
        Assert.Equal(2, calls); // the third of six partitions never started
        Assert.False(File.Exists(path) || Directory.Exists(path));
        Assert.True(!Directory.Exists(_dir) || Directory.GetFileSystemEntries(_dir).Length == 0);
    }

    [Fact]
    public void Cancellation_OfATransform_ThroughTheFluentChain()
    {
        using var engine = Engine(2);
        using var cts = new CancellationTokenSource();
        var progress = new CancellingProgress(cts, afterPartitions: 1);
        engine.Progress = progress;
        var path = Path.Combine(_dir, "cancelled-chain.parquet");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            engine.From(Events)
                .Transform(TestTransformers.RankWithinKey, partition: PartitionSpec.By("key"), cancellationToken: cts.Token)
                .Save(path, cancellationToken: cts.Token));
        Assert.False(File.Exists(path) || Directory.Exists(path));
        Assert.True(progress.MaxDone < 4);

        // Cancelled before it starts: nothing runs.
        Assert.ThrowsAny<OperationCanceledException>(() => FugueApi.Transform(Events, TestTransformers.RankWithinKey, engine: engine, cancellationToken: cts.Token).AsArray());
    }

    private string WriteEvents()
    {
        var path = Path.Combine(_dir, "events.parquet");
        using var writer = Engine(1);
        writer.SaveDf(Events, path);
        return path;
    }

    private sealed class CancellingProgress(CancellationTokenSource cts, int afterPartitions) : IProgress<FugueProgress>
    {
        private long _max;

        public long MaxDone => Interlocked.Read(ref _max);

        public void Report(FugueProgress value)
        {
            if (value.PartitionsDone > Interlocked.Read(ref _max))
            {
                Interlocked.Exchange(ref _max, value.PartitionsDone);
            }

            if (value.PartitionsDone >= afterPartitions)
            {
                cts.Cancel();
            }
        }
    }
}
