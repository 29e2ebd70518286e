using System.Collections.ObjectModel;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A schemaed dataset: Fugue's only kind of data. Every frame carries a <see cref="Schema"/> and free-form
/// <see cref="Metadata"/>; rows come out as canonical .NET values (see CONVENTIONS) through the row API
/// (<see cref="AsArray"/>, <see cref="AsDicts"/>, <see cref="PeekArray"/>, <see cref="Head"/>) and as columnar
/// batches through <see cref="AsBatches"/>, which is what engines use. Frames are immutable: column operations
/// return new frames.
/// </summary>
public abstract class DataFrame
{
    private static readonly IReadOnlyDictionary<string, object?> NoMetadata =
        new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    private IReadOnlyDictionary<string, object?> _metadata = NoMetadata;

    /// <summary>Creates the frame with its schema.</summary>
    protected DataFrame(Schema schema)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
    }

    /// <summary>The frame's schema.</summary>
    public Schema Schema { get; }

    /// <summary>
    /// Free-form metadata (e.g. a zipped frame's <c>serialized</c> flag). Setting stores a read-only copy.
    /// <see cref="AsLocal"/>, <see cref="AsLocalBounded"/> and conversions keep it; column operations do not (as in Fugue).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Metadata
    {
        get => _metadata;
        set => _metadata = Freeze(value);
    }

    /// <summary>True when <see cref="Metadata"/> is not empty.</summary>
    public bool HasMetadata => _metadata.Count > 0;

    /// <summary>True when the data is in this process (no engine is needed to read it).</summary>
    public abstract bool IsLocal { get; }

    /// <summary>True when the row count is known without consuming the data (unbounded frames are streams).</summary>
    public abstract bool IsBounded { get; }

    /// <summary>True when the frame has no rows. Unbounded frames answer by peeking, without consuming.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>The underlying storage (a row list, a batch list, a stream); never a <see cref="DataFrame"/>, the same object on each call.</summary>
    public abstract object Native { get; }

    /// <summary>The number of rows.</summary>
    /// <exception cref="InvalidOperationException">The frame is unbounded; call <see cref="AsLocalBounded"/> first.</exception>
    public abstract long Count();

    /// <summary>A shallow copy of this frame with other metadata (the data is shared).</summary>
    public DataFrame WithMetadata(IReadOnlyDictionary<string, object?>? metadata)
    {
        var copy = (DataFrame)MemberwiseClone();
        copy._metadata = Freeze(metadata);
        return copy;
    }

    /// <summary>The first row (canonical values).</summary>
    /// <exception cref="FugueDatasetEmptyException">The frame has no rows.</exception>
    public virtual object?[] PeekArray()
    {
        foreach (var row in EnumerateRows(null))
        {
            return row;
        }

        throw EmptyError();
    }

    /// <summary>The first row as a column-name-to-value dictionary.</summary>
    /// <exception cref="FugueDatasetEmptyException">The frame has no rows.</exception>
    public Dictionary<string, object?> PeekDict() => ToDict(PeekArray(), null);

    /// <summary>All rows (or the listed columns, in that order) as arrays of canonical values.</summary>
    /// <param name="columns">Columns to return, in order; null for all.</param>
    /// <param name="typeSafe">Accepted for Fugue parity: values are always canonical for the column type.</param>
    /// <exception cref="FugueDataFrameOperationException">A column is missing or the list is empty.</exception>
    public List<object?[]> AsArray(IReadOnlyList<string>? columns = null, bool typeSafe = false) =>
        AsArrayIterable(columns, typeSafe).ToList();

    /// <summary>Rows streamed one at a time (each a new array); see <see cref="AsArray"/>. Columns are validated eagerly.</summary>
    public IEnumerable<object?[]> AsArrayIterable(IReadOnlyList<string>? columns = null, bool typeSafe = false) =>
        EnumerateRows(ResolveColumns(columns));

    /// <summary>All rows as column-name-to-value dictionaries (in column order).</summary>
    public List<Dictionary<string, object?>> AsDicts(IReadOnlyList<string>? columns = null) => AsDictIterable(columns).ToList();

    /// <summary>Rows as dictionaries, streamed; see <see cref="AsDicts"/>.</summary>
    public IEnumerable<Dictionary<string, object?>> AsDictIterable(IReadOnlyList<string>? columns = null)
    {
        var indices = ResolveColumns(columns);
        var names = indices is null ? Schema.Names : indices.Select(i => Schema[i].Name).ToArray();
        return EnumerateRows(indices).Select(r => ToDict(r, names));
    }

    /// <summary>The first <paramref name="n"/> rows (of the listed columns) as a local bounded frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public LocalBoundedDataFrame Head(int n, IReadOnlyList<string>? columns = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return HeadCore(n, ResolveColumns(columns));
    }

    /// <summary>Writes the first <paramref name="n"/> rows as a table to the console; see <see cref="ToTableString"/>.</summary>
    public void Show(int n = 10, bool withCount = false, string? title = null) => Show(Console.Out, n, withCount, title);

    /// <summary>Writes the first <paramref name="n"/> rows as a table to <paramref name="writer"/>; see <see cref="ToTableString"/>.</summary>
    public void Show(TextWriter writer, int n = 10, bool withCount = false, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToTableString(n, withCount, title));
        writer.Flush();
    }

    /// <summary>
    /// Renders the first <paramref name="n"/> rows: an optional title line, the frame type, a header of
    /// <c>name:type</c> cells separated by <c>|</c>, a <c>-</c>/<c>+</c> rule, the rows (NULL for null, long cells cut
    /// with <c>...</c>), then <c>Total count: N</c> when asked (an unbounded frame is cached to count it) and the metadata.
    /// </summary>
    public string ToTableString(int n = 10, bool withCount = false, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var head = Head(n);
        long? count = null;
        if (withCount)
        {
            count = IsBounded ? Count() : AsLocalBounded().Count();
        }

        return TableRenderer.Render(GetType().Name, Schema, head.AsArrayIterable(), title, count, _metadata);
    }

    /// <summary>A frame of the listed columns, in that order.</summary>
    /// <exception cref="FugueDataFrameOperationException">The list is empty, repeats a name or names a missing column.</exception>
    public DataFrame SelectColumns(IReadOnlyList<string> columns)
    {
        var indices = ColumnOps.ResolveSelect(Schema, columns, "select columns");
        return ColumnOps.IsIdentity(indices, Schema.Count) ? this : SelectCore(indices, ColumnOps.Project(Schema, indices));
    }

    /// <summary>A frame of the listed columns, in that order.</summary>
    public DataFrame SelectColumns(params string[] columns) => SelectColumns((IReadOnlyList<string>)columns);

    /// <summary>A frame without the listed columns.</summary>
    /// <exception cref="FugueDataFrameOperationException">A column is missing, or every column would be dropped.</exception>
    public DataFrame DropColumns(IReadOnlyList<string> columns)
    {
        var indices = ColumnOps.ResolveDrop(Schema, columns);
        return ColumnOps.IsIdentity(indices, Schema.Count) ? this : SelectCore(indices, ColumnOps.Project(Schema, indices));
    }

    /// <summary>A frame without the listed columns.</summary>
    public DataFrame DropColumns(params string[] columns) => DropColumns((IReadOnlyList<string>)columns);

    /// <summary>A frame with columns renamed (old name to new name); an empty mapping returns this frame.</summary>
    /// <exception cref="FugueDataFrameOperationException">An old name is missing or the new names collide.</exception>
    public DataFrame Rename(IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            return this;
        }

        var schema = ColumnOps.Rename(Schema, columns);
        return schema == Schema ? this : RenameCore(schema);
    }

    /// <summary>
    /// A frame whose named columns are converted to new types in place (the other columns and the order stay), values
    /// converted by <see cref="ValueConverter"/>. A no-op alter returns this frame.
    /// </summary>
    /// <exception cref="FugueDataFrameOperationException">A column is missing.</exception>
    /// <exception cref="FugueValueConversionException">A value cannot be converted (eagerly for bounded frames, on read for streams).</exception>
    public DataFrame AlterColumns(Schema columns)
    {
        var schema = ColumnOps.Alter(Schema, columns);
        return schema == Schema ? this : AlterCore(schema);
    }

    /// <summary>Alters columns given as a schema expression such as <c>a:str,b:double</c>.</summary>
    public DataFrame AlterColumns(string columns) => AlterColumns(Schema.Parse(columns));

    /// <summary>This frame as a local frame (itself when already local). Metadata is kept.</summary>
    public virtual LocalDataFrame AsLocal() => AsLocalBounded();

    /// <summary>This frame as a local bounded frame (itself when it already is; a stream is materialised and cached). Metadata is kept.</summary>
    public abstract LocalBoundedDataFrame AsLocalBounded();

    /// <summary>
    /// The data as a stream of columnar batches of this frame's schema (the engines' main input). Frames stored as
    /// rows build batches of up to 16384 rows lazily; an empty frame may yield no batch at all. For a single-pass
    /// stream this is its one read.
    /// </summary>
    public virtual IEnumerable<RecordBatch> AsBatches() => BatchConversions.FromRows(EnumerateRows(null), Schema);

    /// <summary>The data materialised as a <see cref="ColumnarDataFrame"/> (itself if it is one). Metadata is kept.</summary>
    public virtual ColumnarDataFrame ToColumnar() => Inherit(new ColumnarDataFrame(Schema, AsBatches().ToList()));

    /// <summary>The rows materialised as an <see cref="ArrayDataFrame"/> (itself if it is one). Metadata is kept.</summary>
    public virtual ArrayDataFrame ToArrayDataFrame() =>
        Inherit(new ArrayDataFrame(EnumerateRows(null).ToList(), Schema, trusted: true));

    /// <summary>A frame over rows converted to <paramref name="schema"/> (an <see cref="ArrayDataFrame"/>).</summary>
    public static ArrayDataFrame From(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) => new(rows, schema);

    /// <summary>A frame over one columnar batch.</summary>
    public static ColumnarDataFrame From(RecordBatch batch) => new(batch);

    /// <summary>A frame over columnar batches that all have <paramref name="schema"/>.</summary>
    public static ColumnarDataFrame From(Schema schema, IEnumerable<RecordBatch> batches) => new(schema, batches);

    /// <summary>A lazy single-pass frame over a stream of batches (see <see cref="IterableDataFrame"/>).</summary>
    public static IterableDataFrame FromStream(IEnumerable<RecordBatch> batches, Schema schema) => new(batches, schema);

    /// <summary>A lazy single-pass frame over a stream of rows, converted as read (see <see cref="IterableDataFrame"/>).</summary>
    public static IterableDataFrame FromStream(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) => new(rows, schema);

    /// <summary>An empty frame of <paramref name="schema"/>.</summary>
    public static EmptyDataFrame Empty(Schema schema) => new(schema);

    /// <summary>The frame type and schema, e.g. <c>ArrayDataFrame(a:int,b:str)</c> (never reads the data).</summary>
    public override string ToString() => $"{GetType().Name}({Schema})";

    /// <summary>Enumerates rows of canonical values: all columns when <paramref name="indices"/> is null, else those columns in order. Each row is a new array.</summary>
    protected abstract IEnumerable<object?[]> EnumerateRows(int[]? indices);

    /// <summary>The first <paramref name="n"/> rows of the selected columns (null = all) as a bounded frame.</summary>
    protected virtual LocalBoundedDataFrame HeadCore(int n, int[]? indices)
    {
        var schema = indices is null ? Schema : ColumnOps.Project(Schema, indices);
        var rows = new List<object?[]>(Math.Min(n, 1024));
        if (n > 0)
        {
            foreach (var row in EnumerateRows(indices))
            {
                rows.Add(row);
                if (rows.Count >= n)
                {
                    break;
                }
            }
        }

        return new ArrayDataFrame(rows, schema, trusted: true);
    }

    /// <summary>The projection onto the columns at <paramref name="indices"/> (already validated, not the identity).</summary>
    protected abstract DataFrame SelectCore(int[] indices, Schema schema);

    /// <summary>The same data under a schema that differs only in names.</summary>
    protected abstract DataFrame RenameCore(Schema schema);

    /// <summary>The data converted to <paramref name="schema"/> (same names and order, some types changed).</summary>
    protected abstract DataFrame AlterCore(Schema schema);

    /// <summary>Copies this frame's metadata onto <paramref name="frame"/> and returns it (for conversions).</summary>
    protected T Inherit<T>(T frame)
        where T : DataFrame
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame._metadata = _metadata;
        return frame;
    }

    /// <summary>The error for reading a row of an empty frame.</summary>
    protected FugueDatasetEmptyException EmptyError() => new($"the {GetType().Name} with schema '{Schema}' has no rows");

    /// <summary>Resolves a column list to source indices (null stays null = all columns).</summary>
    protected int[]? ResolveColumns(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return null;
        }

        var indices = ColumnOps.ResolveSelect(Schema, columns, "read columns");
        return ColumnOps.IsIdentity(indices, Schema.Count) ? null : indices;
    }

    private Dictionary<string, object?> ToDict(object?[] row, IReadOnlyList<string>? names)
    {
        names ??= Schema.Names;
        var dict = new Dictionary<string, object?>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            dict[names[i]] = row[i];
        }

        return dict;
    }

    private static IReadOnlyDictionary<string, object?> Freeze(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata is null || metadata.Count == 0
            ? NoMetadata
            : new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>(metadata, StringComparer.Ordinal));
}
