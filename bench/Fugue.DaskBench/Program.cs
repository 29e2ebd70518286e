using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Fugue.Dask;
using Fugue.DaskBench;
using Fugue.Workloads;

// Fugue.DaskBench [--sizes 1m,10m] [--workloads W3,W4,W5,W8] [--data DIR] [--partitions N] [--no-kill] [--no-native]
// Starts a local Dask cluster (scheduler + 2 workers, 1 thread each), then per size and workload: the native engine
// (Fugue.Workloads in a child process, as the peer harness runs it), the Dask engine fault-free, and the Dask engine
// with one worker (its Python process and its .NET executors) killed with SIGKILL 40% into the (fault-free) compute time.
// Prints one RESULT line per run and a table at the end. Exit 1 when a check value is wrong.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var sizes = new List<string> { "1m", "10m" };
var workloads = new List<string> { "W3", "W4", "W5", "W8" };
var data = Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } env ? env : "/work/benchdata";
var partitions = 4;
var kill = true;
var native = true;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
    switch (args[i])
    {
        case "--sizes": sizes = [.. Next().Split(',')]; break;
        case "--workloads": workloads = [.. Next().ToUpperInvariant().Split(',')]; break;
        case "--data": data = Next(); break;
        case "--partitions": partitions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--no-kill": kill = false; break;
        case "--no-native": native = false; break;
        default:
            Console.Error.WriteLine("usage: Fugue.DaskBench [--sizes 1m,10m] [--workloads W3,W4,W5,W8] [--data DIR] [--partitions N] [--no-kill] [--no-native]");
            return 2;
    }
}

data = Path.GetFullPath(data);
var rows = new List<Row>();
var bad = false;
var clusterWatch = Stopwatch.StartNew();
using (var cluster = DaskExecutionEngine.StartLocalCluster(workers: 2, memoryLimit: "8GB"))
{
    Console.Error.WriteLine($"cluster {cluster.Address} up in {clusterWatch.Elapsed.TotalSeconds:0.0} s");
    DaskExecutionEngine Connect()
    {
        var conf = cluster.Conf;
        conf[DaskExecutionEngine.WaitForWorkersKey] = 2;
        conf[DaskExecutionEngine.DefaultPartitionsKey] = partitions;
        conf[DaskExecutionEngine.KeylessPerPartitionKey] = true;
        return new DaskExecutionEngine(conf);
    }

    // warm the executors (start, JIT of the common paths) on the small size; not reported
    using (var warm = Connect())
    {
        foreach (var w in workloads)
        {
            new DaskWorkloads(warm, data, "1m", new StepTimer()).Run(w);
        }
    }

    foreach (var size in sizes)
    {
        foreach (var w in workloads)
        {
            var row = new Row(size, w);
            if (native)
            {
                (row.Native, var ok) = RunNative(w, size, data);
                bad |= !ok;
            }

            using (var engine = Connect())
            {
                var timer = new StepTimer();
                var checks = new DaskWorkloads(engine, data, size, timer).Run(w);
                row.Dask = timer.Steps.ToDictionary(s => s.Key, s => s.Value);
                bad |= !Report("fugue-dask", w, size, timer, checks);
            }

            if (kill)
            {
                using var engine = Connect();
                var (workers, executors) = engine.GetProcessIds();
                var victim = workers.Keys.Order(StringComparer.Ordinal).Last();
                var pids = new List<int> { workers[victim] };
                pids.AddRange(executors[victim]);
                var delay = TimeSpan.FromSeconds(row.Dask["compute"] * 0.4);
                var timer = new StepTimer();
                var jobStart = Stopwatch.StartNew();
                Thread? killer = null;
                var killedAt = 0.0;
                void StartKiller()
                {
                    var computeStart = jobStart.Elapsed;
                    killer = new Thread(() =>
                    {
                        Thread.Sleep(delay);
                        killedAt = jobStart.Elapsed.TotalSeconds;
                        foreach (var pid in pids)
                        {
                            using var p = Process.Start("kill", "-9 " + pid.ToString(CultureInfo.InvariantCulture));
                            p.WaitForExit();
                        }
                    });
                    killer.Start();
                }

                var checks = new DaskWorkloads(engine, data, size, timer, StartKiller).Run(w);
                killer?.Join();
                row.Killed = timer.Steps.ToDictionary(s => s.Key, s => s.Value);
                row.KilledAt = killedAt;
                bad |= !Report("fugue-dask-killed", w, size, timer, checks);
            }

            rows.Add(row);
            Console.Error.WriteLine(row.Line());
        }
    }
}

