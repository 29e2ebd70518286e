using System.Diagnostics;
using System.Globalization;
using Fugue.Frames;
using Fugue.Engines.Tests.Conformance;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// Worker loss in the middle of a job with a shuffle, and clean shutdown of whole clusters.
[Collection(DaskCollection.Name)]
public sealed class DaskResilienceTests(DaskClusterFixture cluster) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fugue-dask-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KillingAWorkerMidShuffleStillGivesTheExactResult()
    {
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.DefaultPartitionsKey] = 4 });
        var started = Path.Combine(_dir, "started");
        var rows = Enumerable.Range(0, 2000).Select(i => new object?[] { i % 16, (long)i }).ToArray();
        var df = new ArrayDataFrame(rows, Schema.Parse("k:int,v:long"));
        var output = Schema.Parse("k:int,s:long,n:long");
        var o = engine.Map(
            df,
            (c, p) =>
            {
                File.AppendAllText(started, "x\n");
                Thread.Sleep(250);
                var data = p.AsArray();
                return new ArrayDataFrame([[c.KeyValueArray[0], data.Sum(r => (long)r[1]!), (long)data.Count]], output);
            },
            output,
            PartitionSpec.By("k"));
        var (workers, executors) = engine.GetProcessIds();
        var victim = workers.Keys.Order(StringComparer.Ordinal).First();
        var victimPids = new List<int> { workers[victim] };
        victimPids.AddRange(executors[victim]);
        var killer = new Thread(() =>
        {
            while (!File.Exists(started))
            {
                Thread.Sleep(20);
            }

            foreach (var pid in victimPids)
            {
                Kill9(pid);
            }
        });
        killer.Start();
        var expected = Enumerable.Range(0, 16)
            .Select(k => new object?[] { k, rows.Where(r => (int)r[0]! == k).Sum(r => (long)r[1]!), 125L })
            .ToArray();
        DfAssert.Equal(o, "k:int,s:long,n:long", expected);
        killer.Join();
        // the killed worker's executors are gone (stdin EOF / ppid watchdog), and the nanny brought a new worker back
        foreach (var pid in executors[victim])
        {
            WaitUntil(() => !DaskEngineBehaviourTests.IsAlive(pid));
        }

        using var again = cluster.CreateEngine(); // waits for two workers
        Assert.Equal(2, again.GetCurrentParallelism());
        DfAssert.Equal(again.Map(new ArrayDataFrame([[1]], Schema.Parse("a:int")), (c, p) => p, Schema.Parse("a:int")), "a:int", [1]);
    }

    [Fact]
    public void DriverDataSurvivesTheLossOfAWorker()
    {
        // driver data has no lineage: it lives on every worker (broadcast), and the Active Memory Manager, which would
        // reduce it to one replica within 2 s, is stopped; so whichever worker dies, the other still has every partition
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.DefaultPartitionsKey] = 4 });
        var rows = Enumerable.Range(0, 400).Select(i => new object?[] { i % 4, (long)i }).ToArray();
        var df = engine.ToDf(new ArrayDataFrame(rows, Schema.Parse("k:int,v:long")));
        Thread.Sleep(4000); // two AMM cycles
        var (workers, executors) = engine.GetProcessIds();
        var victim = workers.Keys.Order(StringComparer.Ordinal).First();
        foreach (var pid in executors[victim].Prepend(workers[victim]))
        {
            Kill9(pid);
        }

        var output = Schema.Parse("k:int,s:long");
        var sums = engine.Map(df, (c, p) => new ArrayDataFrame([[c.KeyValueArray[0], p.AsArray().Sum(r => (long)r[1]!)]], output), output, PartitionSpec.By("k"));
        DfAssert.Equal(sums, "k:int,s:long", [.. Enumerable.Range(0, 4).Select(k => new object?[] { k, rows.Where(r => (int)r[0]! == k).Sum(r => (long)r[1]!) })]);
        using var again = cluster.CreateEngine(); // waits until the nanny brought the worker back
        Assert.Equal(2, again.GetCurrentParallelism());
    }

    [Fact]
    public void DisposingAClusterLeavesNoProcess()
    {
        var local = DaskExecutionEngine.StartLocalCluster(workers: 1);
        int bridge;
        List<int> pids;
        using (var engine = new DaskExecutionEngine(local.Conf.With(DaskExecutionEngine.WaitForWorkersKey, 1)))
        {
            DfAssert.Equal(engine.Map(new ArrayDataFrame([[1]], Schema.Parse("a:int")), (c, p) => p, Schema.Parse("a:int")), "a:int", [1]);
            var (workers, executors) = engine.GetProcessIds();
            pids = [.. workers.Values, .. executors.Values.SelectMany(x => x)];
            bridge = engine.BridgeProcessId;
        }

        Assert.False(DaskEngineBehaviourTests.IsAlive(bridge));
        local.Dispose();
        foreach (var pid in pids)
        {
            WaitUntil(() => !DaskEngineBehaviourTests.IsAlive(pid));
        }
    }

    [Fact]
    public void BridgeExitsWhenTheDriverDies()
    {
        // a stand-in driver (a shell) starts the bridge and is killed with -9; the bridge's ppid watchdog ends it, even
        // though its stdin (held by this process) stays open
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("/usr/bin/python3 -u \"$0\" & echo $!; wait");
        psi.ArgumentList.Add(Path.Combine(DaskExecutionEngine.PythonDirectory, "fugue_dask_bridge.py"));
        psi.Environment["PYTHONPATH"] = DaskExecutionEngine.PythonDirectory;
        using var driver = Process.Start(psi)!;
        var bridge = int.Parse(driver.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        Assert.True(DaskEngineBehaviourTests.IsAlive(bridge));
        Kill9(driver.Id);
        WaitUntil(() => !DaskEngineBehaviourTests.IsAlive(bridge));
    }

    [Fact]
    public void TlsClusterSmoke()
    {
        var tls = MakeCertificates(_dir);
        using var local = DaskExecutionEngine.StartLocalCluster(workers: 1, tls: tls);
        Assert.StartsWith("tls://127.0.0.1:", local.Address);
        using var engine = new DaskExecutionEngine(local.Conf.With(DaskExecutionEngine.WaitForWorkersKey, 1));
        var a = new ArrayDataFrame([[1, "x"], [2, "y"], [1, "z"]], Schema.Parse("a:int,b:str"));
        var b = new ArrayDataFrame([[1, 10L], [3, 30L]], Schema.Parse("a:int,c:long"));
        DfAssert.Equal(engine.Join(a, b, "inner"), "a:int,b:str,c:long", [1, "x", 10L], [1, "z", 10L]);
        var counts = engine.Map(a, (c, p) => new ArrayDataFrame([[c.KeyValueArray[0], (long)p.AsArray().Count]], Schema.Parse("a:int,n:long")), Schema.Parse("a:int,n:long"), PartitionSpec.By("a"));
        DfAssert.Equal(counts, "a:int,n:long", [1, 2L], [2, 1L]);
    }

    private static DaskTls MakeCertificates(string dir)
    {
        void Openssl(string args)
        {
            var psi = new ProcessStartInfo("openssl", args) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "openssl " + args + ": " + err);
        }

        Openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=fugue-test-ca");
        Openssl("req -newkey rsa:2048 -nodes -keyout node.key -out node.csr -subj /CN=127.0.0.1");
        File.WriteAllText(Path.Combine(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Openssl("x509 -req -in node.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out node.pem -days 1 -extfile ext.cnf");
        return new DaskTls(Path.Combine(dir, "ca.pem"), Path.Combine(dir, "node.pem"), Path.Combine(dir, "node.key"));
    }

    internal static void Kill9(int pid)
    {
        using var p = Process.Start("kill", "-9 " + pid.ToString(CultureInfo.InvariantCulture));
        p.WaitForExit();
    }

    internal static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            Thread.Sleep(100);
        }
    }
}

internal static class ConfExtensions
{
    public static Dictionary<string, object?> With(this Dictionary<string, object?> conf, string key, object? value)
    {
        conf[key] = value;
        return conf;
    }
}
