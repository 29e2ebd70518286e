using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Appends decimal members to a decimal(p,s) column (rescaled to the column's scale), without boxing.</summary>
public sealed class DecimalWriter
{
    private readonly int _index;
    private DecimalColumnBuilder? _builder;

    /// <summary>Resolves the output column.</summary>
    public DecimalWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        if (binder.TypeOf(_index).Kind != TypeKind.Decimal)
        {
            throw binder.TypeError(_index, member, "decimal");
        }
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = (DecimalColumnBuilder)builder[_index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(decimal value) => _builder!.Append(value);

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(decimal? value)
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