Console.WriteLine();
Console.WriteLine(Row.Header);
foreach (var r in rows)
{
    Console.WriteLine(r.Line());
}

return bad ? 1 : 0;

static bool Report(string system, string workload, string size, StepTimer timer, Dictionary<string, double> checks)
{
    var steps = string.Join(',', timer.Steps.Select(s => $"\"{s.Key}\":{s.Value:0.000000}"));
    var c = string.Join(',', checks.Select(kv => $"\"{kv.Key}\":\"{ExpectedChecks.Format(kv.Value)}\""));
    Console.WriteLine($"RESULT {{\"system\":\"{system}\",\"workload\":\"{workload}\",\"size\":\"{size}\",\"steps\":{{{steps}}},\"total\":{timer.Steps.Sum(s => s.Value):0.000000},\"checks\":{{{c}}}}}");
    var expected = ExpectedChecks.For(size, workload);
    var diff = expected is null ? [] : ExpectedChecks.Compare(expected, checks);
    if (diff.Count > 0)
    {
        Console.Error.WriteLine($"!!! CHECK MISMATCH {system} {workload} {size}: {string.Join("; ", diff)}");
    }

    return diff.Count == 0;
}

static (Dictionary<string, double> Steps, bool Ok) RunNative(string workload, string size, string data)
{
    var dll = Path.Combine(AppContext.BaseDirectory, "Fugue.Workloads.dll");
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var a in new[] { dll, workload, size, "--data", data })
    {
        psi.ArgumentList.Add(a);
    }

    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"the native run of {workload} {size} printed no RESULT (exit {p.ExitCode})");
    Console.WriteLine(line);
    var steps = JsonNode.Parse(line["RESULT ".Length..])!["steps"]!.AsObject().ToDictionary(kv => kv.Key, kv => (double)kv.Value!);
    return (steps, p.ExitCode == 0);
}

/// <summary>One line of the table: the native, Dask and Dask-with-a-killed-worker step times of a workload.</summary>
internal sealed class Row(string size, string workload)
{
    public const string Header =
        "| size | workload | native total s | dask total s (load / compute / save) | dask / native | killed total s (load / compute / save) | kill at s (from load start) | added s | bound: lost work + 5 s |\n" +
        "|---|---|---:|---:|---:|---:|---:|---:|---:|";

    public Dictionary<string, double> Native { get; set; } = [];

    public Dictionary<string, double> Dask { get; set; } = [];

    public Dictionary<string, double> Killed { get; set; } = [];

    public double KilledAt { get; set; }

    private static double Total(Dictionary<string, double> s) => s.Values.Sum();

    private static string Steps(Dictionary<string, double> s) =>
        $"{Total(s):0.00} ({string.Join(" / ", new[] { "load", "compute", "save" }.Select(k => s.TryGetValue(k, out var v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-"))})";

    public string Line()
    {
        var native = Native.Count == 0 ? "-" : Total(Native).ToString("0.00", CultureInfo.InvariantCulture);
        var ratio = Native.Count == 0 ? "-" : (Total(Dask) / Total(Native)).ToString("0.0", CultureInfo.InvariantCulture) + "x";
        if (Killed.Count == 0)
        {
            return $"| {size} | {workload} | {native} | {Steps(Dask)} | {ratio} | - | - | - | - |";
        }

        // lost work: at most everything the victim did before it died, i.e. the job's wall time up to the kill
        var added = Total(Killed) - Total(Dask);
        var bound = KilledAt + 5;
        // the kill must land inside the compute step (after load, before compute ended) to count
        var computeEnd = Killed.GetValueOrDefault("load") + Killed.GetValueOrDefault("compute");
        var landed = KilledAt > Killed.GetValueOrDefault("load") && KilledAt < computeEnd ? "" : " (after compute)";
        return $"| {size} | {workload} | {native} | {Steps(Dask)} | {ratio} | {Steps(Killed)} | {KilledAt:0.00}{landed} | {added:0.00} | {bound:0.00} {(added <= bound ? "ok" : "EXCEEDED")} |";
    }
}
