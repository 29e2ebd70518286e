using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends string members (null appends a null).</summary>
public sealed class StringWriter
{
    private readonly int _index;
    private StringColumnBuilder? _builder;

    /// <summary>Resolves the output column.</summary>
    public StringWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        if (binder.TypeOf(_index).Kind != TypeKind.String)
        {
            throw binder.TypeError(_index, member, "string");
        }
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = (StringColumnBuilder)builder[_index];
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(string? value) => _builder!.Append(value);
}
