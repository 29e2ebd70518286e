using System.Diagnostics;
using System.Globalization;
using Fugue.Execution;
using Spectre.Console;

namespace Quickstart;

/// <summary>
/// Runs the pipeline's steps with a progress bar each (Spectre.Console), fed by the engine's progress reports
/// (<see cref="ExecutionEngine.Progress"/>: partitions and rows done of the total). Without a terminal each step
/// prints one line when it is done instead.
/// </summary>
internal static class StepRunner
{
    /// <summary>Calls <paramref name="steps"/> with a function that runs one named step.</summary>
    public static void Run(ExecutionEngine engine, Action<Action<string, Action>> steps)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            steps((description, action) =>
            {
                var watch = Stopwatch.StartNew();
                action();
                AnsiConsole.WriteLine($"done: {description} ({watch.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
            });
            AnsiConsole.WriteLine();
            return;
        }

        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx => steps((description, action) =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: 1.0);
                engine.Progress = new SyncProgress<FugueProgress>(p =>
                {
                    if (p.Fraction is { } f)
                    {
                        task.Value = Math.Max(task.Value, f);
                    }
                });
                try
                {
                    action();
                }
                finally
                {
                    engine.Progress = null;
                }

                task.Value = task.MaxValue;
                task.StopTask();
            }));
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the reporting thread (Progress&lt;T&gt; would post to the thread pool, after the step).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
