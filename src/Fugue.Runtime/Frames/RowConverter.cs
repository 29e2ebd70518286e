using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>Converts whole rows to a schema with one cached <see cref="ValueConverter"/> per column.</summary>
internal sealed class RowConverter
{
    private readonly Schema _schema;
    private readonly ValueConverter[] _converters;

    public RowConverter(Schema schema)
    {
        _schema = schema;
        _converters = new ValueConverter[schema.Count];
        for (var i = 0; i < _converters.Length; i++)
        {
            _converters[i] = ValueConverter.For(schema[i].Type);
        }
    }

    /// <summary>A new row of canonical values; errors name the row index and column.</summary>
    public object?[] Convert(IReadOnlyList<object?> row, long rowIndex)
    {
        if (row is null)
        {
            throw new FugueDataFrameInitException($"row {rowIndex} is null; expected {_converters.Length} values for schema '{_schema}'");
        }

        if (row.Count != _converters.Length)
        {
            throw new FugueDataFrameInitException($"row {rowIndex} has {row.Count} values but schema '{_schema}' has {_converters.Length} columns");
        }

        var result = new object?[_converters.Length];
        for (var i = 0; i < result.Length; i++)
        {
            try
            {
                result[i] = _converters[i].Convert(row[i]);
            }
            catch (FugueValueConversionException ex)
            {
                throw ex.At(rowIndex, _schema[i].Name);
            }
        }

        return result;
    }

    /// <summary>Converts the selected source columns (by index) of a row into a new row for this schema.</summary>
    public object?[] Convert(object?[] row, int[] sourceIndices, long rowIndex)
    {
        var result = new object?[_converters.Length];
        for (var i = 0; i < result.Length; i++)
        {
            try
            {
                result[i] = _converters[i].Convert(row[sourceIndices[i]]);
            }
            catch (FugueValueConversionException ex)
            {
                throw ex.At(rowIndex, _schema[i].Name);
            }
        }

        return result;
    }
}
