using System.Collections;
using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// Builds a <see cref="StructColumn"/>: either <see cref="Append(object?)"/> with a dictionary or positional
/// array, or append one value to each of <see cref="FieldBuilders"/> and call <see cref="AppendStruct"/>.
/// </summary>
public sealed class StructColumnBuilder : ColumnBuilder
{
    private readonly ValidityBuilder _validity;
    private readonly ColumnBuilder[] _fields;
    private readonly StructType _type;

    /// <summary>Creates a builder for <paramref name="type"/>; <paramref name="capacity"/> is the expected number of structs.</summary>
    public StructColumnBuilder(StructType type, int capacity = 0) : base(type)
    {
        _type = type;
        capacity = Math.Max(0, capacity);
        _validity = new ValidityBuilder(capacity);
        _fields = new ColumnBuilder[type.Fields.Count];
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i] = Create(type.Fields[i].Type, capacity);
        }
    }

    /// <summary>One builder per field, in field order.</summary>
    public IReadOnlyList<ColumnBuilder> FieldBuilders => _fields;

    /// <inheritdoc />
    public override int Length => _validity.Length;

    /// <inheritdoc />
    public override int NullCount => _validity.NullCount;

    /// <summary>Marks a valid struct after one value was appended to every field builder.</summary>
    /// <exception cref="InvalidOperationException">A field builder does not have exactly one more value.</exception>
    public void AppendStruct()
    {
        var expected = _validity.Length + 1;
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_fields[i].Length != expected)
            {
                throw new InvalidOperationException(
                    $"{Type} builder: field '{_type.Fields[i].Name}' has {_fields[i].Length} values, expected {expected} before AppendStruct");
            }
        }

        _validity.AppendValid();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        var before = Length;
        try
        {
            AppendFields(value);
        }
        catch
        {
            // Undo the fields appended so far so the builder stays consistent.
            Truncate(before);
            throw;
        }

        _validity.AppendValid();
    }

    private void AppendFields(object value)
    {
        switch (value)
        {
            case object?[] positional:
                if (positional.Length != _fields.Length)
                {
                    throw new InvalidCastException(
                        $"cannot append a positional array of {positional.Length} values to a {Type} column of {_fields.Length} fields");
                }

                for (var i = 0; i < _fields.Length; i++)
                {
                    _fields[i].Append(positional[i]);
                }

                break;
            case IReadOnlyDictionary<string, object?> dict:
                for (var i = 0; i < _fields.Length; i++)
                {
                    _fields[i].Append(dict.TryGetValue(_type.Fields[i].Name, out var v) ? v : null);
                }

                break;
            case IDictionary dict:
                for (var i = 0; i < _fields.Length; i++)
                {
                    var name = _type.Fields[i].Name;
                    _fields[i].Append(dict.Contains(name) ? dict[name] : null);
                }

                break;
            default:
                throw StorageTypes.WrongType(Type, value);
        }
    }

    /// <summary>Appends a null struct (and a null to every field, keeping the children aligned).</summary>
    public override void AppendNull()
    {
        foreach (var f in _fields)
        {
            f.AppendNull();
        }

        _validity.AppendNull();
    }

    /// <summary>Builds the column and resets this builder (and the field builders) for reuse.</summary>
    public new StructColumn Build()
    {
        var length = _validity.Length;
        var children = new Column[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_fields[i].Length != length)
            {
                throw new InvalidOperationException(
                    $"{Type} builder: field '{_type.Fields[i].Name}' has {_fields[i].Length} values but the struct has {length} rows");
            }
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            children[i] = _fields[i].Build();
        }

        var (validity, nulls) = _validity.Build();
        return new StructColumn(_type, length, children, validity, nulls);
    }

    private protected override void AppendFromCore(Column source, int index)
    {
        if (source.IsNull(index))
        {
            AppendNull();
            return;
        }

        var src = (StructColumn)source;
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i].AppendFrom(src.Children[i], index);
        }

        _validity.AppendValid();
    }

    private protected override void AppendRangeCore(Column source, int offset, int length)
    {
        var src = (StructColumn)source;
        if (src.NullCount != 0)
        {
            base.AppendRangeCore(source, offset, length);
            return;
        }

        // No null structs: copy each field's range in bulk.
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i].AppendFrom(src.Children[i], offset, length);
        }

        _validity.AppendValid(length);
    }

    private protected override void TruncateCore(int length)
    {
        foreach (var f in _fields)
        {
            f.Truncate(length);
        }

        _validity.Truncate(length);
    }

    private protected override Column BuildColumn() => Build();
}
