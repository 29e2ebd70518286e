using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.IO.Ipc;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;

namespace Fugue.Dask;

/// <summary>
/// Runs Fugue on a Dask distributed cluster (the .NET-for-Spark shape):
/// <list type="bullet">
/// <item>The engine (the driver) starts a Python bridge (<c>/usr/bin/python3 fugue_dask_bridge.py</c>) that holds a
/// <c>distributed.Client</c> and submits the tasks the engine builds; they talk over pipes with length-prefixed frames
/// (<see cref="DaskWire"/>).</item>
/// <item>Every worker runs long-lived .NET executors (<c>Fugue.Dask.Executor</c>, started by a worker plugin and
/// restarted when they die) that run the tasks' stages on Arrow IPC partitions (<see cref="DaskOperations"/>).</item>
/// <item>Functions travel as (assembly, method token, captured values) (<see cref="DelegateShipping"/>).</item>
/// <item>Narrow stages fuse into one executor call per partition; partitioned map, join, set operations, distinct and
/// zip are hash shuffles (split tasks with one output per bucket, then one task per bucket).</item>
/// <item>Data from the driver is scattered to every worker (broadcast), and every other partition has lineage, so Dask
/// recomputes partitions lost with a worker. Executor crashes are retried on a fresh executor; user exceptions fail the
/// job at once (<see cref="DaskRemoteException"/> with the C# type, message and stack).</item>
/// <item>SQL runs through <see cref="SqliteEngine"/> on the collected inputs (a local engine).</item>
/// </list>
/// </summary>
public sealed partial class DaskExecutionEngine : ExecutionEngine
{
    /// <summary>Conf: the scheduler address to connect to (<c>tcp://host:port</c> or <c>tls://...</c>).</summary>
    public const string SchedulerAddressKey = "fugue.dask.scheduler.address";

    /// <summary>Conf: the default number of partitions of frames brought to the cluster and of shuffles.</summary>
    public const string DefaultPartitionsKey = "fugue.dask.dataframe.default.partitions";

    /// <summary>Conf: the per-task deadline in seconds (0 = none); a task past it is killed and fails the job.</summary>
    public const string TaskTimeoutKey = "fugue.dask.task.timeout";

    /// <summary>Conf: the executors' GC heap hard limit in bytes (<c>DOTNET_GCHeapHardLimit</c>; 0 = the runtime's default).</summary>
    public const string ExecutorHeapLimitKey = "fugue.dask.executor.heap_limit";

    /// <summary>Conf: how many times a task is retried on a fresh executor after its executor died (default 2).</summary>
    public const string ExecutorCrashRetriesKey = "fugue.dask.executor.crash_retries";

    /// <summary>Conf: the path of <c>Fugue.Dask.Executor.dll</c> on the workers (default: next to this assembly).</summary>
    public const string ExecutorPathKey = "fugue.dask.executor.path";

    /// <summary>Conf: ship the application's assemblies to the workers through the plugin (for clusters on other machines).</summary>
    public const string ShipAssembliesKey = "fugue.dask.ship_assemblies";

    /// <summary>Conf: the python with dask distributed (default <c>/usr/bin/python3</c>).</summary>
    public const string PythonKey = "fugue.dask.python";

    /// <summary>Conf: the CA file for TLS.</summary>
    public const string TlsCaFileKey = "fugue.dask.tls.ca_file";

    /// <summary>Conf: the client certificate file for TLS.</summary>
    public const string TlsCertFileKey = "fugue.dask.tls.cert_file";

    /// <summary>Conf: the client key file for TLS.</summary>
    public const string TlsKeyFileKey = "fugue.dask.tls.key_file";

    /// <summary>Conf: how many workers to wait for when connecting (default 0: do not wait).</summary>
    public const string WaitForWorkersKey = "fugue.dask.wait_for_workers";

    /// <summary>
    /// Conf: run transformers without partition keys once per physical partition (true) instead of once on the whole
    /// frame as the native engine does (false, the default).
    /// </summary>
    public const string KeylessPerPartitionKey = "fugue.dask.transform.keyless_per_partition";

    /// <summary>
    /// Conf: the largest size in bytes (Arrow IPC, as estimated for driver data, persisted frames and Parquet loads) of a
    /// join side that is broadcast to every partition of the other side instead of shuffling both (default 10 MB; 0 or
    /// less: always shuffle). Only where that gives exactly the join: the right side of inner, left outer, semi, anti and
    /// cross joins, the left side of inner, right outer and cross joins; full outer joins always shuffle.
    /// </summary>
    public const string BroadcastJoinThresholdKey = "fugue.dask.join.broadcast_threshold";

    private const long DefaultBroadcastThreshold = 10L << 20;

    private const string DefaultPython = "/usr/bin/python3";

    private readonly DaskBridge _bridge;
    private readonly NativeExecutionEngine _local = new();
    private readonly ConditionalWeakTable<DataFrame, DaskDataFrame> _persisted = new();
    private readonly ConditionalWeakTable<string, DaskLease> _leases = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _releases = new();
    private readonly int _threads;
    private readonly int _defaultPartitions;
    private readonly double _timeout;
    private long _jobs;

    /// <summary>Connects to the scheduler at <see cref="SchedulerAddressKey"/> and registers the executor plugin on its workers.</summary>
    /// <exception cref="ArgumentException">The address is missing.</exception>
    public DaskExecutionEngine(IReadOnlyDictionary<string, object?>? conf = null) : base(conf)
    {
        var address = Conf.Get<string?>(SchedulerAddressKey, null);
        if (string.IsNullOrEmpty(address))
        {
            throw new ArgumentException($"{SchedulerAddressKey} is required: the address of a Dask scheduler (or use StartLocalCluster)", nameof(conf));
        }

        _timeout = Conf.Get(TaskTimeoutKey, 0.0);
        _bridge = new DaskBridge(Conf.Get(PythonKey, DefaultPython), PythonDirectory);
        try
        {
            var shipped = AssembliesToShip();
            var (reply, _) = _bridge.Call(ConnectHeader(address, shipped.Keys), [.. shipped.Values]);
            _threads = Math.Max(1, (int)reply["threads"]!);
        }
        catch
        {
            _bridge.Dispose();
            throw;
        }

        _defaultPartitions = Conf.Get(DefaultPartitionsKey, 0) is var p and > 0 ? p : Math.Max(2, _threads);
    }

