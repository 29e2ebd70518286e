using System.Globalization;
using System.Text;
using Fugue.Workloads;

// One workload per process (WORKLOADS.md section 2): run it once, print the RESULT line, exit.
// Exit codes: 0 ok, 1 check mismatch, 2 usage, 3 failure.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var timer = new StepTimer();
Dictionary<string, double> checks;
try
{
    // --repeat (profiling only): earlier runs warm the JIT; their step times go to stderr
    for (var run = 1; run < options.Repeat; run++)
    {
        var warm = new StepTimer();
        new Workloads(options, warm).Run();
        Console.Error.WriteLine($"run {run}: " + string.Join(", ", warm.Steps.Select(s => $"{s.Key} {s.Value:0.000} s")));
    }

    checks = new Workloads(options, timer).Run();
}
catch (Exception e)
{
    Console.Error.WriteLine($"{options.System} {options.Workload} {options.Size} FAILED: {e}");
    return 3;
}

static string Num(double v) => ExpectedChecks.Format(v);
static string Secs(double v) => v.ToString("0.000000", CultureInfo.InvariantCulture);
var json = new StringBuilder();
json.Append("{\"system\":\"").Append(options.System).Append("\",\"workload\":\"").Append(options.Workload)
    .Append("\",\"size\":\"").Append(options.Size).Append("\",\"steps\":{");
json.AppendJoin(',', timer.Steps.Select(s => $"\"{s.Key}\":{Secs(s.Value)}"));
json.Append("},\"total\":").Append(Secs(timer.Steps.Sum(s => s.Value))).Append(",\"checks\":{");
json.AppendJoin(',', checks.Select(c => $"\"{c.Key}\":\"{Num(c.Value)}\""));
json.Append("}}");
Console.WriteLine("RESULT " + json);

var expected = ExpectedChecks.For(options.Size, options.Workload);
if (expected is null)
{
    Console.Error.WriteLine($"note: no reference check values for size '{options.Size}'");
    return 0;
}

var bad = ExpectedChecks.Compare(expected, checks);
if (bad.Count > 0)
{
    Console.Error.WriteLine($"!!! CHECK MISMATCH {options.System} {options.Workload} {options.Size}: {string.Join("; ", bad)}");
    return 1;
}

return 0;
