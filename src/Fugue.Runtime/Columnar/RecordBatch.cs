using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>An immutable batch of rows: a <see cref="Schema"/>, one column per field, and a row count.</summary>
public sealed class RecordBatch
{
    private readonly Column[] _columns;

    /// <summary>Creates a batch; the columns must match the schema's types and all have <paramref name="length"/> rows.</summary>
    /// <exception cref="ArgumentException">Column count, type or length mismatch (the message names the column).</exception>
    public RecordBatch(Schema schema, IReadOnlyList<Column> columns, int length)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "record batch length must be >= 0");
        }

        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"record batch: {columns.Count} columns for the {schema.Count} fields of schema '{schema}'", nameof(columns));
        }

        _columns = new Column[columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var c = columns[i] ?? throw new ArgumentException($"record batch: column '{schema[i].Name}' is null", nameof(columns));
            if (!c.Type.Equals(schema[i].Type))
            {
                throw new ArgumentException($"record batch: column '{schema[i].Name}' has type {c.Type}, schema says {schema[i].Type}", nameof(columns));
            }

            if (c.Length != length)
            {
                throw new ArgumentException($"record batch: column '{schema[i].Name}' has {c.Length} rows, expected {length}", nameof(columns));
            }

            _columns[i] = c;
        }

        Schema = schema;
        Length = length;
    }

    /// <summary>Creates a batch whose length is that of its columns (a batch without columns has 0 rows).</summary>
    public RecordBatch(Schema schema, IReadOnlyList<Column> columns)
        : this(schema, columns, columns is { Count: > 0 } && columns[0] is not null ? columns[0].Length : 0)
    {
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column Column(int index) => _columns[index];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public Column Column(string name) => _columns[Schema.IndexOf(name)];

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), canonical and boxed.</summary>
    public object? GetValue(int row, int column) => _columns[column].GetValue(row);

    /// <summary>A zero-copy view of <paramref name="length"/> rows from row <paramref name="offset"/>.</summary>
    public RecordBatch Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"slice [{offset}, {offset}+{length}) is outside the record batch of {Length} rows");
        }

        if (offset == 0 && length == Length)
        {
            return this;
        }

        var cols = new Column[_columns.Length];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = _columns[i].Slice(offset, length);
        }

        return new RecordBatch(Schema, cols, length);
    }

    /// <summary>A batch of the named columns, in the given order (no copy).</summary>
    /// <exception cref="KeyNotFoundException">A name is not in the schema.</exception>
    public RecordBatch SelectColumns(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var fields = new List<Field>();
        var cols = new List<Column>();
        foreach (var n in names)
        {
            var i = Schema.IndexOf(n);
            fields.Add(Schema[i]);
            cols.Add(_columns[i]);
        }

        return new RecordBatch(new Schema(fields), cols, Length);
    }

    /// <summary>A batch of the named columns, in the given order (no copy).</summary>
    public RecordBatch SelectColumns(params string[] names) => SelectColumns((IEnumerable<string>)names);

    /// <summary>Bytes of the buffer ranges of all columns (about the raw Arrow size).</summary>
    public long ByteSize
    {
        get
        {
            long size = 0;
            foreach (var c in _columns)
            {
                size += c.ByteSize;
            }

            return size;
        }
    }

    /// <summary>The canonical values of row <paramref name="row"/>, one per column.</summary>
    public object?[] GetRow(int row)
    {
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _columns[i].GetValue(row);
        }

        return values;
    }

    /// <summary>A new batch of the rows at <paramref name="indices"/>, in that order (copies).</summary>
    public RecordBatch Take(ReadOnlySpan<int> indices)
    {
        var cols = new Column[_columns.Length];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = _columns[i].Take(indices);
        }

        return new RecordBatch(Schema, cols, indices.Length);
    }

    /// <summary>Concatenates batches with equal schemas into one new batch (copies; one batch is returned as is).</summary>
    /// <exception cref="ArgumentException">No batches, or the schemas differ.</exception>
    public static RecordBatch Concat(IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one batch (to know the schema)", nameof(batches));
        }

        if (batches.Count == 1)
        {
            return batches[0];
        }

        var schema = batches[0].Schema;
        foreach (var b in batches)
        {
            if (!b.Schema.Equals(schema))
            {
                throw new ArgumentException($"cannot concatenate batches with schemas '{schema}' and '{b.Schema}'", nameof(batches));
            }
        }

        var cols = new Column[schema.Count];
        var parts = new Column[batches.Count];
        for (var i = 0; i < cols.Length; i++)
        {
            for (var k = 0; k < parts.Length; k++)
            {
                parts[k] = batches[k]._columns[i];
            }

            cols[i] = Fugue.Columnar.Column.Concat(parts);
        }

        var length = 0L;
        foreach (var b in batches)
        {
            length += b.Length;
        }

        return new RecordBatch(schema, cols, checked((int)length));
    }

    /// <summary>Builds a batch from rows of canonical values.</summary>
    public static RecordBatch FromRows(Schema schema, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var b = new RecordBatchBuilder(schema, rows is IReadOnlyCollection<object?[]> c ? c.Count : 0);
        foreach (var r in rows)
        {
            b.AppendRow(r);
        }

        return b.Build();
    }

    /// <summary>A batch with no rows.</summary>
    public static RecordBatch Empty(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var cols = new Column[schema.Count];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = ColumnBuilder.Create(schema[i].Type).Build();
        }

        return new RecordBatch(schema, cols, 0);
    }

    /// <inheritdoc />
    public override string ToString() => $"RecordBatch({Schema})[{Length}]";
}
