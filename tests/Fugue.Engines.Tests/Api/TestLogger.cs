using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fugue.Engines.Tests.Api;

/// <summary>Captures every log entry (all levels enabled) with its formatted message and exception.</summary>
public sealed class TestLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries => _entries.ToArray();

    public IReadOnlyList<string> Messages => _entries.Select(e => e.Message).ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));
}

/// <summary>A synchronous progress sink (Progress&lt;T&gt; would post to the thread pool).</summary>
public sealed class ProgressLog<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();

    public IReadOnlyList<T> Reports => _reports.ToArray();

    public void Report(T value) => _reports.Enqueue(value);
}
