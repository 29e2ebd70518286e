using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// A <c>{a:T,...}</c> column: one child column per field plus the struct's own optional validity bitmap.
/// The struct's offset applies to its children too (as in Arrow); <see cref="Children"/> are already
/// aligned with this column's rows.
/// </summary>
public sealed class StructColumn : Column
{
    private readonly Column[] _raw;
    private readonly Column[] _children;

    /// <summary>Wraps child columns and a validity bitmap (no copy).</summary>
    /// <param name="type">The struct type; the children must have its field types, in order.</param>
    /// <param name="length">Rows in this column.</param>
    /// <param name="children">One column per field, each at least <c>offset + length</c> long.</param>
    /// <param name="validity">The struct's validity bitmap, or empty when no struct is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the validity bitmap and the children.</param>
    public StructColumn(StructType type, int length, IReadOnlyList<Column> children, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(type, length, validity, nullCount, offset)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count != type.Fields.Count)
        {
            throw new ArgumentException($"{type} column: got {children.Count} child columns for {type.Fields.Count} fields", nameof(children));
        }

        _raw = new Column[children.Count];
        _children = new Column[children.Count];
        for (var i = 0; i < _raw.Length; i++)
        {
            var c = children[i] ?? throw new ArgumentException($"{type} column: child {i} is null", nameof(children));
            var f = type.Fields[i];
            if (!c.Type.Equals(f.Type))
            {
                throw new ArgumentException($"{type} column: child '{f.Name}' has type {c.Type}, expected {f.Type}", nameof(children));
            }

            if (c.Length < (long)offset + length)
            {
                throw new ArgumentException(
                    $"{type} column: child '{f.Name}' has {c.Length} rows, needs at least {(long)offset + length} for offset {offset} + length {length}",
                    nameof(children));
            }

            _raw[i] = c;
            _children[i] = offset == 0 && c.Length == length ? c : c.Slice(offset, length);
        }
    }

    /// <summary>The struct type.</summary>
    public StructType StructType => (StructType)Type;

    /// <summary>The field columns, aligned with this column's rows (row <c>i</c> of a child is field of row <c>i</c>).</summary>
    public IReadOnlyList<Column> Children => _children;

    /// <summary>The field column at <paramref name="index"/>.</summary>
    public Column Child(int index) => _children[index];

    /// <summary>The field column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    public Column Child(string name)
    {
        var i = StructType.IndexOf(name);
        return i >= 0 ? _children[i] : throw new KeyNotFoundException($"field '{name}' is not in {Type}");
    }

    /// <inheritdoc />
    public override long ByteSize
    {
        get
        {
            var size = ValidityByteSize;
            foreach (var c in _children)
            {
                size += c.ByteSize;
            }

            return size;
        }
    }

    private protected override object GetValueCore(int index)
    {
        var fields = StructType.Fields;
        var result = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < _children.Length; i++)
        {
            result[fields[i].Name] = _children[i].GetValue(index);
        }

        return result;
    }

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new StructColumn(StructType, length, _raw, ValidityBuffer, nullCount, offset);
}
