using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends bool members.</summary>
public sealed class BooleanWriter
{
    private readonly int _index;
    private BooleanColumnBuilder? _builder;

    /// <summary>Resolves the output column.</summary>
    public BooleanWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        if (binder.TypeOf(_index).Kind != TypeKind.Bool)
        {
            throw binder.TypeError(_index, member, "bool");
        }
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = (BooleanColumnBuilder)builder[_index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(bool value) => _builder!.Append(value);

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(bool? value)
    {
        if (value.HasValue)
        {
            _builder!.Append(value.GetValueOrDefault());
        }
        else
        {
            _builder!.AppendNull();
        }
    }
}
