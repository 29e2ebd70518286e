using System.Runtime.ExceptionServices;

namespace Fugue.Native;

/// <summary>
/// Runs indexed work items on up to <c>parallelism</c> threads and returns the results in index order, so the output
/// order never depends on scheduling. The first failure stops the run and is rethrown unwrapped; cancellation
/// surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class NativeParallel
{
    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>-1 with a per-thread state from <paramref name="init"/>.</summary>
    public static T[] Run<TState, T>(int count, int parallelism, Func<TState> init, Func<TState, int, T> body, CancellationToken cancellationToken)
    {
        var results = new T[count];
        if (parallelism <= 1 || count <= 1)
        {
            var state = init();
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = body(state, i);
            }

            return results;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(
                0,
                count,
                options,
                init,
                (i, loop, state) =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results[i] = body(state, (int)i);
                    return state;
                },
                _ => { });
        }
        catch (AggregateException ex)
        {
            var inner = ex.Flatten().InnerExceptions;
            var first = inner.FirstOrDefault(e => e is not OperationCanceledException) ?? inner[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }

        return results;
    }

    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>-1 on up to <paramref name="parallelism"/> threads.</summary>
    public static void For(int count, int parallelism, Action<int> body, CancellationToken cancellationToken)
    {
        if (parallelism <= 1 || count <= 1)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(i);
            }

            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, count, options, i =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(i);
            });
        }
        catch (AggregateException ex)
        {
            var inner = ex.Flatten().InnerExceptions;
            var first = inner.FirstOrDefault(e => e is not OperationCanceledException) ?? inner[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }

    /// <summary>
    /// Cuts the segments of <paramref name="starts"/> (segment g is [starts[g], starts[g + 1])) into at most
    /// <paramref name="pieces"/> contiguous runs of about equal rows; the result holds the first segment of each run
    /// and a final entry equal to the segment count, so run c is segments [result[c], result[c + 1]).
    /// </summary>
    public static int[] Chunks(ReadOnlySpan<int> starts, int pieces)
    {
        var segments = starts.Length - 1;
        var result = new List<int> { 0 };
        if (segments <= 0)
        {
            return [0, 0];
        }

        var total = (long)starts[segments] - starts[0];
        var target = Math.Max(1, total / Math.Max(1, pieces));
        var next = starts[0] + target;
        for (var g = 1; g < segments; g++)
        {
            if (starts[g] >= next)
            {
                result.Add(g);
                next = starts[g] + target;
            }
        }

        result.Add(segments);
        return result.ToArray();
    }
}
