using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends decimal members to a decimal(p,s) column (rescaled to the column's scale), without boxing.</summary>
public sealed class DecimalWriter
{
    private readonly DecimalColumnBuilder _builder;

    /// <summary>Resolves the output column.</summary>
    public DecimalWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        _builder = builder[index] as DecimalColumnBuilder ?? throw binder.TypeError(index, member, "decimal");
    }

    /// <summary>Appends a value.</summary>
    public void Append(decimal value) => _builder.Append(value);

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(decimal? value)
    {
        if (value.HasValue)
        {
            _builder.Append(value.GetValueOrDefault());
        }
        else
        {
            _builder.AppendNull();
        }
    }
}
