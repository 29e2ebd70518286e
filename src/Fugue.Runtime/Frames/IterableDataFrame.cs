using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A lazy local stream of rows or of columnar batches. Nothing is read until asked: row values are converted to the
/// schema as they are read (conversion errors surface then, naming the row and column), batches are checked against
/// the schema as they arrive. A frame over a plain enumerable is single-pass: <see cref="DataFrame.PeekArray"/>,
/// <see cref="DataFrame.IsEmpty"/>, <see cref="DataFrame.Head"/> and <see cref="DataFrame.Show(int, bool, string?)"/>
/// read ahead without losing data, but a second full read raises <see cref="InvalidOperationException"/>.
/// <see cref="AsLocalBounded"/> materialises the stream once (rows into an <see cref="ArrayDataFrame"/>, batches into a
/// <see cref="ColumnarDataFrame"/>) and caches it; after that every operation reads the cache. A frame made with
/// <see cref="Replayable(Func{IEnumerable{IReadOnlyList{object}}}, Schema)"/> re-opens its source on every read
/// instead (and can be counted by reading it). Column operations return streams that read this one. Not thread-safe.
/// </summary>
public sealed class IterableDataFrame : LocalUnboundedDataFrame
{
    private readonly Lookahead<IReadOnlyList<object?>>? _rows;
    private readonly Lookahead<RecordBatch>? _batches;
    private readonly bool _canonical;

    // Shared by copies made with WithMetadata, which share the stream and so must share its cache too.
    private readonly CacheHolder _holder = new();
    private RowConverter? _converter;

    /// <summary>A single-pass stream over <paramref name="rows"/>, converted to <paramref name="schema"/> as they are read.</summary>
    public IterableDataFrame(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) : base(schema)
    {
        _rows = Lookahead<IReadOnlyList<object?>>.SinglePass(rows, Owner(schema));
    }

    /// <summary>A single-pass stream over <paramref name="batches"/>, each of which must have <paramref name="schema"/>.</summary>
    public IterableDataFrame(IEnumerable<RecordBatch> batches, Schema schema) : base(schema)
    {
        _batches = Lookahead<RecordBatch>.SinglePass(batches, Owner(schema));
    }

    private IterableDataFrame(Lookahead<IReadOnlyList<object?>> rows, Schema schema, bool canonical) : base(schema)
    {
        _rows = rows;
        _canonical = canonical;
    }

    private IterableDataFrame(Lookahead<RecordBatch> batches, Schema schema) : base(schema)
    {
        _batches = batches;
    }

    /// <summary>A row stream that calls <paramref name="factory"/> for a fresh enumeration on every read (so it can be read many times).</summary>
    public static IterableDataFrame Replayable(Func<IEnumerable<IReadOnlyList<object?>>> factory, Schema schema) =>
        new(Lookahead<IReadOnlyList<object?>>.Replayable(factory, Owner(schema)), schema, canonical: false);

    /// <summary>A batch stream that calls <paramref name="factory"/> for a fresh enumeration on every read.</summary>
    public static IterableDataFrame Replayable(Func<IEnumerable<RecordBatch>> factory, Schema schema) =>
        new(Lookahead<RecordBatch>.Replayable(factory, Owner(schema)), schema);

    private LocalBoundedDataFrame? Cached => _holder.Cache;

    /// <summary>True once the stream has been materialised by <see cref="AsLocalBounded"/>.</summary>
    public bool IsCached => Cached is not null;

    /// <summary>True when every read re-opens the source.</summary>
    public bool IsReplayable => _rows?.IsReplayable ?? _batches!.IsReplayable;

    /// <summary>True when the stream is made of columnar batches (rather than rows).</summary>
    public bool IsBatchStream => _batches is not null;

    /// <summary>The source enumerable (or factory) the stream was built from.</summary>
    public override object Native => _rows?.Native ?? _batches!.Native;

