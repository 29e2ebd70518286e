using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Fugue.Dask;

/// <summary>
/// A Dask cluster on this machine: one scheduler and <see cref="WorkerCount"/> workers (each under a nanny, which restarts
/// it when it dies), as separate processes bound to 127.0.0.1. <see cref="Dispose"/> kills them all (process trees).
/// Made by <see cref="DaskExecutionEngine.StartLocalCluster"/>; engines connect with <see cref="Conf"/>.
/// </summary>
public sealed class DaskLocalCluster : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _dir;
    private bool _disposed;

    internal DaskLocalCluster(int workers, int threadsPerWorker, DaskTls? tls, string python, string memoryLimit = "4GB")
    {
        if (workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "a local cluster needs at least one worker");
        }

        WorkerCount = workers;
        ThreadsPerWorker = threadsPerWorker;
        Tls = tls;
        _dir = System.IO.Directory.CreateTempSubdirectory("fugue-dask-").FullName;
        var schedulerFile = Path.Combine(_dir, "scheduler.json");
        try
        {
            var args = new List<string> { "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", schedulerFile };
            if (tls is not null)
            {
                args.AddRange(["--protocol", "tls", "--tls-ca-file", tls.CaFile, "--tls-cert", tls.CertFile, "--tls-key", tls.KeyFile]);
            }

            Start(python, args, "scheduler");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(schedulerFile) || new FileInfo(schedulerFile).Length == 0)
            {
                if (DateTime.UtcNow > deadline || _processes[0].HasExited)
                {
                    throw new InvalidOperationException($"the Dask scheduler did not start (log: {Path.Combine(_dir, "scheduler.log")}): {ReadLog("scheduler")}");
                }

                Thread.Sleep(50);
            }

            string? address = null;
            while (address is null)
            {
                try
                {
                    address = (string?)JsonNode.Parse(File.ReadAllText(schedulerFile))?["address"];
                }
                catch (System.Text.Json.JsonException)
                {
                    Thread.Sleep(50); // the file is being written
                }
            }

            Address = address;
            for (var i = 0; i < workers; i++)
            {
                var name = "w" + i.ToString(CultureInfo.InvariantCulture);
                var wargs = new List<string>
                {
                    "-m", "distributed.cli.dask_worker", address, "--name", name, "--nthreads", threadsPerWorker.ToString(CultureInfo.InvariantCulture),
                    "--nworkers", "1", "--nanny", "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", memoryLimit,
                    "--local-directory", Path.Combine(_dir, name), "--death-timeout", "30",
                };
                if (tls is not null)
                {
                    wargs.AddRange(["--tls-ca-file", tls.CaFile, "--tls-cert", tls.CertFile, "--tls-key", tls.KeyFile]);
                }

                Start(python, wargs, name);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The scheduler address (<c>tcp://127.0.0.1:port</c> or <c>tls://...</c>).</summary>
    public string Address { get; } = "";

    /// <summary>The number of workers started.</summary>
    public int WorkerCount { get; }

    /// <summary>Threads per worker.</summary>
    public int ThreadsPerWorker { get; }

    /// <summary>The TLS files in use, or null for plain TCP.</summary>
    public DaskTls? Tls { get; }

    /// <summary>The directory holding the logs and the workers' local directories.</summary>
    public string Directory => _dir;

    /// <summary>The engine configuration that connects to this cluster (address and TLS files).</summary>
    public Dictionary<string, object?> Conf
    {
        get
        {
            var conf = new Dictionary<string, object?> { [DaskExecutionEngine.SchedulerAddressKey] = Address };
            if (Tls is not null)
            {
                conf[DaskExecutionEngine.TlsCaFileKey] = Tls.CaFile;
                conf[DaskExecutionEngine.TlsCertFileKey] = Tls.CertFile;
                conf[DaskExecutionEngine.TlsKeyFileKey] = Tls.KeyFile;
            }

            return conf;
        }
    }

    /// <summary>The log of a process of the cluster (<c>scheduler</c>, <c>w0</c>, <c>w1</c>, ...).</summary>
    public string ReadLog(string name)
    {
        var path = Path.Combine(_dir, name + ".log");
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void Start(string python, List<string> args, string name)
    {
        var log = Path.Combine(_dir, name + ".log");
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        // exec keeps one process; the shell only redirects the output to the log file.
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$0\" \"$@\" >\"$FUGUE_DASK_LOG\" 2>&1");
        psi.ArgumentList.Add(python);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["FUGUE_DASK_LOG"] = log;
        psi.Environment["PYTHONPATH"] = DaskExecutionEngine.PythonDirectory;
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["PATH"] = "/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["DASK_DISTRIBUTED__SCHEDULER__WORKER_TTL"] = "60s";
        // the Active Memory Manager's ReduceReplicas drops every replica but one every 2 s, which would undo the
        // broadcast copies of driver data (no lineage) and lose them with one worker (the engine also stops it on connect)
        psi.Environment["DASK_DISTRIBUTED__SCHEDULER__ACTIVE_MEMORY_MANAGER__START"] = "False";
        // partitions between workers on one machine: compressing them (lz4 by default when installed) only burns CPU
        psi.Environment["DASK_DISTRIBUTED__COMM__COMPRESSION"] = "None";
        // every process of this cluster is on this machine: workers and the client open each other's partitions'
        // memory files instead of sending the bytes (docs/dask.md; unless the driver's environment says otherwise)
        if (!psi.Environment.ContainsKey("FUGUE_DASK_SHM_PEERS"))
        {
            psi.Environment["FUGUE_DASK_SHM_PEERS"] = "1";
        }
        _processes.Add(Process.Start(psi) ?? throw new InvalidOperationException($"could not start {python} for the Dask {name}"));
    }

    /// <summary>Kills the scheduler and the workers (with their nannies and executors) and deletes <see cref="Directory"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var p = _processes[i];
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            p.Dispose();
        }

        if (Environment.GetEnvironmentVariable("FUGUE_DASK_KEEP_LOGS") == "1")
        {
            return; // for debugging: keep the logs
        }

        // killed children may still be closing files for a moment: retry briefly, then leave the temp directory
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                System.IO.Directory.Delete(_dir, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
