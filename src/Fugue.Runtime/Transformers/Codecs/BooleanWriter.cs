using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends bool members.</summary>
public sealed class BooleanWriter
{
    private readonly BooleanColumnBuilder _builder;

    /// <summary>Resolves the output column.</summary>
    public BooleanWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        _builder = builder[index] as BooleanColumnBuilder ?? throw binder.TypeError(index, member, "bool");
    }

    /// <summary>Appends a value.</summary>
    public void Append(bool value) => _builder.Append(value);

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(bool? value)
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