    /// <inheritdoc />
    public override bool IsEmpty => Cached?.IsEmpty ?? (_rows is not null
        ? _rows.Peek(b => b.Count >= 1).Count == 0
        : RowsIn(_batches!.Peek(b => RowsIn(b) >= 1)) == 0);

    /// <summary>
    /// The row count: of the cache once materialised; for a replayable stream, counted by one read (reading it has no
    /// side effect); a single-pass stream that is not cached cannot be counted (as in Fugue).
    /// </summary>
    /// <exception cref="InvalidOperationException">A single-pass stream that is not cached; call <see cref="AsLocalBounded"/> first.</exception>
    public override long Count()
    {
        if (Cached is not null)
        {
            return Cached.Count();
        }

        if (!IsReplayable)
        {
            return base.Count();
        }

        long n = 0;
        if (_rows is not null)
        {
            foreach (var _ in _rows.Open())
            {
                n++;
            }
        }
        else
        {
            foreach (var b in ReadBatches())
            {
                n += b.Length;
            }
        }

        return n;
    }

    /// <inheritdoc />
    public override object?[] PeekArray()
    {
        if (Cached is not null)
        {
            return Cached.PeekArray();
        }

        if (_rows is not null)
        {
            var first = _rows.Peek(b => b.Count >= 1);
            return first.Count == 0 ? throw EmptyError() : ConvertRow(first[0], 0);
        }

        foreach (var b in _batches!.Peek(b => RowsIn(b) >= 1))
        {
            if (b.Length > 0)
            {
                return BatchConversions.Row(Check(b), 0);
            }
        }

        throw EmptyError();
    }

    /// <summary>
    /// Materialises the stream (once) into an <see cref="ArrayDataFrame"/> (rows) or a <see cref="ColumnarDataFrame"/>
    /// (batches) that later calls return and read. Metadata is kept.
    /// </summary>
    public override LocalBoundedDataFrame AsLocalBounded()
    {
        var cache = _holder.Cache ??= _rows is not null
            ? Inherit(new ArrayDataFrame(ReadRows(null).ToList(), Schema, trusted: true))
            : Inherit(new ColumnarDataFrame(Schema, ReadBatches().ToList()));

        // A metadata copy (WithMetadata) shares the cache but gets its own metadata on the result.
        return ReferenceEquals(cache.Metadata, Metadata) ? cache : (LocalBoundedDataFrame)cache.WithMetadata(Metadata);
    }

    /// <inheritdoc />
    public override ArrayDataFrame ToArrayDataFrame() => AsLocalBounded().ToArrayDataFrame();

    /// <inheritdoc />
    public override ColumnarDataFrame ToColumnar() => AsLocalBounded().ToColumnar();

