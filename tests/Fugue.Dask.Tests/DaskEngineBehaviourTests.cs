using System.Diagnostics;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// Dask-specific behaviour, and the Dask equivalents of the Native-only cases (side effects observed through files).
[Collection(DaskCollection.Name)]
public sealed class DaskEngineBehaviourTests(DaskClusterFixture cluster) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fugue-dask-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DataFrame Df(string schema, params object?[][] rows) => new ArrayDataFrame(rows, Schema.Parse(schema));

    /// <summary>Appends a line to a file shared by the driver and the executors (same machine): a cross-process counter.</summary>
    // Executors in different processes append at the same time; a plain append (seek to end, then write) can lose a
    // line, so each append takes the file exclusively (FileShare.None is a cross-process lock in .NET) and retries.
    private static void Count(string path, string line)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                fs.Write(bytes);
                return;
            }
            catch (IOException) when (attempt < 400)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    [Fact]
    public void Properties()
    {
        using var engine = cluster.CreateEngine();
        Assert.True(engine.IsDistributed);
        Assert.Equal(2, engine.GetCurrentParallelism());
        Assert.IsType<DaskMapEngine>(engine.MapEngine);
        var df = engine.ToDf(Df("a:int", [1], [2], [3]));
        Assert.IsType<DaskDataFrame>(df);
        Assert.False(df.IsLocal);
        Assert.Same(df, engine.ToDf(df));
    }

    [Fact]
    public void RenameAndAlterRunOnTheCluster()
    {
        using var engine = cluster.CreateEngine();
        var df = engine.Repartition(engine.ToDf(Df("a:int,b:str", [1, "x"], [null, "y"], [3, null], [4, "z"])), PartitionSpec.Num(2));
        var renamed = df.Rename(new Dictionary<string, string> { ["a"] = "c" });
        Assert.IsType<DaskDataFrame>(renamed);
        Assert.Equal(Schema.Parse("c:int,b:str"), renamed.Schema);
        var altered = renamed.AlterColumns("c:str");
        Assert.IsType<DaskDataFrame>(altered);
        Assert.Equal(Schema.Parse("c:str,b:str"), altered.Schema);
        DfAssert.Equal(altered, Df("c:str,b:str", ["1", "x"], [null, "y"], ["3", null], ["4", "z"]));
        var cast = df.AlterColumns("a:double");
        DfAssert.Equal(cast, Df("a:double,b:str", [1.0, "x"], [null, "y"], [3.0, null], [4.0, "z"]));
        Assert.Throws<FugueDataFrameOperationException>(() => df.Rename(new Dictionary<string, string> { ["zz"] = "q" })); // checked in the driver, before any task
    }

    [Fact]
    public void MissingSchedulerAddressIsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DaskExecutionEngine());
        Assert.Contains(DaskExecutionEngine.SchedulerAddressKey, ex.Message);
    }

    [Fact]
    public void ShippedAssembliesRunFromTheWorkersOwnCopy()
    {
        // the multi-machine path: the plugin carries the application's assemblies (and the worker module is uploaded)
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.ShipAssembliesKey] = true });
        var output = Schema.Parse("location:str");
        var r = engine.Map(Df("a:int", [1]), (c, p) => new ArrayDataFrame([[typeof(DaskEngineBehaviourTests).Assembly.Location]], output), output);
        var location = (string)r.AsArray().Single()[0]!;
        Assert.Contains("dotnet-app", location);
        Assert.StartsWith(cluster.Cluster.Directory, location);
    }

    [Fact]
    public void ConfReachesTheWorkers()
    {
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { ["test.value"] = "from-the-driver" });
        var output = Schema.Parse("v:str,pid:int");
        var r = engine.Map(
            Df("a:int", [1]),
            (c, p) => new ArrayDataFrame([[ExecutionEngineContext.Current!.Conf.GetOrThrow<string>("test.value"), Environment.ProcessId]], output),
            output);
        var row = r.AsArray().Single();
        Assert.Equal("from-the-driver", row[0]);
        Assert.NotEqual(Environment.ProcessId, row[1]); // it ran in an executor
    }

    [Fact]
    public void UserOutputOnTheConsoleDoesNotBreakTheProtocol()
    {
        using var engine = cluster.CreateEngine();
        var df = Df("a:int", [1], [2]);
        var o = engine.Map(df, (c, p) => { Console.WriteLine("printed by user code"); Console.Out.Flush(); return p; }, df.Schema);
        DfAssert.Equal(o, "a:int", [1], [2]);
    }

    [Fact]
    public void Map_OnInitRunsOnTheWorkers()
    {
        // Dask twin of Map_WithNumPartitionsAndOnInit (Native-only: it counts in a captured variable)
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "inits");
        var df = Df("a:double,b:int", [1, 2], [null, 2], [null, 1], [3, 4], [null, 4]);
        var o = engine.Map(
            df,
            (c, p) => new ArrayDataFrame([c.Row], c.RowSchema),
            df.Schema,
            new PartitionSpec(by: ["a"], num: "3", presort: "b DESC"),
            (no, part) => Count(path, no + ":" + part.AsArray().Count));
        DfAssert.Equal(o, "a:double,b:int", [null, 4], [1, 2], [3, 4]);
        Assert.True(Lines(path) >= 1);
    }

    [Fact]
    public void Comap_OnInitAndNamesOnTheWorkers()
    {
        // Dask twin of Comap_InnerWithOnInit / Comap_WithKeys (Native-only: captured counters)
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "comap-inits");
        var a = Df("a:int,b:int", [1, 2], [3, 4], [1, 5]);
        var b = Df("c:int,a:int", [6, 1], [2, 7]);
        var xy = engine.Zip(DataFrames.Of(("x", a), ("y", b)));
        var r = engine.Comap(
            xy,
            (c, dfs) => new ArrayDataFrame([[c.KeyValueArray[0], string.Join(",", dfs.Items().Select(kv => kv.Key + kv.Value.AsArray().Count))]], Schema.Parse("a:int,v:str")),
            Schema.Parse("a:int,v:str"),
            onInit: (no, dfs) => Count(path, dfs.HasKey + ":" + dfs.Count));
        DfAssert.Equal(r, "a:int,v:str", [1, "x2,y1"]);
        Assert.True(Lines(path) >= 1);
        Assert.All(File.ReadAllLines(path), l => Assert.Equal("True:2", l));
    }

    [Fact]
    public void Map_CoarseBucketsHoldWholeSortedGroups()
    {
        // Dask twin of Map_CoarseCallsSeeWholeSortedGroups (Native-only: a captured ConcurrentBag): the check runs in the
        // map function and the result reports the groups
        using var engine = cluster.CreateEngine();
        var random = new Random(0);
        var rows = Enumerable.Range(0, 100).SelectMany(a => Enumerable.Range(0, 10).Select(b => new object?[] { a, b })).OrderBy(_ => random.Next()).ToArray();
        var o = engine.Map(
            Df("a:int,b:int", rows),
            (c, p) =>
            {
                var data = p.AsArray();
                var sorted = data.OrderBy(r => (int)r[0]!).ThenBy(r => (int)r[1]!).ToList();
                if (!sorted.Select(r => (int)r[0]! * 100 + (int)r[1]!).SequenceEqual(data.Select(r => (int)r[0]! * 100 + (int)r[1]!)))
                {
                    throw new InvalidOperationException("a coarse partition is not sorted by (a, b)");
                }

                return new ArrayDataFrame(data.GroupBy(r => (int)r[0]!).Select(g => new object?[] { g.Key, (long)g.Count() }), Schema.Parse("a:int,n:long"));
            },
            Schema.Parse("a:int,n:long"),
            new PartitionSpec(by: ["a"], num: "6", algo: PartitionAlgo.Coarse, presort: "b"));
        var result = o.AsArray();
        Assert.Equal(100, result.Count);
        Assert.Equal(Enumerable.Range(0, 100), result.Select(r => (int)r[0]!).Order());
        Assert.All(result, r => Assert.Equal(10L, r[1]));
    }

    [Fact]
    public void Persist_RunsTheMapOnceAndKeepsTheData()
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "calls");
        var df = Df("a:int", [1], [2], [3], [4]);
        var mapped = engine.Map(df, (c, p) => { Count(path, "call"); return p; }, df.Schema);
        DfAssert.Equal(mapped, "a:int", [1], [2], [3], [4]);
        var lazyCalls = Lines(path);
        Assert.True(lazyCalls >= 1);
        DfAssert.Equal(mapped, "a:int", [1], [2], [3], [4]);
        Assert.Equal(2 * lazyCalls, Lines(path)); // lazy: every read runs the map again
        File.Delete(path);
        var persisted = engine.Persist(mapped);
        var calls = Lines(path);
        Assert.Equal(lazyCalls, calls);
        Assert.Same(persisted, engine.Persist(mapped));
        DfAssert.Equal(persisted, "a:int", [1], [2], [3], [4]);
        DfAssert.Equal(engine.Map(persisted, (c, p) => p, df.Schema), "a:int", [1], [2], [3], [4]);
        Assert.Equal(calls, Lines(path)); // reads of the persisted frame never rerun the map
        var broadcast = engine.Broadcast(persisted);
        DfAssert.Equal(engine.Join(df, broadcast, JoinType.Inner), "a:int", [1], [2], [3], [4]);
        Assert.Equal(calls, Lines(path));
    }

    [Fact]
    public void CapturedStateThatCannotBeShippedIsAClearError()
    {
        using var engine = cluster.CreateEngine();
        var list = new List<int>();
        var df = Df("a:int", [1]);
        var ex = Assert.Throws<NotSupportedException>(() => engine.Map(df, (c, p) => { list.Add(1); return p; }, df.Schema));
        Assert.Contains("cannot ship captured variable 'list'", ex.Message);
        Assert.Contains("System.Collections.Generic.List", ex.Message);
    }

    [Fact]
    public void UserExceptionFailsAtOnceWithTypeMessageAndStack()
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "attempts");
        var df = Df("a:str", ["SECRET-ROW-VALUE-7f3a"]);
        var o = engine.Map(df, (c, p) => { Count(path, "attempt"); throw new InvalidOperationException("user code failed on purpose"); }, df.Schema);
        var ex = Assert.Throws<InvalidOperationException>(() => o.AsArray());
        Assert.Equal("user code failed on purpose", ex.Message);
        var remote = Assert.IsType<DaskRemoteException>(ex.InnerException);
        Assert.Equal(DaskFailureKind.User, remote.Kind);
        Assert.Equal("System.InvalidOperationException", remote.RemoteType);
        Assert.Contains(nameof(UserExceptionFailsAtOnceWithTypeMessageAndStack), remote.RemoteStackTrace);
        Assert.Equal(1, Lines(path)); // no retry of a deterministic failure
        for (var w = 0; w < 2; w++)
        {
            Assert.DoesNotContain("SECRET-ROW-VALUE-7f3a", cluster.Cluster.ReadLog("w" + w));
        }

        Assert.DoesNotContain("SECRET-ROW-VALUE-7f3a", cluster.Cluster.ReadLog("scheduler"));
    }

    [Fact]
    public void HungTaskHitsTheDeadline()
    {
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.TaskTimeoutKey] = 2.0 });
        var df = Df("a:int", [1]);
        var o = engine.Map(df, (c, p) => { Thread.Sleep(TimeSpan.FromMinutes(10)); return p; }, df.Schema);
        var ex = Assert.Throws<DaskRemoteException>(() => o.AsArray());
        Assert.Equal(DaskFailureKind.Timeout, ex.Kind);
        Assert.Contains("deadline", ex.Message);
        // the cluster still works afterwards
        DfAssert.Equal(engine.Map(df, (c, p) => p, df.Schema), "a:int", [1]);
    }

    [Fact]
    public void ExecutorCrashIsRetriedOnAFreshExecutor()
    {
        using var engine = cluster.CreateEngine();
        var marker = Path.Combine(_dir, "crashed-once");
        var df = Df("a:int,b:int", [1, 1], [1, 2], [2, 3], [3, 4]);
        var o = engine.Map(
            df,
            (c, p) =>
            {
                if (!File.Exists(marker))
                {
                    File.WriteAllText(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Environment.FailFast("simulated executor crash");
                }

                return new ArrayDataFrame([[c.KeyValueArray[0], (long)p.AsArray().Sum(r => (int)r[1]!)]], Schema.Parse("a:int,s:long"));
            },
            Schema.Parse("a:int,s:long"),
            PartitionSpec.By("a"));
        DfAssert.Equal(o, "a:int,s:long", [1, 3L], [2, 3L], [3, 4L]);
        var crashed = int.Parse(File.ReadAllText(marker), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsAlive(crashed));
    }

    [Fact]
    public void ExecutorsGetTheHeapLimitAndProcessorCount()
    {
        const long limit = 512L * 1024 * 1024;
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.ExecutorHeapLimitKey] = limit });
        var output = Schema.Parse("cpus:int,heap:long");
        var r = engine.Map(Df("a:int", [1]), (c, p) => new ArrayDataFrame([[Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes]], output), output);
        var row = r.AsArray().Single();
        Assert.Equal(1, row[0]); // DOTNET_PROCESSOR_COUNT = the worker's threads
        Assert.Equal(limit, row[1]);
    }

    [Fact]
    public void DisposeLeavesNoBridge()
    {
        var engine = cluster.CreateEngine();
        var bridge = engine.BridgeProcessId;
        Assert.True(IsAlive(bridge));
        engine.Dispose();
        Assert.False(IsAlive(bridge));
    }

    internal static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
