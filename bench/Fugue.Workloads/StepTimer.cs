using System.Diagnostics;

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
        var start = Stopwatch.GetTimestamp();
        var result = step();
        Record(name, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return result;
    }

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