    private JsonObject ConnectHeader(string address, IEnumerable<string> shippedNames)
    {
        var ship = Conf.Get(ShipAssembliesKey, false);
        var executor = Conf.Get<string?>(ExecutorPathKey, null) ?? Path.Combine(AppContext.BaseDirectory, "Fugue.Dask.Executor.dll");
        if (!ship && !File.Exists(executor))
        {
            throw new FileNotFoundException($"the Dask executor was not found at {executor}: reference Fugue.Dask.Executor or set {ExecutorPathKey}", executor);
        }

        // Executors are long-lived and run data loops a few times each: tiered compilation left such paths in quick
        // (unoptimized) code for many tasks (a left join plus a map ran 5x slower than fully optimized), so every method
        // is compiled optimized once (the first task of a path pays a longer JIT).
        var env = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_TieredPGO"] = "0", ["DOTNET_TieredCompilation"] = "0" };
        var heap = Conf.Get(ExecutorHeapLimitKey, 0L);
        if (heap > 0)
        {
            env["DOTNET_GCHeapHardLimit"] = "0x" + heap.ToString("X", CultureInfo.InvariantCulture);
        }

        var appDir = ship ? "{app_dir}" : AppContext.BaseDirectory;
        var cmd = new JsonArray("dotnet", ship ? Path.Combine("{app_dir}", "Fugue.Dask.Executor.dll") : executor, "--app-dir", appDir);
        var header = new JsonObject
        {
            ["cmd"] = "connect",
            ["address"] = address,
            ["exec"] = cmd,
            ["env"] = env,
            ["crash_retries"] = Conf.Get(ExecutorCrashRetriesKey, 2),
            ["upload_module"] = ship,
            ["assembly_names"] = DaskJson.Strings(shippedNames),
            ["wait_workers"] = Conf.Get(WaitForWorkersKey, 0),
        };
        var ca = Conf.Get<string?>(TlsCaFileKey, null);
        if (ca is not null || address.StartsWith("tls://", StringComparison.Ordinal))
        {
            header["tls"] = new JsonObject
            {
                ["ca"] = ca ?? throw new ArgumentException($"a tls:// address needs {TlsCaFileKey}, {TlsCertFileKey} and {TlsKeyFileKey}"),
                ["cert"] = Conf.GetOrThrow<string>(TlsCertFileKey),
                ["key"] = Conf.GetOrThrow<string>(TlsKeyFileKey),
            };
        }

        return header;
    }

