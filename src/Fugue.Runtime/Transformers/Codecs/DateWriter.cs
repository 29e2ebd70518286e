using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends DateOnly members to a date column (days since the Unix epoch), without boxing.</summary>
public sealed class DateWriter
{
    private readonly PrimitiveColumnBuilder<int> _builder;

    /// <summary>Resolves the output column.</summary>
    public DateWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        if (binder.TypeOf(index).Kind != TypeKind.Date)
        {
            throw binder.TypeError(index, member, "DateOnly");
        }

        _builder = (PrimitiveColumnBuilder<int>)builder[index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(DateOnly value) => _builder.Append(TemporalConversions.ToDays(value));

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(DateOnly? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            _builder.AppendNull();
        }
    }
}
