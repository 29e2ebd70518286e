using System.Collections;
using System.Globalization;
using System.Text;

namespace Fugue.Configuration;

/// <summary>
/// An ordered, string-keyed (case-sensitive) dictionary of configuration values, like triad's ParamDict: keeps
/// insertion order, reads typed values with <see cref="Get{T}"/>/<see cref="GetOrThrow{T}"/> (converting strings
/// and widening numbers, reflection-free), and can be frozen into a read-only copy with <see cref="ToReadOnly"/>.
/// </summary>
public sealed class ParamDict : IReadOnlyDictionary<string, object?>
{
    private readonly OrderedDictionary<string, object?> _items;

    /// <summary>Creates an empty, writable dictionary.</summary>
    public ParamDict()
    {
        _items = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Creates a writable dictionary from pairs in order; a repeated key keeps the last value.</summary>
    public ParamDict(IEnumerable<KeyValuePair<string, object?>>? items)
        : this()
    {
        if (items is not null)
        {
            foreach (var kv in items)
            {
                _items[CheckKey(kv.Key)] = kv.Value;
            }
        }
    }

    private ParamDict(OrderedDictionary<string, object?> items, bool readOnly)
    {
        _items = items;
        IsReadOnly = readOnly;
    }

    /// <summary>True for a frozen copy: every change throws <see cref="InvalidOperationException"/>.</summary>
    public bool IsReadOnly { get; }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys => _items.Keys;

    /// <summary>The values in insertion order.</summary>
    public IEnumerable<object?> Values => _items.Values;

    /// <summary>Gets or sets a raw value. Setting an existing key keeps its position.</summary>
    /// <exception cref="KeyNotFoundException">Getting a missing key; the message lists the available keys.</exception>
    /// <exception cref="InvalidOperationException">Setting on a read-only dictionary.</exception>
    public object? this[string key]
    {
        get => _items.TryGetValue(key, out var v) ? v : throw Missing(key);
        set
        {
            EnsureWritable();
            _items[CheckKey(key)] = value;
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _items.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _items.TryGetValue(key, out value);

    /// <summary>Sets a value (see the indexer); returns this dictionary for chaining.</summary>
    public ParamDict Set(string key, object? value)
    {
        this[key] = value;
        return this;
    }

    /// <summary>Removes a key; false when it was not there.</summary>
    public bool Remove(string key)
    {
        EnsureWritable();
        return _items.Remove(key);
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        EnsureWritable();
        _items.Clear();
    }

    /// <summary>Adds or merges <paramref name="other"/> in order; returns this dictionary.</summary>
    /// <exception cref="ArgumentException">
    /// With <see cref="ParamDictOnDuplicate.Throw"/>, a key exists with a different value; nothing is changed then.
    /// </exception>
    public ParamDict Update(IEnumerable<KeyValuePair<string, object?>> other, ParamDictOnDuplicate onDuplicate = ParamDictOnDuplicate.Overwrite)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnsureWritable();
        var pairs = other as IReadOnlyCollection<KeyValuePair<string, object?>> ?? other.ToList();
        if (onDuplicate == ParamDictOnDuplicate.Throw)
        {
            foreach (var kv in pairs)
            {
                if (_items.TryGetValue(kv.Key, out var existing) && !Equals(existing, kv.Value))
                {
                    throw new ArgumentException(
                        $"conf key '{kv.Key}' already has value {Format(existing)} and can't take new value {Format(kv.Value)}", nameof(other));
                }
            }
        }

        foreach (var kv in pairs)
        {
            if (onDuplicate == ParamDictOnDuplicate.Ignore && _items.ContainsKey(kv.Key))
            {
                continue;
            }

            _items[CheckKey(kv.Key)] = kv.Value;
        }

        return this;
    }

    /// <summary>A writable copy (values are shared, not cloned).</summary>
    public ParamDict Copy() => new(new OrderedDictionary<string, object?>(_items, StringComparer.Ordinal), readOnly: false);

    /// <summary>A read-only snapshot; this instance itself when it is already read-only.</summary>
    public ParamDict ToReadOnly() => IsReadOnly ? this : new(new OrderedDictionary<string, object?>(_items, StringComparer.Ordinal), readOnly: true);

    /// <summary>
    /// The value of <paramref name="key"/> converted to <typeparamref name="T"/>. Supported: string, bool, int, long,
    /// short, byte, double, float, decimal, TimeSpan, enums and their nullable forms; a value that already is a
    /// <typeparamref name="T"/> is returned as is, whatever the type.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key is missing; the message lists the available keys.</exception>
    /// <exception cref="InvalidCastException">The value is null (allowed only for a <c>Nullable&lt;T&gt;</c> target) or can't be converted.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    public T GetOrThrow<T>(string key)
    {
        if (!_items.TryGetValue(key, out var raw))
        {
            throw Missing(key);
        }

        if (raw is null)
        {
            if (Nullable.GetUnderlyingType(typeof(T)) is not null)
            {
                ParamValueConverter.CheckSupported<T>();
                return default!;
            }

            throw new InvalidCastException($"conf key '{key}' is null, expected a {ParamValueConverter.TypeName(typeof(T))}");
        }

        return ParamValueConverter.Convert<T>(key, raw);
    }

    /// <summary>
    /// The value of <paramref name="key"/> converted to <typeparamref name="T"/>, or <paramref name="defaultValue"/>
    /// when the key is missing or its value is null.
    /// </summary>
    /// <exception cref="InvalidCastException">The value can't be converted (a present but wrong value is not silently ignored).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    public T Get<T>(string key, T defaultValue) =>
        _items.TryGetValue(key, out var raw) && raw is not null ? ParamValueConverter.Convert<T>(key, raw) : defaultValue;

    /// <summary>Tries to read and convert a value; false when the key is missing, null or not convertible.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    public bool TryGet<T>(string key, out T value)
    {
        if (_items.TryGetValue(key, out var raw) && raw is not null && ParamValueConverter.TryConvert(raw, out value))
        {
            return true;
        }

        value = default!;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A readable form, e.g. <c>{a: 1, b: 'x'}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var kv in _items)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(kv.Key).Append(": ").Append(Format(kv.Value));
        }

        return sb.Append('}').ToString();
    }

    private static string CheckKey(string key) => key ?? throw new ArgumentNullException(nameof(key), "conf keys must not be null");

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("this ParamDict is read-only; use Copy() to get a writable copy");
        }
    }

    private KeyNotFoundException Missing(string key)
    {
        const int Shown = 50;
        var keys = _items.Count == 0 ? "(none)" : string.Join(", ", _items.Keys.Take(Shown)) + (_items.Count > Shown ? ", ..." : string.Empty);
        return new KeyNotFoundException($"conf key '{key}' is not found; available keys: {keys}");
    }
}
