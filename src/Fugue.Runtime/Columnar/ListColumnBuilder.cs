using System.Collections;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Builds a <see cref="ListColumn"/>: either <see cref="Append(object?)"/> with an enumerable, or
/// <see cref="StartList"/>, append the items to <see cref="ValueBuilder"/>, then <see cref="EndList"/>.
/// </summary>
public sealed class ListColumnBuilder : ColumnBuilder
{
    private readonly OffsetsBuilder _offsets;
    private readonly ValidityBuilder _validity;
    private bool _open;

    /// <summary>Creates a builder for <paramref name="type"/>; <paramref name="capacity"/> is the expected number of lists.</summary>
    public ListColumnBuilder(ListType type, int capacity = 0) : base(type)
    {
        capacity = Math.Max(0, capacity);
        _offsets = new OffsetsBuilder(capacity);
        _validity = new ValidityBuilder(capacity);
        ValueBuilder = Create(type.ItemType, capacity);
    }

    /// <summary>The builder of the items (shared by all lists).</summary>
    public ColumnBuilder ValueBuilder { get; }

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Starts a list; append its items to <see cref="ValueBuilder"/>, then call <see cref="EndList"/>.</summary>
    public void StartList()
    {
        if (_open)
        {
            throw new InvalidOperationException($"{Type} builder: StartList called twice without EndList");
        }

        _open = true;
    }

    /// <summary>Ends the list started by <see cref="StartList"/>.</summary>
    public void EndList()
    {
        if (!_open)
        {
            throw new InvalidOperationException($"{Type} builder: EndList called without StartList");
        }

        _open = false;
        _offsets.Append(ValueBuilder.Length);
        _validity.AppendValid();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                return;
            case string:
                throw StorageTypes.WrongType(Type, value);
            case IEnumerable items:
                StartList();
                var before = Length;
                try
                {
                    if (items is object?[] array)
                    {
                        foreach (var item in array)
                        {
                            ValueBuilder.Append(item);
                        }
                    }
                    else
                    {
                        foreach (var item in items)
                        {
                            ValueBuilder.Append(item);
                        }
                    }
                }
                catch
                {
                    // Undo the partial list so the builder stays consistent.
                    Truncate(before);
                    throw;
                }

                EndList();
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
            throw new InvalidOperationException($"{Type} builder: AppendNull inside an open list (call EndList first)");
        }

        _offsets.Append(ValueBuilder.Length);
        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder (and the item builder) for reuse.</summary>
    public new ListColumn Build()
    {
        if (_open)
        {
            throw new InvalidOperationException($"{Type} builder: Build called inside an open list (call EndList first)");
        }

        var length = _validity.Length;
        var (validity, nulls) = _validity.Build();
        var offsets = _offsets.Build();
        return new ListColumn((ListType)Type, length, offsets, ValueBuilder.Build(), validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
            return;
        }

        var src = (ListColumn)source;
        var offsets = src.Offsets;
        StartList();
        ValueBuilder.AppendFrom(src.Values, offsets[index], offsets[index + 1] - offsets[index]);
        EndList();
    }

    private protected override void TruncateCore(int length)
    {
        _open = false;
        var items = _offsets[length];
        _offsets.Truncate(length);
        ValueBuilder.Truncate(items);
        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
