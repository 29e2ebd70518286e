using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>
/// A <c>&lt;K,V&gt;</c> column, laid out as Arrow's map: a list of <c>{key,value}</c> entry structs (int32
/// offsets into <see cref="Entries"/>) plus an optional validity bitmap. Keys are never null.
/// </summary>
public sealed class MapColumn : Column
{
    private static readonly ArrowBuffer ZeroOffset = new(new byte[4]);
    private readonly ArrowBuffer _offsets;

    /// <summary>Wraps existing buffers and the entries column (no copy).</summary>
    /// <param name="type">The map type.</param>
    /// <param name="length">Rows in this column.</param>
    /// <param name="offsets">At least <c>offset + length + 1</c> int32 offsets into <paramref name="entries"/> (may be empty when length is 0).</param>
    /// <param name="entries">A two-field struct column (key, value) with the map's key and value types; any field names.</param>
    /// <param name="validity">The validity bitmap, or empty when no map is null.</param>
    /// <param name="nullCount">The null count, or -1 to count it when first needed.</param>
    /// <param name="offset">The slot of row 0 in the offsets and validity buffers.</param>
    /// <exception cref="ArgumentException">Wrong entry types, null keys, or a buffer too small.</exception>
    public MapColumn(MapType type, int length, ArrowBuffer offsets, StructColumn entries, ArrowBuffer validity = default, int nullCount = -1, int offset = 0)
        : base(type, length, validity, nullCount, offset)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var fields = entries.StructType.Fields;
        if (fields.Count != 2 || !fields[0].Type.Equals(type.KeyType) || !fields[1].Type.Equals(type.ValueType))
        {
            throw new ArgumentException($"{type} column: entries column has type {entries.Type}, expected {type.EntryType}", nameof(entries));
        }

        if (entries.NullCount != 0)
        {
            throw new ArgumentException($"{type} column: the entries column has {entries.NullCount} null entries; map entries must not be null", nameof(entries));
        }

        if (entries.Children[0].NullCount != 0)
        {
            throw new ArgumentException($"{type} column: {entries.Children[0].NullCount} map keys are null; map keys must not be null", nameof(entries));
        }

        if (offsets.IsEmpty && length == 0)
        {
            offsets = offset == 0 ? ZeroOffset : new ArrowBuffer(new byte[(offset + 1) * 4]);
        }

        OffsetsValidation.Check(type, offsets, offset, length, entries.Length, "entries column", "entries");
        _offsets = offsets;
        Entries = entries;
    }

    /// <summary>The map type.</summary>
    public MapType MapType => (MapType)Type;

    /// <summary>The whole offsets buffer.</summary>
    public ArrowBuffer OffsetsBuffer => _offsets;

    /// <summary>This column's <c>Length + 1</c> offsets into <see cref="Entries"/>, <see cref="Keys"/> and <see cref="Items"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.As<int>().Slice(Offset, Length + 1);

    /// <summary>The entry structs of all rows (not sliced: index with <see cref="Offsets"/>).</summary>
    public StructColumn Entries { get; }

    /// <summary>The keys of all entries (not sliced).</summary>
    public Column Keys => Entries.Children[0];

    /// <summary>The values of all entries (not sliced).</summary>
    public Column Items => Entries.Children[1];

    /// <summary>The number of entries in row <paramref name="index"/>.</summary>
    public int GetMapLength(int index)
    {
        CheckIndex(index);
        var o = _offsets.As<int>();
        return o[Offset + index + 1] - o[Offset + index];
    }

    /// <inheritdoc />
    public override long ByteSize
    {
        get
        {
            var o = _offsets.As<int>();
            var first = o[Offset];
            return ValidityByteSize + 4L * (Length + 1) + Entries.Slice(first, o[Offset + Length] - first).ByteSize;
        }
    }

    private protected override object GetValueCore(int index)
    {
        var o = _offsets.As<int>();
        var start = o[Offset + index];
        var result = new KeyValuePair<object, object?>[o[Offset + index + 1] - start];
        var keys = Keys;
        var items = Items;
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = new KeyValuePair<object, object?>(keys.GetValue(start + k)!, items.GetValue(start + k));
        }

        return result;
    }

    private protected override Column SliceCore(int offset, int length, int nullCount) =>
        new MapColumn(MapType, length, _offsets, Entries, ValidityBuffer, nullCount, offset);
}
