using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends DateOnly members to a date column (days since the Unix epoch), without boxing.</summary>
public sealed class DateWriter
{
    private readonly int _index;
    private PrimitiveColumnBuilder<int>? _builder;

    /// <summary>Resolves the output column.</summary>
    public DateWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        if (binder.TypeOf(_index).Kind != TypeKind.Date)
        {
            throw binder.TypeError(_index, member, "DateOnly");
        }
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = (PrimitiveColumnBuilder<int>)builder[_index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(DateOnly value) => _builder!.Append(TemporalConversions.ToDays(value));

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(DateOnly? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            _builder!.AppendNull();
        }
    }
}
