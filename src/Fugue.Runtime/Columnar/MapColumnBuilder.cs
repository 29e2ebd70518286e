using System.Collections;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Builds a <see cref="MapColumn"/>: either <see cref="Append(object?)"/> with key/value pairs or a
/// dictionary, or <see cref="StartMap"/>, append keys to <see cref="KeyBuilder"/> and values to
/// <see cref="ValueBuilder"/>, then <see cref="EndMap"/>. Keys must not be null.
/// </summary>
public sealed class MapColumnBuilder : ColumnBuilder
{
    private readonly OffsetsBuilder _offsets;
    private readonly ValidityBuilder _validity;
    private readonly MapType _type;
    private readonly StructType _entryType;
    private bool _open;

    /// <summary>Creates a builder for <paramref name="type"/>; <paramref name="capacity"/> is the expected number of maps.</summary>
    public MapColumnBuilder(MapType type, int capacity = 0) : base(type)
    {
        _type = type;
        _entryType = type.EntryType;
        capacity = Math.Max(0, capacity);
        _offsets = new OffsetsBuilder(capacity);
        _validity = new ValidityBuilder(capacity);
        KeyBuilder = Create(type.KeyType, capacity);
        ValueBuilder = Create(type.ValueType, capacity);
    }

    /// <summary>The builder of all keys.</summary>
    public ColumnBuilder KeyBuilder { get; }

    /// <summary>The builder of all values.</summary>
    public ColumnBuilder ValueBuilder { get; }

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Starts a map; append its keys and values, then call <see cref="EndMap"/>.</summary>
    public void StartMap()
    {
        if (_open)
        {
            throw new InvalidOperationException($"{Type} builder: StartMap called twice without EndMap");
        }

        _open = true;
    }

    /// <summary>Ends the map started by <see cref="StartMap"/>.</summary>
    /// <exception cref="InvalidOperationException">Keys and values differ in number.</exception>
    public void EndMap()
    {
        if (!_open)
        {
            throw new InvalidOperationException($"{Type} builder: EndMap called without StartMap");
        }

        if (KeyBuilder.Length != ValueBuilder.Length)
        {
            throw new InvalidOperationException($"{Type} builder: {KeyBuilder.Length} keys but {ValueBuilder.Length} values");
        }

        _open = false;
        _offsets.Append(KeyBuilder.Length);
        _validity.AppendValid();
    }

    /// <summary>Appends one entry to the open map.</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    public void AppendEntry(object key, object? value)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key), $"{Type} builder: map keys must not be null");
        }

        KeyBuilder.Append(key);
        ValueBuilder.Append(value);
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                return;
            case IEnumerable<KeyValuePair<object, object?>> or IDictionary:
                StartMap();
                var before = Length;
                try
                {
                    if (value is IEnumerable<KeyValuePair<object, object?>> pairs)
                    {
                        foreach (var kv in pairs)
                        {
                            AppendEntry(kv.Key, kv.Value);
                        }
                    }
                    else
                    {
                        foreach (DictionaryEntry e in (IDictionary)value)
                        {
                            AppendEntry(e.Key, e.Value);
                        }
                    }
                }
                catch
                {
                    // Undo the partial map so the builder stays consistent.
                    Truncate(before);
                    throw;
                }

                EndMap();
                return;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        if (_open)
        {
            throw new InvalidOperationException($"{Type} builder: AppendNull inside an open map (call EndMap first)");
        }

        _offsets.Append(KeyBuilder.Length);
        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder (and the key/value builders) for reuse.</summary>
    public new MapColumn Build()
    {
        if (_open)
        {
            throw new InvalidOperationException($"{Type} builder: Build called inside an open map (call EndMap first)");
        }

        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        var offsets = _offsets.Build();
        var keys = KeyBuilder.Build();
        var values = ValueBuilder.Build();
        var entries = new StructColumn(_entryType, keys.Length, [keys, values], default, 0);
        return new MapColumn(_type, length, offsets, entries, validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
            return;
        }

        var src = (MapColumn)source;
        var offsets = src.Offsets;
        var start = offsets[index];
        var count = offsets[index + 1] - start;
        StartMap();
        KeyBuilder.AppendFrom(src.Keys, start, count);
        ValueBuilder.AppendFrom(src.Items, start, count);
        EndMap();
    }

    private protected override void TruncateCore(int length)
    {
        _open = false;
        var entries = _offsets[length];
        _offsets.Truncate(length);
        KeyBuilder.Truncate(entries);
        ValueBuilder.Truncate(entries);
        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
