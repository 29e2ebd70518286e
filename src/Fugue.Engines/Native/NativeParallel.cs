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
}
