using System.Collections;

namespace Fugue.Frames;

/// <summary>
/// The source of a stream frame. A single-pass source can be read once: peeking buffers items ahead (so peeks and
/// heads do not lose data) and a second read raises a clear error instead of silently yielding nothing. A replayable
/// source (a factory) is simply re-opened on every read.
/// </summary>
internal sealed class Lookahead<T>
{
    private readonly Func<IEnumerable<T>>? _factory;
    private readonly IEnumerable<T>? _source;
    private readonly List<T> _buffer = [];
    private readonly string _owner;
    private IEnumerator<T>? _enumerator;
    private bool _exhausted;
    private bool _consumed;

    private Lookahead(IEnumerable<T>? source, Func<IEnumerable<T>>? factory, string owner)
    {
        _source = source;
        _factory = factory;
        _owner = owner;
    }

    /// <summary>The object the stream was built from (the enumerable or the factory).</summary>
    public object Native => (object?)_factory ?? _source!;

    /// <summary>True when every read re-opens the source.</summary>
    public bool IsReplayable => _factory is not null;

    /// <summary>True once a single-pass source has been handed out for reading.</summary>
    public bool IsConsumed => _consumed;

    public static Lookahead<T> SinglePass(IEnumerable<T> source, string owner) =>
        new(source ?? throw new ArgumentNullException(nameof(source)), null, owner);

    public static Lookahead<T> Replayable(Func<IEnumerable<T>> factory, string owner) =>
        new(null, factory ?? throw new ArgumentNullException(nameof(factory)), owner);

    /// <summary>
    /// The first items of the stream, read until <paramref name="enough"/> holds or the stream ends, without
    /// consuming them (single-pass sources buffer them for the later read).
    /// </summary>
    public IReadOnlyList<T> Peek(Func<IReadOnlyList<T>, bool> enough)
    {
        if (_factory is not null)
        {
            var list = new List<T>();
            if (enough(list))
            {
                return list;
            }

            foreach (var item in _factory())
            {
                list.Add(item);
                if (enough(list))
                {
                    break;
                }
            }

            return list;
        }

        ThrowIfConsumed();
        while (!_exhausted && !enough(_buffer))
        {
            _enumerator ??= _source!.GetEnumerator();
            if (_enumerator.MoveNext())
            {
                _buffer.Add(_enumerator.Current);
            }
            else
            {
                _exhausted = true;
                _enumerator.Dispose();
            }
        }

        return _buffer;
    }

    /// <summary>Reads the stream. For a single-pass source the check happens when enumeration starts.</summary>
    public IEnumerable<T> Open() => _factory is not null ? _factory() : Drain();

    /// <summary>A stream of <paramref name="transform"/> applied to this one; it reads this stream only when it is read.</summary>
    public Lookahead<TOut> Derive<TOut>(Func<IEnumerable<T>, IEnumerable<TOut>> transform, string owner) =>
        _factory is not null
            ? Lookahead<TOut>.Replayable(() => transform(_factory()), owner)
            : Lookahead<TOut>.SinglePass(new Deferred<TOut>(() => transform(Drain())), owner);

    private IEnumerable<T> Drain()
    {
        ThrowIfConsumed();
        _consumed = true;
        foreach (var item in _buffer)
        {
            yield return item;
        }

        _buffer.Clear();
        if (_exhausted)
        {
            yield break;
        }

        _enumerator ??= _source!.GetEnumerator();
        try
        {
            while (_enumerator.MoveNext())
            {
                yield return _enumerator.Current;
            }
        }
        finally
        {
            _exhausted = true;
            _enumerator.Dispose();
        }
    }

    private void ThrowIfConsumed()
    {
        if (_consumed)
        {
            throw new InvalidOperationException(
                $"the {_owner} is a single-pass stream that was already read; call AsLocalBounded() (which caches it) before reading it more than once");
        }
    }

    private sealed class Deferred<TOut>(Func<IEnumerable<TOut>> open) : IEnumerable<TOut>
    {
        public IEnumerator<TOut> GetEnumerator() => open().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
