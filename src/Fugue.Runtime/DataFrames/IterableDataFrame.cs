using Fugue.Schemas;

namespace Fugue.DataFrames;

/// <summary>
/// A lazy local stream of rows. Nothing is read until asked: values are converted to the schema as they are read
/// (conversion errors surface then, naming the row and column). A frame over a plain enumerable is single-pass:
/// <see cref="DataFrame.PeekArray"/>, <see cref="DataFrame.IsEmpty"/>, <see cref="DataFrame.Head"/> and
/// <see cref="DataFrame.Show(int, bool, string?)"/> read ahead without losing rows, but a second full read raises
/// <see cref="InvalidOperationException"/>. <see cref="AsLocalBounded"/> materialises the stream once and caches it;
/// after that every operation reads the cache. A frame made with <see cref="Replayable"/> re-opens its source on
/// every read instead. Column operations return streams that read this one. Not thread-safe.
/// </summary>
public sealed class IterableDataFrame : LocalUnboundedDataFrame
{
    private readonly Lookahead<IReadOnlyList<object?>> _rows;
    private readonly bool _canonical;
    private LocalBoundedDataFrame? _cache;
    private RowConverter? _converter;

    /// <summary>A single-pass stream over <paramref name="rows"/>, converted to <paramref name="schema"/> as they are read.</summary>
    public IterableDataFrame(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) : base(schema)
    {
        _rows = Lookahead<IReadOnlyList<object?>>.SinglePass(rows, Owner(schema));
    }

    private IterableDataFrame(Lookahead<IReadOnlyList<object?>> rows, Schema schema, bool canonical) : base(schema)
    {
        _rows = rows;
        _canonical = canonical;
    }

    /// <summary>A stream that calls <paramref name="factory"/> for a fresh enumeration on every read (so it can be read many times).</summary>
    public static IterableDataFrame Replayable(Func<IEnumerable<IReadOnlyList<object?>>> factory, Schema schema) =>
        new(Lookahead<IReadOnlyList<object?>>.Replayable(factory, Owner(schema)), schema, canonical: false);

    /// <summary>True once the stream has been materialised by <see cref="AsLocalBounded"/>.</summary>
    public bool IsCached => _cache is not null;

    /// <summary>True when every read re-opens the source (<see cref="Replayable"/>).</summary>
    public bool IsReplayable => _rows.IsReplayable;

    /// <summary>The source enumerable (or factory) the stream was built from.</summary>
    public override object Native => _rows.Native;

    /// <inheritdoc />
    public override bool IsEmpty => _cache?.IsEmpty ?? _rows.Peek(b => b.Count >= 1).Count == 0;

    /// <summary>The row count of the cached rows; throws while the stream is not cached.</summary>
    /// <exception cref="InvalidOperationException">The stream is not cached; call <see cref="AsLocalBounded"/> first.</exception>
    public override long Count() => _cache?.Count() ?? base.Count();

    /// <inheritdoc />
    public override object?[] PeekArray()
    {
        if (_cache is not null)
        {
            return _cache.PeekArray();
        }

        var first = _rows.Peek(b => b.Count >= 1);
        return first.Count == 0 ? throw EmptyError() : ConvertRow(first[0], 0);
    }

    /// <summary>Materialises the stream (once) into an <see cref="ArrayDataFrame"/> that later calls return and read. Metadata is kept.</summary>
    public override LocalBoundedDataFrame AsLocalBounded()
    {
        if (_cache is null)
        {
            var rows = new List<object?[]>();
            long i = 0;
            foreach (var row in _rows.Open())
            {
                rows.Add(ConvertRow(row, i++));
            }

            _cache = Inherit(new ArrayDataFrame(rows, Schema, trusted: true));
        }

        return _cache;
    }

    /// <inheritdoc />
    public override ArrayDataFrame ToArrayDataFrame() => AsLocalBounded().ToArrayDataFrame();

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices)
    {
        if (_cache is not null)
        {
            return _cache.AsArrayIterable(Names(indices));
        }

        return Read(indices);
    }

    /// <inheritdoc />
    protected override LocalBoundedDataFrame HeadCore(int n, int[]? indices)
    {
        if (_cache is not null)
        {
            return _cache.Head(n, Names(indices));
        }

        var rows = new List<object?[]>(Math.Min(n, 1024));
        if (n > 0)
        {
            var ahead = _rows.Peek(b => b.Count >= n);
            for (var i = 0; i < ahead.Count && i < n; i++)
            {
                rows.Add(Project(ConvertRow(ahead[i], i), indices));
            }
        }

        return new ArrayDataFrame(rows, indices is null ? Schema : ColumnOps.Project(Schema, indices), trusted: true);
    }

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) =>
        _cache?.SelectColumns(Names(indices)!) ?? new IterableDataFrame(
            _rows.Derive<IReadOnlyList<object?>>(rows => Convert(rows, indices), Owner(schema)), schema, canonical: true);

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) =>
        _cache is not null
            ? _cache.Rename(RenameMap(schema))
            : new IterableDataFrame(_rows.Derive(rows => rows, Owner(schema)), schema, _canonical);

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema) =>
        _cache?.AlterColumns(schema) ?? new IterableDataFrame(
            _rows.Derive<IReadOnlyList<object?>>(rows => Convert(rows, null), Owner(schema)), schema, canonical: false);

    private static string Owner(Schema schema) => $"IterableDataFrame with schema '{schema}'";

    private IEnumerable<object?[]> Read(int[]? indices)
    {
        long i = 0;
        foreach (var row in _rows.Open())
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
}
