using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A local bounded frame stored as rows (<c>object?[]</c> per row). Building it from rows converts every value to
/// the canonical value of its column type (eagerly, with <see cref="ValueConverter"/>), so reads never fail and
/// need no conversion.
/// </summary>
public sealed class ArrayDataFrame : LocalBoundedDataFrame
{
    private readonly List<object?[]> _rows;
    private System.Collections.ObjectModel.ReadOnlyCollection<object?[]>? _view;

    /// <summary>Creates a frame from rows, converting the values to <paramref name="schema"/>. The rows are copied.</summary>
    /// <exception cref="FugueDataFrameInitException">A row does not have one value per column.</exception>
    /// <exception cref="FugueValueConversionException">A value cannot be converted; the message names the row and column.</exception>
    public ArrayDataFrame(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) : base(schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var converter = new RowConverter(schema);
        _rows = rows is System.Collections.ICollection c ? new List<object?[]>(c.Count) : [];
        long i = 0;
        foreach (var row in rows)
        {
            _rows.Add(converter.Convert(row, i++));
        }
    }

    /// <summary>Creates an empty frame of <paramref name="schema"/>.</summary>
    public ArrayDataFrame(Schema schema) : base(schema)
    {
        _rows = [];
    }

    /// <summary>Copies the rows of any frame (an unbounded one is read once). Metadata is kept.</summary>
    public ArrayDataFrame(DataFrame frame) : base((frame ?? throw new ArgumentNullException(nameof(frame))).Schema)
    {
        _rows = frame.AsArray();
        Metadata = frame.Metadata;
    }

    /// <summary>Wraps rows that already hold canonical values of <paramref name="schema"/> (no copy, no conversion).</summary>
    internal ArrayDataFrame(List<object?[]> rows, Schema schema, bool trusted) : base(schema)
    {
        _ = trusted;
        _rows = rows;
    }

    /// <summary>The stored rows (read-only view; do not mutate the arrays).</summary>
    public IReadOnlyList<object?[]> Rows => _view ??= _rows.AsReadOnly();

    /// <summary>The stored rows, as <see cref="Rows"/>.</summary>
    public override object Native => Rows;

    /// <inheritdoc />
    public override long Count() => _rows.Count;

    /// <inheritdoc />
    public override bool IsEmpty => _rows.Count == 0;

    /// <inheritdoc />
    public override object?[] PeekArray() => _rows.Count > 0 ? (object?[])_rows[0].Clone() : throw EmptyError();

    /// <summary>Returns this frame.</summary>
    public override ArrayDataFrame ToArrayDataFrame() => this;

    /// <inheritdoc />
    protected override IEnumerable<object?[]> EnumerateRows(int[]? indices)
    {
        foreach (var row in _rows)
        {
            yield return Project(row, indices);
        }
    }

    /// <inheritdoc />
    protected override LocalBoundedDataFrame HeadCore(int n, int[]? indices)
    {
        var take = Math.Min(n, _rows.Count);
        var rows = new List<object?[]>(take);
        for (var i = 0; i < take; i++)
        {
            rows.Add(Project(_rows[i], indices));
        }

        return new ArrayDataFrame(rows, indices is null ? Schema : ColumnOps.Project(Schema, indices), trusted: true);
    }

    /// <inheritdoc />
    protected override DataFrame SelectCore(int[] indices, Schema schema) =>
        new ArrayDataFrame(_rows.ConvertAll(r => Project(r, indices)), schema, trusted: true);

    /// <inheritdoc />
    protected override DataFrame RenameCore(Schema schema) => new ArrayDataFrame(_rows, schema, trusted: true);

    /// <inheritdoc />
    protected override DataFrame AlterCore(Schema schema)
    {
        var converters = new ValueConverter?[schema.Count];
        for (var c = 0; c < converters.Length; c++)
        {
            if (schema[c].Type != Schema[c].Type)
            {
                converters[c] = ValueConverter.For(schema[c].Type);
            }
        }

        var rows = new List<object?[]>(_rows.Count);
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = (object?[])_rows[r].Clone();
            for (var c = 0; c < row.Length; c++)
            {
                if (converters[c] is { } conv)
                {
                    try
                    {
                        row[c] = conv.Convert(row[c]);
                    }
                    catch (FugueValueConversionException ex)
                    {
                        throw ex.At(r, schema[c].Name);
                    }
                }
            }

            rows.Add(row);
        }

        return new ArrayDataFrame(rows, schema, trusted: true);
    }

    private static object?[] Project(object?[] row, int[]? indices)
    {
        if (indices is null)
        {
            return (object?[])row.Clone();
        }

        var result = new object?[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = row[indices[i]];
        }

        return result;
    }
}
