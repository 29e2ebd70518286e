using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Fugue.Dask;

// The executor a Dask worker plugin starts: reads task frames on stdin, runs them (DaskOperations), writes replies on
// stdout. It exits at stdin EOF and when its parent (the worker) dies (a ppid watchdog: PR_SET_PDEATHSIG is per thread).
var appDir = args.Length >= 2 && args[0] == "--app-dir" ? args[1] : AppContext.BaseDirectory;
AssemblyLoadContext.Default.Resolving += (context, name) =>
{
    var path = Path.Combine(appDir, name.Name + ".dll");
    return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
};

var parent = ParentPid();
var watchdog = new Thread(() =>
{
    while (true)
    {
        Thread.Sleep(500);
        if (ParentPid() != parent)
        {
            Environment.Exit(3);
        }
    }
})
{ IsBackground = true };
watchdog.Start();

var stdin = Console.OpenStandardInput();
var stdout = Console.OpenStandardOutput();
// stdout carries the frames: whatever user code prints goes to stderr (the executor's log file on the worker)
Console.SetOut(Console.Error);
// compile the common task paths while the executor waits for its first task (a restarted worker's executor is cold)
new Thread(DaskWarmUp.Run) { IsBackground = true, Name = "fugue-warm-up" }.Start();
var pid = Environment.ProcessId;
while (true)
{
    var frame = DaskWire.Read(stdin);
    if (frame is null)
    {
        return 0;
    }

    var (header, blobs) = frame.Value;
    var watch = Stopwatch.StartNew();
    JsonObject reply;
    List<byte[]> outputs;
    try
    {
        var inputs = DaskSharedMemory.ResolveInputs(header, blobs);
        var tIn = watch.Elapsed.TotalMicroseconds;
        var (multi, outs) = DaskOperations.Execute(header, inputs);
        var tEx = watch.Elapsed.TotalMicroseconds;
        reply = new JsonObject { ["ok"] = true, ["multi"] = multi, ["pid"] = pid };
        outputs = DaskSharedMemory.HandOver(header, reply, outs);
        // the outputs are encoded: the inputs' memory files can go (their columns are not used after the task)
        DaskSharedMemory.ReleaseInputs();
        // for FUGUE_DASK_TRACE: microseconds taking the inputs, running the stages, handing the outputs over
        reply["io"] = new JsonArray(tIn, tEx - tIn, watch.Elapsed.TotalMicroseconds - tEx);
        reply["us"] = watch.Elapsed.TotalMicroseconds;
    }
    catch (Exception ex)
    {
        var e = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
        outputs = [];
        reply = new JsonObject { ["ok"] = false, ["type"] = e.GetType().FullName, ["error"] = e.Message, ["stack"] = e.ToString(), ["pid"] = pid };
    }

    DaskWire.Write(stdout, reply, outputs);
}

static int ParentPid()
{
    // /proc/self/stat: "pid (comm) state ppid ..."; comm may contain spaces, so parse after the last ')'
    var stat = File.ReadAllText("/proc/self/stat");
    var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return int.Parse(rest[1], CultureInfo.InvariantCulture);
}
