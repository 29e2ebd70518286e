using System.Diagnostics;
using System.Runtime;

namespace Fugue.Workloads;

/// <summary>Times named steps with a monotonic clock (<see cref="Stopwatch"/>), in seconds, in the order they ran.</summary>
public sealed class StepTimer
{
    private readonly List<KeyValuePair<string, double>> _steps = [];

    /// <summary>The steps run so far with their seconds (a repeated name adds up).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Steps => _steps;

    /// <summary>Runs <paramref name="step"/> and records its time under <paramref name="name"/>.</summary>
    public T Step<T>(string name, Func<T> step)
    {
        var jitMethods = JitInfo.GetCompiledMethodCount();
        var jitTime = JitInfo.GetCompilationTime();
        var gcs = GC.CollectionCount(0);
        var gcPause = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var result = step();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (ReportJit)
        {
            // Where a fresh process's first run of a step goes: methods the JIT compiled inside the step (ReadyToRun
            // does not precompile everything) and the time it took.
            Console.Error.WriteLine(
                $"step {name}: {seconds * 1000:F1} ms, JIT {JitInfo.GetCompiledMethodCount() - jitMethods} methods " +
                $"{(JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F1} ms, GC {GC.CollectionCount(0) - gcs} collections " +
                $"{(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:F1} ms paused");
        }

        Record(name, seconds);
        return result;
    }

    /// <summary>Whether each step reports its JIT and GC work on stderr (<c>FUGUE_BENCH_JIT=1</c>).</summary>
    private static readonly bool ReportJit = Environment.GetEnvironmentVariable("FUGUE_BENCH_JIT") == "1";

    /// <summary>Runs <paramref name="step"/> and records its time under <paramref name="name"/>.</summary>
    public void Step(string name, Action step) => Step(name, () =>
    {
        step();
        return 0;
    });

    private void Record(string name, double seconds)
    {
        var i = _steps.FindIndex(s => s.Key == name);
        if (i < 0)
        {
            _steps.Add(KeyValuePair.Create(name, seconds));
        }
        else
        {
            _steps[i] = KeyValuePair.Create(name, _steps[i].Value + seconds);
        }
    }
}