    /// <summary>With <see cref="ShipAssembliesKey"/>: every assembly of the application directory (and the executor), by file name.</summary>
    private Dictionary<string, byte[]> AssembliesToShip()
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Conf.Get(ShipAssembliesKey, false))
        {
            return result;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            if (file.EndsWith(".dll", StringComparison.Ordinal) || file.EndsWith(".runtimeconfig.json", StringComparison.Ordinal) || file.EndsWith(".deps.json", StringComparison.Ordinal))
            {
                result[Path.GetFileName(file)] = File.ReadAllBytes(file);
            }
        }

        return result;
    }

    /// <summary>The directory of the bridge and worker Python modules shipped with this assembly.</summary>
    public static string PythonDirectory => Path.Combine(AppContext.BaseDirectory, "fugue-dask");

    /// <summary>
    /// Starts a Dask cluster on this machine (a scheduler and <paramref name="workers"/> workers as separate processes,
    /// on 127.0.0.1); dispose the handle to stop it. Connect engines with its <see cref="DaskLocalCluster.Conf"/>.
    /// </summary>
    public static DaskLocalCluster StartLocalCluster(int workers = 2, int threadsPerWorker = 1, DaskTls? tls = null, string python = DefaultPython, string memoryLimit = "4GB") =>
        new(workers, threadsPerWorker, tls, python, memoryLimit);

    /// <summary>True.</summary>
    public override bool IsDistributed => true;

    /// <summary>The total number of worker threads of the cluster (at connection).</summary>
    public override int GetCurrentParallelism() => _threads;

    /// <summary>The process id of the bridge (for diagnostics and tests).</summary>
    public int BridgeProcessId => _bridge.ProcessId;

    /// <inheritdoc />
    protected override MapEngine CreateDefaultMapEngine() => new DaskMapEngine(this);

    /// <summary>SQLite over the collected inputs: SQL on Dask runs in the driver (documented limitation).</summary>
    protected override SqlEngine CreateDefaultSqlEngine() => new SqliteEngine(this);

    /// <inheritdoc />
    protected override void StopEngine()
    {
        _bridge.Dispose();
        _local.Dispose();
    }

    /// <summary>The pids of the workers and their executors, keyed by worker address (for diagnostics and fault tests).</summary>
    public (Dictionary<string, int> Workers, Dictionary<string, int[]> Executors) GetProcessIds()
    {
        var (reply, _) = _bridge.Call(new JsonObject { ["cmd"] = "executor_pids" });
        var workers = reply["workers"]!.AsObject().ToDictionary(kv => kv.Key, kv => (int)kv.Value!);
        var executors = reply["executors"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.AsArray().Select(n => (int)n!).ToArray());
        return (workers, executors);
    }

    // ---- conversion ----

    /// <summary>A frame of this engine is returned unchanged; any other frame is read here and scattered to every worker.</summary>
    public override DataFrame ToDf(DataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        if (df is DaskDataFrame d && ReferenceEquals(d.Engine, this))
        {
            return d;
        }

        var batches = df.AsBatches().Where(b => b.Length > 0).ToList();
        var rows = batches.Sum(b => b.Length);
        var n = Math.Max(1, Math.Min(_defaultPartitions, rows));
        var blobs = new List<byte[]>(n);
        var whole = batches.Count == 0 ? RecordBatch.Empty(df.Schema) : (batches.Count == 1 ? batches[0] : Concat(df.Schema, batches));
        var q = rows / n;
        var r = rows % n;
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var len = q + (i < r ? 1 : 0);
            blobs.Add(ArrowIpc.Serialize(len == 0 ? [] : [whole.Slice(start, len)], df.Schema));
            start += len;
        }

        var keys = Enumerable.Range(0, n).Select(_ => NewKey("data")).ToArray();
        FlushReleases();
        _bridge.Call(new JsonObject { ["cmd"] = "scatter", ["keys"] = DaskJson.Strings(keys) }, blobs);
        Hold(keys);
        var result = new DaskDataFrame(this, df.Schema, keys.Select(k => DaskPart.Of(k, df.Schema)).ToList(), ImmutableDictionary<string, DaskTask>.Empty)
        {
            EstimatedBytes = blobs.Sum(b => (long)b.Length),
        };
        return df.HasMetadata ? result.WithMetadata(df.Metadata) : result;
    }

    private static RecordBatch Concat(Schema schema, List<RecordBatch> batches)
    {
        var builder = new RecordBatchBuilder(schema);
        var row = new object?[schema.Count];
        foreach (var b in batches)
        {
            for (var i = 0; i < b.Length; i++)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = b.GetValue(i, c);
                }

                builder.AppendRow(row);
            }
        }

        return builder.Build();
    }

    internal DaskDataFrame Dask(DataFrame df) => (DaskDataFrame)ToDf(df);

    // ---- graph building ----

    internal static string NewKey(string what) => "fugue-" + what + "-" + Guid.NewGuid().ToString("N");

    private JsonObject Stage(string op) => new() { ["op"] = op };

    /// <summary>
    /// Appends a narrow stage to every partition (fused into the partition's next task). A stage that never makes a
    /// partition larger (<paramref name="shrinks"/>: select, drop, sample) keeps the frame's size estimate.
    /// </summary>
    internal DaskDataFrame Narrow(DaskDataFrame df, JsonObject stage, Schema output, bool shrinks = false) =>
        new(this, output, df.Parts.Select(p => p.With((JsonObject)stage.DeepClone())).ToList(), df.Tasks)
        {
            EstimatedBytes = shrinks ? df.EstimatedBytes : null,
        };

    /// <summary>Turns a part into a task (unless it is a plain reference) and returns its reference.</summary>
    private string Materialize(DaskPart part, ImmutableDictionary<string, DaskTask>.Builder tasks, JsonObject? extraStage = null)
    {
        if (extraStage is null && part.Stages.Count == 0 && part.Inputs.Length == 1 && part.Groups.Length == 1)
        {
            return part.Inputs[0];
        }

        var stages = new JsonArray();
        foreach (var s in part.Stages)
        {
            stages.Add(s.DeepClone());
        }

        if (extraStage is not null)
        {
            stages.Add(extraStage);
        }

        var op = new JsonObject
        {
            ["groups"] = new JsonArray(part.Groups.Select(g => (JsonNode)g).ToArray()),
            ["schemas"] = DaskJson.Strings(part.GroupSchemas.Select(s => s.ToString())),
            ["stages"] = stages,
        };
        if (part.Sides.Length > 0)
        {
            op["sides"] = new JsonArray(part.Sides.Select(g => (JsonNode)g).ToArray());
        }

        var key = NewKey(extraStage is null ? "task" : (string)extraStage["op"]!);
        tasks[key] = new DaskTask(key, op, part.Inputs);
        return key;
    }

    /// <summary>Hash-shuffles the frame by <paramref name="keys"/> (all columns when null) into <paramref name="buckets"/> partitions.</summary>
    internal (List<List<string>> Buckets, ImmutableDictionary<string, DaskTask> Tasks) ShuffleRefs(DaskDataFrame df, IReadOnlyList<string>? keys, int buckets)
    {
        var tasks = df.Tasks.ToBuilder();
        var result = Enumerable.Range(0, buckets).Select(_ => new List<string>()).ToList();
        foreach (var part in df.Parts)
        {
            if (buckets == 1)
            {
                result[0].Add(Materialize(part, tasks));
                continue;
            }

            var split = Stage("split");
            split["keys"] = keys is null ? null : DaskJson.Strings(keys);
            split["n"] = buckets;
            var key = Materialize(part, tasks, split);
            for (var b = 0; b < buckets; b++)
            {
                result[b].Add(key + "#" + b.ToString(CultureInfo.InvariantCulture));
            }
        }

        return (result, tasks.ToImmutable());
    }

    internal DaskDataFrame Shuffle(DaskDataFrame df, IReadOnlyList<string>? keys, int buckets)
    {
        var (refs, tasks) = ShuffleRefs(df, keys, buckets);
        return new DaskDataFrame(this, df.Schema, refs.Select(r => new DaskPart([.. r], [r.Count], [df.Schema], [])).ToList(), tasks);
    }

    /// <summary>All partitions as one partition (for operations whose semantics are global).</summary>
    internal DaskDataFrame Coalesce(DaskDataFrame df) => df.Parts.Count == 1 ? df : Shuffle(df, null, 1);

    /// <summary>Two frames shuffled on their keys into the same buckets, then <paramref name="stage"/> per bucket.</summary>
    private DaskDataFrame Binary(DaskDataFrame a, DaskDataFrame b, IReadOnlyList<string>? keys, JsonObject stage, Schema output)
    {
        var n = keys is { Count: 0 } ? 1 : _defaultPartitions;
        var (ra, ta) = ShuffleRefs(a, keys, n);
        var (rb, tb) = ShuffleRefs(b, keys, n);
        var tasks = ta.SetItems(tb);
        var parts = Enumerable.Range(0, n)
            .Select(i => new DaskPart([.. ra[i], .. rb[i]], [ra[i].Count, rb[i].Count], [a.Schema, b.Schema], [(JsonObject)stage.DeepClone()]))
            .ToList();
        return new DaskDataFrame(this, output, parts, tasks);
    }

    // ---- running ----

    internal ColumnarDataFrame Collect(DaskDataFrame df)
    {
        var tasks = df.Tasks.ToBuilder();
        var refs = df.Parts.Select(p => Materialize(p, tasks)).ToList();
        var (_, blobs) = Run(tasks.ToImmutable(), refs, persist: false, out _);
        var batches = new List<RecordBatch>();
        foreach (var blob in blobs)
        {
            var (schema, bs) = ArrowIpc.Deserialize(blob);
            if (schema != df.Schema)
            {
                throw new DaskRemoteException(typeof(FugueDataFrameOperationException).FullName!, $"a partition came back with schema '{schema}' where '{df.Schema}' was expected", "", DaskFailureKind.User);
            }

            batches.AddRange(bs.Where(b => b.Length > 0));
        }

        return new ColumnarDataFrame(df.Schema, batches);
    }

    /// <summary>
    /// Submits the tasks the outputs need (with fresh keys per job) and gathers the outputs, or persists them (the reply
    /// then has <c>nbytes</c>, the persisted partitions' sizes). A CancelledError after a worker loss meant lost driver
    /// data: the Active Memory Manager had dropped its broadcast replicas (the bridge now stops it and tops replicas up
    /// before each job), and resubmitting cannot bring such data back, so it is reported, not retried.
    /// </summary>
    private (JsonObject Reply, List<byte[]> Blobs) Run(ImmutableDictionary<string, DaskTask> all, List<string> outputs, bool persist, out List<string> renamed)
    {
        var traceStart = TraceClock();
        FlushReleases();
        var suffix = "-j" + Interlocked.Increment(ref _jobs).ToString(CultureInfo.InvariantCulture);
        string Rename(string r)
        {
            var hash = r.IndexOf('#', StringComparison.Ordinal);
            var baseKey = hash < 0 ? r : r[..hash];
            return all.ContainsKey(baseKey) ? baseKey + suffix + (hash < 0 ? "" : r[hash..]) : r;
        }

        // only the tasks the outputs depend on, in dependency order
        var order = new List<DaskTask>();
        var seen = new HashSet<string>();
        void Visit(string r)
        {
            var hash = r.IndexOf('#', StringComparison.Ordinal);
            var baseKey = hash < 0 ? r : r[..hash];
            if (!all.TryGetValue(baseKey, out var t) || !seen.Add(baseKey))
            {
                return;
            }

            foreach (var i in t.Inputs)
            {
                Visit(i);
            }

            order.Add(t);
        }

        foreach (var o in outputs)
        {
            Visit(o);
        }

        var conf = DaskJson.Conf(Conf);
        var tasks = new JsonArray();
        foreach (var t in order)
        {
            var op = (JsonObject)t.Op.DeepClone();
            op["conf"] = conf.DeepClone();
            op["timeout"] = _timeout;
            tasks.Add(new JsonObject
            {
                ["key"] = t.Key + suffix,
                ["op"] = op.ToJsonString(),
                ["inputs"] = DaskJson.Strings(t.Inputs.Select(Rename)),
            });
        }

        renamed = outputs.Select(Rename).ToList();
        var header = new JsonObject { ["cmd"] = "run", ["tasks"] = tasks };
        header[persist ? "persist" : "outputs"] = DaskJson.Strings(renamed);
        // Progress by job: the cluster runs the whole graph in one call, so the partitions of the job's outputs are
        // reported before and after it (rows are not counted on the driver: RowsDone stays 0, RowsTotal unknown).
        var progress = Progress;
        progress?.Report(new FugueProgress("dask job", 0, renamed.Count, 0, null));
        try
        {
            var traceCall = TraceClock();
            var (reply, blobs) = _bridge.Call(header);
            Trace(traceStart, traceCall, tasks.Count, blobs);
            progress?.Report(new FugueProgress("dask job", renamed.Count, renamed.Count, 0, null));
            return (reply, blobs);
        }
        catch (DaskRemoteException ex) when (ex.Kind == DaskFailureKind.User && Rethrowable(ex) is { } local)
        {
            throw local;
        }
    }

    /// <summary>FUGUE_DASK_TRACE names a file that gets one JSON line per job (and per task from the workers): where the time goes.</summary>
    private static readonly string? TracePath = Environment.GetEnvironmentVariable("FUGUE_DASK_TRACE") is { Length: > 0 } t ? t : null;

    private static readonly Lock TraceLock = new();

    private static double TraceClock() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static void Trace(double start, double call, int tasks, List<byte[]> blobs)
    {
        if (TracePath is null)
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{{\"driver\": \"run\", \"t0\": {start}, \"call\": {call}, \"t1\": {TraceClock()}, \"tasks\": {tasks}, \"bytes\": {blobs.Sum(b => (long)b.Length)}}}\n");
        lock (TraceLock)
        {
            File.AppendAllText(TracePath, line);
        }
    }

    /// <summary>
    /// A user exception of the remote C# type (when it has a (message, inner) constructor), carrying the remote one (with
    /// the remote stack) as its inner exception, so callers catch the same types as on the native engine.
    /// </summary>
    private static Exception? Rethrowable(DaskRemoteException ex)
    {
        var type = Type.GetType(ex.RemoteType, throwOnError: false) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(ex.RemoteType, throwOnError: false)).FirstOrDefault(t => t is not null);
        if (type is null || !typeof(Exception).IsAssignableFrom(type))
        {
            return null;
        }

        var ctor = type.GetConstructor([typeof(string), typeof(Exception)]);
        try
        {
            return ctor?.Invoke([ex.Message, ex]) as Exception;
        }
        catch (System.Reflection.TargetInvocationException)
        {
            return null;
        }
    }

    // ---- engine operations ----

    /// <summary>Partitions by the spec's keys (a hash shuffle into its num or the default partitions), or cuts into num partitions.</summary>
    public override DataFrame Repartition(DataFrame df, PartitionSpec partitionSpec)
    {
        ArgumentNullException.ThrowIfNull(partitionSpec);
        var d = Dask(df);
        var num = EvaluateNum(partitionSpec);
        if (partitionSpec.HasPartitionKeys)
        {
            _ = partitionSpec.GetKeySchema(d.Schema);
            return Shuffle(d, partitionSpec.PartitionBy, num > 0 ? num : _defaultPartitions);
        }

        if (num <= 0)
        {
            return d;
        }

        var one = Coalesce(d);
        var tasks = one.Tasks.ToBuilder();
        var chunk = Stage("chunk");
        chunk["n"] = num;
        var key = Materialize(one.Parts[0], tasks, chunk);
        var parts = Enumerable.Range(0, num).Select(i => DaskPart.Of(key + "#" + i.ToString(CultureInfo.InvariantCulture), d.Schema)).ToList();
        return new DaskDataFrame(this, d.Schema, parts, tasks.ToImmutable());
    }

    internal int EvaluateNum(PartitionSpec spec)
    {
        if (spec.NumPartitions == "0")
        {
            return 0;
        }

        // ROWCOUNT-based expressions would need a pass over the data: they get the default partitions as the row count
        return Math.Clamp(spec.GetNumPartitions(() => _defaultPartitions, () => _threads), 1, 256);
    }

    /// <summary>Persists the frame and copies its partitions to every worker.</summary>
    public override DataFrame Broadcast(DataFrame df)
    {
        var p = (DaskDataFrame)Persist(df);
        _bridge.Call(new JsonObject { ["cmd"] = "replicate", ["keys"] = DaskJson.Strings(p.Parts.Select(x => x.Inputs[0])) });
        return p;
    }

    /// <summary>
    /// Computes the frame on the cluster and keeps its partitions there (futures held by the bridge until the returned
    /// frame and every frame built on it are garbage collected, <see cref="Unpersist"/> is called, or the engine stops);
    /// later operations start from them. Lost partitions are recomputed from their lineage. Only the first call
    /// on a frame counts. <paramref name="lazy"/> is accepted for the contract: persisting is eager.
    /// </summary>
    public override DataFrame Persist(DataFrame df, bool lazy = false, CancellationToken cancellationToken = default)
    {
        var d = Dask(df);
        if (d.Tasks.IsEmpty && d.Parts.All(p => p.Stages.Count == 0 && p.Inputs.Length == 1))
        {
            return d; // already held on the cluster
        }

        lock (_persisted)
        {
            if (_persisted.TryGetValue(d, out var done))
            {
                return done;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tasks = d.Tasks.ToBuilder();
        var refs = d.Parts.Select(p => Materialize(p, tasks)).ToList();
        var (reply, _) = Run(tasks.ToImmutable(), refs, persist: true, out var held);
        Hold(held);
        // the partitions' sizes on the cluster (unknown ones are negative) tell later joins whether to broadcast the frame
        var sizes = reply["nbytes"]?.AsArray().Select(n => (long)n!).ToList();
        var result = new DaskDataFrame(this, d.Schema, held.Select(k => DaskPart.Of(k, d.Schema)).ToList(), ImmutableDictionary<string, DaskTask>.Empty)
        {
            EstimatedBytes = sizes is { Count: > 0 } && sizes.All(n => n >= 0) ? sizes.Sum() : d.EstimatedBytes,
        };
        var withMeta = d.HasMetadata ? (DaskDataFrame)result.WithMetadata(d.Metadata) : result;
        lock (_persisted)
        {
            _persisted.AddOrUpdate(d, withMeta);
        }

        return withMeta;
    }

    /// <summary>Attaches a lease to each held key's string instance (see <see cref="DaskLease"/>).</summary>
    private void Hold(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _leases.AddOrUpdate(key, new DaskLease(new string(key.AsSpan()), _releases));
        }
    }

    /// <summary>Releases on the cluster the held partitions whose frames are gone (queued by their leases' finalizers).</summary>
    private void FlushReleases()
    {
        var keys = new List<string>();
        while (_releases.TryDequeue(out var key))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            _bridge.Call(new JsonObject { ["cmd"] = "release", ["keys"] = DaskJson.Strings(keys) });
        }
    }

    /// <summary>
    /// Releases a persisted (or broadcast, or scattered) frame's partitions on the cluster now, instead of when the frame
    /// is garbage collected. Frames built on it that have not run yet fail afterwards: unpersist when done with it.
    /// </summary>
    public void Unpersist(DataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        if (df is not DaskDataFrame d || !ReferenceEquals(d.Engine, this))
        {
            return;
        }

        var keys = new List<string>();
        foreach (var part in d.Parts)
        {
            foreach (var key in part.Inputs)
            {
                if (_leases.TryGetValue(key, out var lease) && lease.Release())
                {
                    keys.Add(key);
                }
            }
        }

        if (keys.Count > 0)
        {
            _bridge.Call(new JsonObject { ["cmd"] = "release", ["keys"] = DaskJson.Strings(keys) });
        }
    }

    /// <summary>How many partitions this engine holds on the cluster (persisted or scattered), after releasing those of collected frames (diagnostics and tests).</summary>
    public int GetHeldPartitionCount()
    {
        FlushReleases();
        var (reply, _) = _bridge.Call(new JsonObject { ["cmd"] = "info" });
        return (int)reply["held"]!;
    }

    private static EmptyDataFrame Empty(Schema s) => new(s);

    /// <inheritdoc />
    public override DataFrame Join(DataFrame df1, DataFrame df2, JoinType how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default)
    {
        var a = Dask(df1);
        var b = Dask(df2);
        var output = _local.Join(Empty(a.Schema), Empty(b.Schema), how, on).Schema; // validates like the native engine
        var keys = how == JoinType.Cross ? [] : (on is { Count: > 0 } ? on : a.Schema.Names.Where(b.Schema.Contains).ToList());
        var stage = Stage("join");
        stage["how"] = how.ToName();
        stage["on"] = on is null ? null : DaskJson.Strings(on);
        return BroadcastSide(a, b, how) switch
        {
            false => BroadcastJoin(a, b, sideLeft: false, stage, output),
            true => BroadcastJoin(b, a, sideLeft: true, stage, output),
            null => Binary(a, b, keys, stage, output),
        };
    }

    /// <summary>
    /// Which side of a join to broadcast: false for the right frame, true for the left one, null for none (a shuffle of
    /// both). A side is broadcast when its size is known and at most <see cref="BroadcastJoinThresholdKey"/>, and only
    /// where joining each partition of the other side with the whole of it gives exactly the join: the right side of
    /// inner, left outer, semi, anti and cross joins; the left side of inner, right outer and cross joins. A full outer
    /// join (unmatched rows of the broadcast side would come out once per partition) always shuffles.
    /// </summary>
    private bool? BroadcastSide(DaskDataFrame a, DaskDataFrame b, JoinType how)
    {
        var threshold = Conf.Get(BroadcastJoinThresholdKey, DefaultBroadcastThreshold);
        if (threshold <= 0)
        {
            return null;
        }

        var right = how is JoinType.Inner or JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti or JoinType.Cross
            && b.EstimatedBytes <= threshold;
        var left = how is JoinType.Inner or JoinType.RightOuter or JoinType.Cross && a.EstimatedBytes <= threshold;
        return (left, right) switch
        {
            (true, true) => a.EstimatedBytes < b.EstimatedBytes,
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
    }

    /// <summary>
    /// Joins every partition of <paramref name="big"/> with the whole <paramref name="small"/> frame (a side input of
    /// each task, which Dask copies once to each worker): no shuffle, and the join fuses with the partitions' narrow
    /// stages before and after it. <paramref name="sideLeft"/>: the small frame is the join's left side.
    /// </summary>
    private DaskDataFrame BroadcastJoin(DaskDataFrame big, DaskDataFrame small, bool sideLeft, JsonObject stage, Schema output)
    {
        var tasks = big.Tasks.SetItems(small.Tasks).ToBuilder();
        var refs = small.Parts.Select(p => Materialize(p, tasks)).ToList();
        var parts = big.Parts.Select(p =>
        {
            var group = p.Groups.Length;
            var s = (JsonObject)stage.DeepClone();
            s["side"] = group;
            s["sideLeft"] = sideLeft;
            return new DaskPart([.. p.Inputs, .. refs], [.. p.Groups, refs.Count], [.. p.GroupSchemas, small.Schema], [.. p.Stages, s])
            {
                Sides = p.Sides.Add(group),
            };
        }).ToList();
        return new DaskDataFrame(this, output, parts, tasks.ToImmutable());
    }

    /// <inheritdoc />
    public override DataFrame Union(DataFrame df1, DataFrame df2, bool distinct = true)
    {
        var a = Dask(df1);
        var b = Dask(df2);
        var output = _local.Union(Empty(a.Schema), Empty(b.Schema), distinct).Schema;
        if (!distinct)
        {
            return new DaskDataFrame(this, output, [.. a.Parts, .. b.Parts], a.Tasks.SetItems(b.Tasks));
        }

        var stage = Stage("union");
        stage["distinct"] = true;
        return Binary(a, b, null, stage, output);
    }

    /// <inheritdoc />
    public override DataFrame Subtract(DataFrame df1, DataFrame df2, bool distinct = true) => SetOp("subtract", df1, df2, distinct, _local.Subtract);

    /// <inheritdoc />
    public override DataFrame Intersect(DataFrame df1, DataFrame df2, bool distinct = true) => SetOp("intersect", df1, df2, distinct, _local.Intersect);

    private DaskDataFrame SetOp(string op, DataFrame df1, DataFrame df2, bool distinct, Func<DataFrame, DataFrame, bool, DataFrame> check)
    {
        var a = Dask(df1);
        var b = Dask(df2);
        var output = check(Empty(a.Schema), Empty(b.Schema), distinct).Schema;
        var stage = Stage(op);
        stage["distinct"] = distinct;
        return Binary(a, b, null, stage, output);
    }

    /// <inheritdoc />
    public override DataFrame Distinct(DataFrame df)
    {
        var d = Dask(df);
        return Narrow(Shuffle(d, null, _defaultPartitions), Stage("distinct"), _local.Distinct(Empty(d.Schema)).Schema);
    }

    /// <inheritdoc />
    public override DataFrame DropNa(DataFrame df, DropNaHow how = DropNaHow.Any, int? thresh = null, IReadOnlyList<string>? subset = null)
    {
        var d = Dask(df);
        var output = _local.DropNa(Empty(d.Schema), how, thresh, subset).Schema;
        var stage = Stage("dropna");
        stage["how"] = how.ToString();
        stage["thresh"] = thresh;
        stage["subset"] = subset is null ? null : DaskJson.Strings(subset);
        return Narrow(d, stage, output, shrinks: true);
    }

    /// <inheritdoc />
    public override DataFrame FillNa(DataFrame df, object value, IReadOnlyList<string>? subset = null)
    {
        var d = Dask(df);
        var output = _local.FillNa(Empty(d.Schema), value, subset).Schema;
        var stage = Stage("fillna");
        stage["value"] = DelegateShipping.EncodeValue(value, "the fill value");
        stage["subset"] = subset is null ? null : DaskJson.Strings(subset);
        return Narrow(d, stage, output);
    }

    /// <inheritdoc />
    public override DataFrame FillNa(DataFrame df, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var d = Dask(df);
        var output = _local.FillNa(Empty(d.Schema), values).Schema;
        var stage = Stage("fillna");
        var o = new JsonObject();
        foreach (var (k, v) in values)
        {
            o[k] = DelegateShipping.EncodeValue(v, "the fill value of " + k);
        }

        stage["values"] = o;
        return Narrow(d, stage, output);
    }

    /// <summary>A fraction samples each partition (with the seed); <paramref name="n"/> rows sample the whole frame in one task.</summary>
    public override DataFrame Sample(DataFrame df, int? n = null, double? frac = null, bool replace = false, int? seed = null)
    {
        var d = Dask(df);
        var output = _local.Sample(Empty(d.Schema), n, frac, replace, seed).Schema;
        var stage = Stage("sample");
        stage["n"] = n;
        stage["frac"] = frac;
        stage["replace"] = replace;
        stage["seed"] = seed;
        return Narrow(n is null ? d : Coalesce(d), stage, output);
    }

    /// <summary>Per key group: a shuffle by the keys, then a take per bucket; overall: a take per partition, then one on their union.</summary>
    public override DataFrame Take(DataFrame df, int n, string? presort = null, NullPosition nullPosition = NullPosition.Last, PartitionSpec? partitionSpec = null)
    {
        var d = Dask(df);
        var output = _local.Take(Empty(d.Schema), n, presort, nullPosition, partitionSpec).Schema;
        var stage = Stage("take");
        stage["n"] = n;
        stage["presort"] = presort;
        stage["nulls"] = nullPosition.ToString();
        stage["spec"] = partitionSpec is null ? null : DaskJson.Spec(partitionSpec);
        if (partitionSpec is { HasPartitionKeys: true })
        {
            return Narrow(Shuffle(d, partitionSpec.PartitionBy, _defaultPartitions), stage, output);
        }

        return Narrow(Coalesce(Narrow(d, stage, output)), (JsonObject)stage.DeepClone(), output);
    }

    /// <summary>
    /// Co-partitions the frames by the zip keys (a hash shuffle of each into the same buckets; cross zips use one bucket).
    /// The result reads as the native zipped frame does (the key rows) and is consumed by <see cref="Comap"/>.
    /// </summary>
    public override DataFrame Zip(DataFrames dfs, JoinType how = JoinType.Inner, PartitionSpec? partitionSpec = null)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        var inputs = dfs.Values.Select(Dask).ToList();
        var empties = dfs.HasKey
            ? new DataFrames(dfs.Keys.Zip(inputs, (k, f) => KeyValuePair.Create(k, (DataFrame)Empty(f.Schema))))
            : new DataFrames(inputs.Select(f => (DataFrame)Empty(f.Schema)));
        var probe = (ZippedDataFrame)_local.Zip(empties, how, partitionSpec);
        var keys = probe.Keys;
        var n = keys.Count == 0 ? 1 : _defaultPartitions;
        var tasks = ImmutableDictionary<string, DaskTask>.Empty;
        var perInput = new List<List<List<string>>>();
        foreach (var f in inputs)
        {
            var (refs, t) = ShuffleRefs(f, keys.Count == 0 ? null : keys.Where(f.Schema.Contains).ToList(), n);
            perInput.Add(refs);
            tasks = tasks.SetItems(t);
        }

        var zipSpec = DaskJson.Spec(partitionSpec ?? PartitionSpec.Empty);
        var names = dfs.HasKey ? dfs.Keys.ToArray() : null;
        var buckets = new List<IReadOnlyList<DaskPart>>();
        var parts = new List<DaskPart>();
        for (var i = 0; i < n; i++)
        {
            var bucketParts = inputs.Select((f, j) => new DaskPart([.. perInput[j][i]], [perInput[j][i].Count], [f.Schema], [])).ToList();
            buckets.Add(bucketParts);
            var stage = Stage("zip");
            stage["names"] = names is null ? null : DaskJson.Strings(names);
            stage["how"] = how.ToName();
            stage["zipSpec"] = zipSpec.DeepClone();
            parts.Add(Combine(bucketParts, stage));
        }

        var result = new DaskDataFrame(this, probe.Schema, parts, tasks)
        {
            Zip = new DaskZip(buckets, [.. inputs.Select(f => f.Schema)], names, how.ToName(), zipSpec),
        };
        return result.WithMetadata(probe.Metadata);
    }

    private static DaskPart Combine(IReadOnlyList<DaskPart> bucketParts, JsonObject stage) =>
        new(
            [.. bucketParts.SelectMany(p => p.Inputs)],
            [.. bucketParts.Select(p => p.Inputs.Length)],
            [.. bucketParts.Select(p => p.GroupSchemas[0])],
            [stage]);

    /// <inheritdoc />
    public override DataFrame Comap(DataFrame df, CoMapFunc mapFunc, Schema outputSchema, PartitionSpec? partitionSpec = null, CoMapInitFunc? onInit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(mapFunc);
        ArgumentNullException.ThrowIfNull(outputSchema);
        var zip = (df as DaskDataFrame)?.Zip
            ?? throw new ArgumentException($"Comap needs a frame made by {nameof(Zip)} of this engine, got {df.GetType().Name}");
        var func = DelegateShipping.Serialize(mapFunc);
        var init = onInit is null ? null : DelegateShipping.Serialize(onInit);
        var spec = DaskJson.Spec(partitionSpec ?? PartitionSpec.Empty);
        var d = (DaskDataFrame)df;
        var parts = zip.Buckets.Select(bucket =>
        {
            var stage = Stage("comap");
            stage["names"] = zip.Names is null ? null : DaskJson.Strings(zip.Names);
            stage["how"] = zip.How;
            stage["zipSpec"] = zip.ZipSpec.DeepClone();
            stage["spec"] = spec.DeepClone();
            stage["func"] = func.DeepClone();
            stage["init"] = init?.DeepClone();
            stage["output"] = outputSchema.ToString();
            return Combine(bucket, stage);
        }).ToList();
        return new DaskDataFrame(this, outputSchema, parts, d.Tasks);
    }

    /// <summary>
    /// Runs a registered transformer (<see cref="Fugue.Transformers.TransformerRegistry"/>, by its stable name
    /// "Namespace.Type.Method") per logical partition on the workers; see the <see cref="Fugue.Transformers.TransformerHandle"/> overload.
    /// </summary>
    /// <exception cref="Fugue.Transformers.FugueTransformerException">The name is not registered.</exception>
    public DataFrame Transform(DataFrame df, string transformerName, PartitionSpec? partitionSpec = null, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(transformerName);
        return Transform(df, Fugue.Transformers.TransformerHandle.FromName(transformerName), partitionSpec, parameters);
    }

    /// <summary>
    /// Ships the transformer by registry name: only the name, its adapter's assembly, the encoded parameters and the
    /// ignored error types travel, and each task runs it with its in-process native engine's typed entry point (so the
    /// run rules, the context and the conf are the native engine's), with no reflection over the user's code.
    /// </summary>
    public override DataFrame Transform(
        DataFrame df,
        Fugue.Transformers.TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        var registration = HandleRegistration(transformer);
        var input = Dask(df);
        var adapter = registration.CreateTransformer(@params);
        Fugue.Transformers.TransformerValidation.Validate(adapter.ValidationRules, partition ?? PartitionSpec.Empty, input.Schema);
        var output = adapter.GetOutputSchema(input.Schema);
        var stage = TransformerStage("transform", registration.Name, adapter, @params, ignoreErrors, output);
        return TransformerMapStage(input, stage, output, partition);
    }

    /// <summary>Ships the output transformer by registry name (as <see cref="Transform(DataFrame, Fugue.Transformers.TransformerHandle, PartitionSpec?, IReadOnlyDictionary{string, object?}?, IReadOnlyList{Type}?, CancellationToken)"/>) and runs the stage now.</summary>
    public override void OutTransform(
        DataFrame df,
        Fugue.Transformers.TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        var registration = HandleRegistration(transformer);
        var input = Dask(df);
        var adapter = registration.CreateOutputTransformer(@params);
        Fugue.Transformers.TransformerValidation.Validate(adapter.ValidationRules, partition ?? PartitionSpec.Empty, input.Schema);
        var stage = TransformerStage("outtransform", registration.Name, adapter, @params, ignoreErrors, NoOutputSchema);
        var result = TransformerMapStage(input, stage, NoOutputSchema, partition);
        Run(result, cancellationToken);
    }

    /// <summary>Ships the co-transformer by registry name with the zip's buckets; each task re-zips its bucket and runs it natively.</summary>
    public override DataFrame CoTransform(
        DataFrame zipped,
        Fugue.Transformers.TransformerHandle cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipped);
        var registration = HandleRegistration(cotransformer);
        var adapter = registration.CreateCoTransformer(@params);
        var output = adapter.GetOutputSchema(new DataFrames());
        var stage = TransformerStage("cotransform", registration.Name, adapter, @params, ignoreErrors, output);
        return ZippedStage(zipped, stage, output, partition);
    }

    /// <summary>Ships the output co-transformer by registry name and runs the stage now.</summary>
    public override void OutCoTransform(
        DataFrame zipped,
        Fugue.Transformers.TransformerHandle cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipped);
        var registration = HandleRegistration(cotransformer);
        var adapter = registration.CreateOutputCoTransformer(@params);
        var stage = TransformerStage("outcotransform", registration.Name, adapter, @params, ignoreErrors, NoOutputSchema);
        Run(ZippedStage(zipped, stage, NoOutputSchema, partition), cancellationToken);
    }

    /// <summary>
    /// A transformer without partition keys sees the whole frame as one partition (as on the native engine, which the
    /// conformance suite requires), so the input is coalesced into one task first, unless
    /// <see cref="KeylessPerPartitionKey"/> is set: then it runs once per physical partition, fused with the partition's
    /// other narrow stages (Fugue's behaviour on distributed engines, and no single-task bottleneck). With keys, the map
    /// engine shuffles by them.
    /// </summary>
    private DataFrame TransformerMapStage(DaskDataFrame input, JsonObject stage, Schema output, PartitionSpec? partition)
    {
        var spec = partition ?? PartitionSpec.Empty;
        var perPartition = spec.HasPartitionKeys || (spec.NumPartitions == "0" && Conf.Get(KeylessPerPartitionKey, false));
        return ((DaskMapEngine)MapEngine).MapStage(perPartition ? input : Coalesce(input), stage, output, spec);
    }

    /// <summary>
    /// Appends a keyed map (or transform) stage to the buckets of a key shuffle with the native engine's frame-wide group
    /// numbers: a task per bucket lists its distinct keys (sorted), one task ranks all of them as the native engine
    /// orders groups (keys in the spec's order, nulls last) and gives each bucket the numbers of its groups, and each
    /// bucket's task renumbers the cursor's <see cref="PartitionCursor.PartitionNo"/> with them. All in the same job
    /// (lazy); only the keys travel.
    /// </summary>
    internal DaskDataFrame NumberedGroups(DaskDataFrame shuffled, Schema inputSchema, PartitionSpec spec, JsonObject stage, Schema output)
    {
        if (shuffled.Parts.Count == 1)
        {
            return Narrow(shuffled, stage, output);
        }

        var keys = spec.PartitionBy;
        var keySchema = inputSchema.Extract(keys);
        var ascending = new JsonArray(spec.GetSorts(inputSchema, withPartitionKeys: true).Take(keys.Count).Select(k => (JsonNode)k.Ascending).ToArray());
        var tasks = shuffled.Tasks.ToBuilder();
        var keyRefs = new List<string>();
        foreach (var part in shuffled.Parts)
        {
            var distinct = Stage("groupkeys");
            distinct["keys"] = DaskJson.Strings(keys);
            distinct["asc"] = ascending.DeepClone();
            keyRefs.Add(Materialize(part, tasks, distinct));
        }

        var numbering = NewKey("numbering");
        var rank = Stage("numbering");
        rank["asc"] = ascending.DeepClone();
        tasks[numbering] = new DaskTask(
            numbering,
            new JsonObject
            {
                ["groups"] = new JsonArray(keyRefs.Select(_ => (JsonNode)1).ToArray()),
                ["schemas"] = DaskJson.Strings(keyRefs.Select(_ => keySchema.ToString())),
                ["stages"] = new JsonArray(rank),
            },
            [.. keyRefs]);
        var parts = shuffled.Parts.Select((p, b) =>
        {
            var s = (JsonObject)stage.DeepClone();
            s["numbered"] = true;
            return new DaskPart(
                [.. p.Inputs, numbering + "#" + b.ToString(CultureInfo.InvariantCulture)],
                [.. p.Groups, 1],
                [.. p.GroupSchemas, DaskGroupNumbering.NumberSchema],
                [.. p.Stages, s]) { Sides = p.Sides };
        }).ToList();
        return new DaskDataFrame(this, output, parts, tasks.ToImmutable());
    }

    private static readonly Schema NoOutputSchema = Schema.Parse("__output_no_data__:int");

    private static Fugue.Transformers.TransformerRegistration HandleRegistration(Fugue.Transformers.TransformerHandle handle) =>
        handle.Registration ?? throw new ArgumentException("The transformer handle is empty (default); create it with TransformerHandle.From or FromName.", nameof(handle));

    /// <summary>The stage of a transformer shipped by name; bad ignored types fail here, on the driver, as on the native engine.</summary>
    private static JsonObject TransformerStage(string op, string name, object adapter, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<Type>? ignoreErrors, Schema output)
    {
        var p = new JsonObject();
        foreach (var (k, v) in parameters ?? new Dictionary<string, object?>())
        {
            p[k] = DelegateShipping.EncodeValue(v, "transformer parameter " + k);
        }

        var ignore = new JsonArray();
        foreach (var type in ignoreErrors ?? [])
        {
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"ignoreErrors must list exception types, got '{type?.FullName ?? "null"}'.", nameof(ignoreErrors));
            }

            ignore.Add(type.AssemblyQualifiedName);
        }

        return new JsonObject
        {
            ["op"] = op,
            ["name"] = name,
            ["asm"] = adapter.GetType().Assembly.FullName,
            ["params"] = p,
            ["ignore"] = ignore,
            ["output"] = output.ToString(),
        };
    }

    /// <summary>One stage per zip bucket, carrying what the executor needs to rebuild the bucket's zipped frame.</summary>
    private DaskDataFrame ZippedStage(DataFrame zipped, JsonObject stage, Schema output, PartitionSpec? partition)
    {
        var d = zipped as DaskDataFrame;
        var zip = d?.Zip
            ?? throw new ArgumentException($"a co-transformer needs a frame made by {nameof(Zip)} of this engine, got {zipped.GetType().Name}", nameof(zipped));
        var spec = DaskJson.Spec(partition ?? PartitionSpec.Empty);
        var parts = zip.Buckets.Select(bucket =>
        {
            var s = (JsonObject)stage.DeepClone();
            s["names"] = zip.Names is null ? null : DaskJson.Strings(zip.Names);
            s["how"] = zip.How;
            s["zipSpec"] = zip.ZipSpec.DeepClone();
            s["spec"] = spec.DeepClone();
            return Combine(bucket, s);
        }).ToList();
        return new DaskDataFrame(this, output, parts, d!.Tasks);
    }

    /// <summary>Runs an output stage now (its tasks' side effects are the point; the empty result is dropped).</summary>
    private static void Run(DataFrame result, CancellationToken cancellationToken)
    {
        foreach (var unused in result.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The projection of a frame onto some of its columns: a narrow stage, fused into the partitions' tasks.</summary>
    internal DataFrame Project(DaskDataFrame df, Schema schema)
    {
        var stage = Stage("select");
        stage["columns"] = DaskJson.Strings(schema.Names);
        return Narrow(df, stage, schema, shrinks: true);
    }

    /// <summary>The frame with its columns renamed to <paramref name="schema"/>'s names (same order and types): a narrow stage.</summary>
    internal DataFrame RenameColumns(DaskDataFrame df, Schema schema)
    {
        var stage = Stage("rename");
        stage["names"] = DaskJson.Strings(schema.Names);
        return Narrow(df, stage, schema, shrinks: true); // same bytes, other names
    }

    /// <summary>The frame with columns cast to <paramref name="schema"/>'s types (same names and order): a narrow stage.</summary>
    internal DataFrame AlterColumns(DaskDataFrame df, Schema schema)
    {
        var stage = Stage("alter");
        stage["schema"] = schema.ToString();
        return Narrow(df, stage, schema);
    }
}
