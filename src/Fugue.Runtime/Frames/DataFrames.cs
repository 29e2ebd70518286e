using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fugue.Frames;

/// <summary>
/// An immutable ordered collection of frames, either all named (<see cref="HasKey"/>) or all positional (keys
/// <c>_0</c>, <c>_1</c>, ...), as zip and comap need. Enumerates the frames in order; indexable by position and by key.
/// </summary>
public sealed class DataFrames : IReadOnlyList<DataFrame>
{
    private readonly DataFrame[] _frames;
    private readonly string[] _keys;
    private readonly Dictionary<string, int> _index;

    /// <summary>An empty collection.</summary>
    public static DataFrames Empty { get; } = new(Array.Empty<DataFrame>());

    /// <summary>Positional frames (keys <c>_0</c>, <c>_1</c>, ...).</summary>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    public DataFrames(params IEnumerable<DataFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        _frames = frames.ToArray();
        _keys = new string[_frames.Length];
        for (var i = 0; i < _frames.Length; i++)
        {
            if (_frames[i] is null)
            {
                throw new ArgumentNullException(nameof(frames), $"frame {i} is null");
            }

            _keys[i] = PositionalKey(i);
        }

        _index = BuildIndex(_keys);
        HasKey = false;
    }

    /// <summary>Named frames in the given order.</summary>
    /// <exception cref="FugueDataFrameInitException">A name is repeated, null or empty.</exception>
    public DataFrames(IEnumerable<KeyValuePair<string, DataFrame>> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var pairs = frames.ToArray();
        _frames = new DataFrame[pairs.Length];
        _keys = new string[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (string.IsNullOrEmpty(pairs[i].Key))
            {
                throw new FugueDataFrameInitException($"frame {i} has a null or empty name");
            }

            _keys[i] = pairs[i].Key;
            _frames[i] = pairs[i].Value ?? throw new ArgumentNullException(nameof(frames), $"frame '{pairs[i].Key}' is null");
        }

        _index = BuildIndex(_keys);
        HasKey = _frames.Length > 0;
    }

    private DataFrames(DataFrame[] frames, string[] keys, bool hasKey)
    {
        _frames = frames;
        _keys = keys;
        _index = BuildIndex(keys);
        HasKey = hasKey;
    }

    /// <summary>
    /// Builds a collection from a mix of frames, <see cref="DataFrames"/> and <c>(name, frame)</c> pairs, flattening
    /// nested collections (Fugue's <c>DataFrames(*args, **kwargs)</c>).
    /// </summary>
    /// <exception cref="FugueDataFrameInitException">Named and positional frames are mixed, or a name repeats.</exception>
    public static DataFrames Of(params IEnumerable<object> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var frames = new List<DataFrame>();
        var keys = new List<string>();
        bool? named = null;

        void Add(string? key, DataFrame frame)
        {
            var isNamed = key is not null;
            if (named is not null && named != isNamed)
            {
                throw new FugueDataFrameInitException("cannot mix named and positional frames in one DataFrames collection");
            }

            named = isNamed;
            keys.Add(key ?? PositionalKey(frames.Count));
            frames.Add(frame);
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case DataFrame df:
                    Add(null, df);
                    break;
                case DataFrames dfs:
                    for (var i = 0; i < dfs.Count; i++)
                    {
                        Add(dfs.HasKey ? dfs._keys[i] : null, dfs._frames[i]);
                    }

                    break;
                case KeyValuePair<string, DataFrame> kv:
                    Add(kv.Key ?? throw new FugueDataFrameInitException("a frame name is null"), kv.Value);
                    break;
                // any (string, SomeFrame) tuple: a ValueTuple<string, ArrayDataFrame> is not a ValueTuple<string, DataFrame>
                case System.Runtime.CompilerServices.ITuple { Length: 2 } t when t[1] is DataFrame frame && t[0] is string or null:
                    Add(t[0] as string ?? throw new FugueDataFrameInitException("a frame name is null"), frame);
                    break;
                case IEnumerable<DataFrame> list:
                    foreach (var df in list)
                    {
                        Add(null, df);
                    }

                    break;
                default:
                    throw new FugueDataFrameInitException($"{item?.GetType().Name ?? "null"} is not a DataFrame, DataFrames or (name, DataFrame) pair");
            }
        }

        try
        {
            return new DataFrames(frames.ToArray(), keys.ToArray(), named == true);
        }
        catch (ArgumentException ex)
        {
            throw new FugueDataFrameInitException(ex.Message, ex);
        }
    }

    /// <summary>True when the frames are named; false for positional (and for an empty collection).</summary>
    public bool HasKey { get; }

    /// <summary>The number of frames.</summary>
    public int Count => _frames.Length;

    /// <summary>The keys in order (<c>_0</c>, <c>_1</c>, ... when positional).</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The frames in order.</summary>
    public IReadOnlyList<DataFrame> Values => _frames;

    /// <summary>The frame at <paramref name="index"/>.</summary>
    public DataFrame this[int index] => _frames[index];

    /// <summary>The frame with key <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such key; the message lists the keys.</exception>
    public DataFrame this[string key] => _index.TryGetValue(key, out var i)
        ? _frames[i]
        : throw new KeyNotFoundException($"no frame named '{key}' in DataFrames [{string.Join(", ", _keys)}]");

    /// <summary>True when a frame has this key.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>Gets the frame with this key, if any.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out DataFrame? frame)
    {
        if (_index.TryGetValue(key, out var i))
        {
            frame = _frames[i];
            return true;
        }

        frame = null;
        return false;
    }

    /// <summary>The (key, frame) pairs in order.</summary>
    public IEnumerable<KeyValuePair<string, DataFrame>> Items()
    {
        for (var i = 0; i < _frames.Length; i++)
        {
            yield return new KeyValuePair<string, DataFrame>(_keys[i], _frames[i]);
        }
    }

    /// <summary>A collection of the same shape (keys, <see cref="HasKey"/>) with each frame converted.</summary>
    public DataFrames Convert(Func<DataFrame, DataFrame> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        var frames = new DataFrame[_frames.Length];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = convert(_frames[i]) ?? throw new InvalidOperationException($"the conversion returned null for frame '{_keys[i]}'");
        }

        return new DataFrames(frames, _keys, HasKey);
    }

    /// <summary>A collection of the same shape with every frame made local and bounded.</summary>
    public DataFrames AsLocalBounded() => Convert(f => f.AsLocalBounded());

    /// <inheritdoc />
    public IEnumerator<DataFrame> GetEnumerator() => ((IEnumerable<DataFrame>)_frames).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string PositionalKey(int i) => "_" + i.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, int> BuildIndex(string[] keys)
    {
        var index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (!index.TryAdd(keys[i], i))
            {
                throw new FugueDataFrameInitException($"frame name '{keys[i]}' is used twice");
            }
        }

        return index;
    }
}
