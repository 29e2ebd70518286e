using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>Base of generated codecs.</summary>
/// <typeparam name="T">The row type.</typeparam>
public abstract class RowCodec<T> : IRowCodec<T>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="typeName">Row type name for messages.</param>
    /// <param name="schema">The row type's schema expression.</param>
    protected RowCodec(string typeName, string schema)
    {
        TypeName = typeName;
        Schema = Schema.Parse(schema);
    }

    /// <inheritdoc />
    public string TypeName { get; }

    /// <inheritdoc />
    public Schema Schema { get; }

    /// <inheritdoc />
    public abstract RowReader<T> CreateReader(ColumnBinder binder);

    /// <inheritdoc />
    public abstract RowWriter<T> CreateWriter(ColumnBinder binder);
}
