using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends string members (null appends a null).</summary>
public sealed class StringWriter
{
    private readonly StringColumnBuilder _builder;

    /// <summary>Resolves the output column.</summary>
    public StringWriter(ColumnBinder binder, RecordBatchBuilder builder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(builder);
        var index = binder.Bind(column, member);
        _builder = builder[index] as StringColumnBuilder ?? throw binder.TypeError(index, member, "string");
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(string? value) => _builder.Append(value);
}
