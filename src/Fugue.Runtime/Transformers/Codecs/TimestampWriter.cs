using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends DateTime members to a datetime/timestamp column in its unit, without boxing.</summary>
public sealed class TimestampWriter
{
    private readonly PrimitiveColumnBuilder<long> _builder;
    private readonly TimestampType _type;

    /// <summary>Resolves the output column.</summary>
    public TimestampWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        _type = binder.TypeOf(index) as TimestampType ?? throw binder.TypeError(index, member, "DateTime");
        _builder = (PrimitiveColumnBuilder<long>)builder[index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(DateTime value) => _builder.Append(TemporalConversions.ToTimestamp(value, _type));

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(DateTime? value)
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
