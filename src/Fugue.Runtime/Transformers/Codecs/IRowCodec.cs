using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// A generated, reflection-free codec of a row type: its schema, a reader of columnar batches by column name,
/// and a writer into record batch builders.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public interface IRowCodec<T>
{
    /// <summary>Row type name for messages.</summary>
    string TypeName { get; }

    /// <summary>The row type's columns in member order.</summary>
    Schema Schema { get; }

    /// <summary>A reader bound by name to the columns of <paramref name="binder"/>'s schema (extra columns allowed).</summary>
    RowReader<T> CreateReader(ColumnBinder binder);

    /// <summary>A writer of rows into <paramref name="binder"/>'s schema.</summary>
    RowWriter<T> CreateWriter(ColumnBinder binder);
}
