using Fugue.Schemas;

namespace Fugue.Partitioning;

/// <summary>
/// What a map function sees about its current logical partition: the partition's first row (read lazily when
/// given as a thunk), its key values, and the logical/physical partition numbers. One cursor serves a whole
/// physical partition; the engine calls <see cref="Set(IReadOnlyList{object?}, int, int)"/> before each logical partition.
/// </summary>
public sealed class PartitionCursor
{
    private static readonly object?[] NoRow = [];

    private readonly int[] _keyIndex;
    private readonly string[] _keyNames;
    private IReadOnlyList<object?> _row = NoRow;
    private Func<IReadOnlyList<object?>>? _thunk;
    private Func<object, int, IReadOnlyList<object?>>? _factory;
    private object? _factoryState;
    private int _factoryIndex;

    /// <summary>Creates a cursor for a frame with <paramref name="schema"/> partitioned by <paramref name="spec"/>.</summary>
    /// <exception cref="KeyNotFoundException">A partition key is not a column of <paramref name="schema"/>.</exception>
    public PartitionCursor(Schema schema, PartitionSpec spec, int physicalPartitionNo)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        RowSchema = schema;
        KeySchema = spec.GetKeySchema(schema);
        _keyNames = spec.PartitionBy.ToArray();
        _keyIndex = Array.ConvertAll(_keyNames, schema.IndexOf);
        PhysicalPartitionNo = physicalPartitionNo;
    }

    /// <summary>The schema of <see cref="Row"/>: the whole input schema.</summary>
    public Schema RowSchema { get; }

    /// <summary>The schema of the partition keys, in partition_by order.</summary>
    public Schema KeySchema { get; }

    /// <summary>The logical partition number set last.</summary>
    public int PartitionNo { get; private set; }

    /// <summary>The physical partition number given when the cursor was created.</summary>
    public int PhysicalPartitionNo { get; }

    /// <summary>The slice number inside the logical partition (always 0 today).</summary>
    public int SliceNo { get; private set; }

    /// <summary>
    /// The first row of the current logical partition, in <see cref="RowSchema"/> order (empty before the first
    /// <c>Set</c>). A thunk given to <c>Set</c> is evaluated here, at most once.
    /// </summary>
    public IReadOnlyList<object?> Row
    {
        get
        {
            if (_thunk is { } thunk)
            {
                _thunk = null;
                _row = thunk() ?? throw new InvalidOperationException("the partition cursor's row thunk returned null");
            }
            else if (_factory is { } factory)
            {
                _factory = null;
                var state = _factoryState!;
                _factoryState = null;
                _row = factory(state, _factoryIndex) ?? throw new InvalidOperationException("the partition cursor's row factory returned null");
            }

            return _row;
        }
    }

    /// <summary>The value of column <paramref name="name"/> in <see cref="Row"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public object? this[string name] => At(RowSchema.IndexOf(name));

    /// <summary>The key values of <see cref="Row"/> in partition_by order (a new array).</summary>
    public object?[] KeyValueArray
    {
        get
        {
            var result = new object?[_keyIndex.Length];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = At(_keyIndex[i]);
            }

            return result;
        }
    }

    /// <summary>The key values of <see cref="Row"/> by key name, enumerated in partition_by order like Fugue's dict (a new dictionary).</summary>
    public IReadOnlyDictionary<string, object?> KeyValueDict
    {
        get
        {
            var result = new Dictionary<string, object?>(_keyIndex.Length, StringComparer.Ordinal);
            for (var i = 0; i < _keyIndex.Length; i++)
            {
                result[_keyNames[i]] = At(_keyIndex[i]);
            }

            return result;
        }
    }

    /// <summary>
    /// Points the cursor at the first row of a new logical partition. The row is kept by reference, not copied:
    /// do not change it while the partition is processed.
    /// </summary>
    public void Set(IReadOnlyList<object?> row, int partitionNo, int sliceNo)
    {
        ArgumentNullException.ThrowIfNull(row);
        _row = row;
        _thunk = null;
        _factory = null;
        _factoryState = null;
        PartitionNo = partitionNo;
        SliceNo = sliceNo;
    }

    /// <summary>
    /// Points the cursor at a new logical partition whose first row is produced by <paramref name="rowThunk"/>
    /// only when (and the first time) <see cref="Row"/> or a key is read.
    /// </summary>
    public void Set(Func<IReadOnlyList<object?>> rowThunk, int partitionNo, int sliceNo)
    {
        ArgumentNullException.ThrowIfNull(rowThunk);
        _row = NoRow;
        _thunk = rowThunk;
        _factory = null;
        _factoryState = null;
        PartitionNo = partitionNo;
        SliceNo = sliceNo;
    }

    /// <summary>
    /// Points the cursor at a new logical partition whose first row is <c>rowFactory(state, rowIndex)</c>, called only
    /// when (and the first time) the row is read. With a static lambda and an existing <paramref name="state"/> (e.g.
    /// the record batch) this allocates nothing, which is how a columnar map passes each partition's first row.
    /// </summary>
    public void Set(Func<object, int, IReadOnlyList<object?>> rowFactory, object state, int rowIndex, int partitionNo, int sliceNo)
    {
        ArgumentNullException.ThrowIfNull(rowFactory);
        ArgumentNullException.ThrowIfNull(state);
        _row = NoRow;
        _thunk = null;
        _factory = rowFactory;
        _factoryState = state;
        _factoryIndex = rowIndex;
        PartitionNo = partitionNo;
        SliceNo = sliceNo;
    }

    private object? At(int index)
    {
        var row = Row;
        if (index >= row.Count)
        {
            throw new InvalidOperationException(
                row.Count == 0
                    ? "the partition cursor has no row yet: call Set before reading values"
                    : $"the cursor row has {row.Count} values but schema '{RowSchema}' needs index {index}");
        }

        return row[index];
    }
}
