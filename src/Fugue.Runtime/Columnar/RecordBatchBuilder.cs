using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Builds a <see cref="RecordBatch"/> row by row (<see cref="AppendRow"/>) or column by column (the indexer).</summary>
public sealed class RecordBatchBuilder
{
    private readonly ColumnBuilder[] _builders;
    private int _rowsWithoutColumns;

    /// <summary>Creates a builder; <paramref name="capacity"/> is the expected number of rows.</summary>
    public RecordBatchBuilder(Schema schema, int capacity = 0)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _builders = new ColumnBuilder[schema.Count];
        for (var i = 0; i < _builders.Length; i++)
        {
            _builders[i] = ColumnBuilder.Create(schema[i].Type, capacity);
        }
    }

    /// <summary>The schema of the built batches.</summary>
    public Schema Schema { get; }

    /// <summary>The builder of column <paramref name="index"/>.</summary>
    public ColumnBuilder this[int index] => _builders[index];

    /// <summary>The builder of the named column.</summary>
    public ColumnBuilder this[string name] => _builders[Schema.IndexOf(name)];

    /// <summary>The column builders in schema order.</summary>
    public IReadOnlyList<ColumnBuilder> Builders => _builders;

    /// <summary>The number of rows appended (that of the first column).</summary>
    public int Length => _builders.Length == 0 ? _rowsWithoutColumns : _builders[0].Length;

    /// <summary>Appends one row of canonical values, one per column.</summary>
    /// <exception cref="ArgumentException">The row has the wrong number of values.</exception>
    /// <exception cref="InvalidCastException">A value has the wrong type (the message names the column); the partial
    /// row is undone, so the builder stays usable.</exception>
    /// <exception cref="OverflowException">A number does not fit its column (the partial row is undone).</exception>
    public void AppendRow(ReadOnlySpan<object?> values)
    {
        if (values.Length != _builders.Length)
        {
            throw new ArgumentException($"row has {values.Length} values, schema '{Schema}' has {_builders.Length} columns", nameof(values));
        }

        var row = Length;
        for (var i = 0; i < _builders.Length; i++)
        {
            try
            {
                _builders[i].Append(values[i]);
            }
            catch (Exception e)
            {
                for (var k = 0; k <= i; k++)
                {
                    _builders[k].Truncate(row);
                }

                var where = $"column '{Schema[i].Name}' (row {row}): ";
                switch (e)
                {
                    case InvalidCastException:
                        throw new InvalidCastException(where + e.Message, e);
                    case OverflowException:
                        throw new OverflowException(where + e.Message, e);
                    case ArgumentException:
                        throw new ArgumentException(where + e.Message, e);
                    default:
                        throw;
                }
            }
        }

        _rowsWithoutColumns++;
    }

    /// <summary>Builds the batch and resets the builder for reuse.</summary>
    /// <exception cref="InvalidOperationException">The column builders hold different numbers of values.</exception>
    public RecordBatch Build()
    {
        var length = Length;
        for (var i = 0; i < _builders.Length; i++)
        {
            if (_builders[i].Length != length)
            {
                throw new InvalidOperationException(
                    $"record batch builder: column '{Schema[i].Name}' has {_builders[i].Length} values, column '{Schema[0].Name}' has {length}");
            }
        }

        var cols = new Column[_builders.Length];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = _builders[i].Build();
        }

        _rowsWithoutColumns = 0;
        return new RecordBatch(Schema, cols, length);
    }
}