    /// <summary>The batches of the stream (this is its read); a row stream is converted and chunked into batches.</summary>
    public override IEnumerable<RecordBatch> AsBatches() =>
        Cached?.AsBatches() ?? (_batches is not null ? ReadBatches() : BatchConversions.FromRows(ReadRows(null), Schema));

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices)
    {
        if (Cached is not null)
        {
            return Cached.AsArrayIterable(Names(indices));
        }

        return _rows is not null ? ReadRows(indices) : ReadBatches().SelectMany(b => BatchConversions.ToRows(b, indices));
    }

    /// <inheritdoc />
    protected override LocalBoundedDataFrame HeadCore(int n, int[]? indices)
    {
        if (Cached is not null)
        {
            return Cached.Head(n, Names(indices));
        }

        var schema = indices is null ? Schema : ColumnOps.Project(Schema, indices);
        if (_batches is not null)
        {
            var slices = n == 0 ? [] : BatchConversions.Take(_batches.Peek(b => RowsIn(b) >= n).Select(Check), n);
            return new ColumnarDataFrame(schema, indices is null ? slices : slices.Select(b => BatchConversions.Select(b, indices, schema)));
        }

        var rows = new List<object?[]>(Math.Min(n, 1024));
        if (n > 0)
        {
            var ahead = _rows!.Peek(b => b.Count >= n);
            for (var i = 0; i < ahead.Count && i < n; i++)
            {
                rows.Add(Project(ConvertRow(ahead[i], i), indices));
            }
        }

        return new ArrayDataFrame(rows, schema, trusted: true);
    }

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema)
    {
        if (Cached is not null)
        {
            return Cached.SelectColumns(Names(indices)!);
        }

        return _rows is not null
            ? new IterableDataFrame(_rows.Derive<IReadOnlyList<object?>>(rows => Convert(rows, indices), Owner(schema)), schema, canonical: true)
            : new IterableDataFrame(_batches!.Derive(bs => bs.Select(b => BatchConversions.Select(Check(b), indices, schema)), Owner(schema)), schema);
    }

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema)
    {
        if (Cached is not null)
        {
            return Cached.Rename(RenameMap(schema));
        }

        return _rows is not null
            ? new IterableDataFrame(_rows.Derive(rows => rows, Owner(schema)), schema, _canonical)
            : new IterableDataFrame(_batches!.Derive(bs => bs.Select(b => BatchConversions.Rename(Check(b), schema)), Owner(schema)), schema);
    }

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema)
    {
        if (Cached is not null)
        {
            return Cached.AlterColumns(schema);
        }

        return _rows is not null
            ? new IterableDataFrame(_rows.Derive<IReadOnlyList<object?>>(rows => Convert(rows, null), Owner(schema)), schema, canonical: false)
            : new IterableDataFrame(_batches!.Derive(bs => AlterBatches(bs, schema), Owner(schema)), schema);
    }

    private static string Owner(Schema schema) => $"IterableDataFrame with schema '{schema}'";

    private static long RowsIn(IReadOnlyList<RecordBatch> batches)
    {
        long n = 0;
        foreach (var b in batches)
        {
            n += b.Length;
        }

        return n;
    }

    private RecordBatch Check(RecordBatch batch) => BatchConversions.Check(batch, Schema, Owner(Schema));

    private IEnumerable<RecordBatch> ReadBatches()
    {
        foreach (var b in _batches!.Open())
        {
            yield return Check(b);
        }
    }

    private IEnumerable<RecordBatch> AlterBatches(IEnumerable<RecordBatch> batches, Schema schema)
    {
        long first = 0;
        foreach (var b in batches)
        {
            yield return BatchConversions.Alter(Check(b), schema, first);
            first += b.Length;
        }
    }

    private IEnumerable<object?[]> ReadRows(int[]? indices)
    {
        long i = 0;
        foreach (var row in _rows!.Open())
        {
            yield return Project(ConvertRow(row, i++), indices);
        }
    }

    private IEnumerable<IReadOnlyList<object?>> Convert(IEnumerable<IReadOnlyList<object?>> rows, int[]? indices)
    {
        long i = 0;
        foreach (var row in rows)
        {
            yield return Project(ConvertRow(row, i++), indices);
        }
    }

    private object?[] ConvertRow(IReadOnlyList<object?> row, long index)
    {
        if (_canonical)
        {
            return row is object?[] array ? (object?[])array.Clone() : row.ToArray();
        }

        return (_converter ??= new RowConverter(Schema)).Convert(row, index);
    }

    private string[]? Names(int[]? indices) => indices?.Select(i => Schema[i].Name).ToArray();

    private Dictionary<string, string> RenameMap(Schema schema)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i].Name != Schema[i].Name)
            {
                map[Schema[i].Name] = schema[i].Name;
            }
        }

        return map;
    }

    private static object?[] Project(object?[] row, int[]? indices)
    {
        if (indices is null)
        {
            return row;
        }

        var result = new object?[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = row[indices[i]];
        }

        return result;
    }

    private sealed class CacheHolder
    {
        public LocalBoundedDataFrame? Cache;
    }
}
