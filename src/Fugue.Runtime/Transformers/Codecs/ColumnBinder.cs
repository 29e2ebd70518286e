using System.Globalization;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Resolves a row type's members to columns of a schema by name, once per frame, and words every mismatch as
/// an error naming the transformer, the column and the frame's actual schema.
/// </summary>
public sealed class ColumnBinder
{
    private readonly bool[] _bound;

    /// <summary>Creates a binder.</summary>
    /// <param name="transformer">Transformer name for messages.</param>
    /// <param name="rowType">Row type name for messages.</param>
    /// <param name="schema">The frame's schema (input) or the output schema.</param>
    /// <param name="role">Input or output.</param>
    public ColumnBinder(string transformer, string rowType, Schema schema, ColumnRole role)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Transformer = transformer;
        RowType = rowType;
        Schema = schema;
        Role = role;
        _bound = new bool[schema.Count];
    }

    /// <summary>Transformer name.</summary>
    public string Transformer { get; }

    /// <summary>Row type name.</summary>
    public string RowType { get; }

    /// <summary>The schema bound against.</summary>
    public Schema Schema { get; }

    /// <summary>Input or output.</summary>
    public ColumnRole Role { get; }

    /// <summary>The index of <paramref name="column"/>; a missing column is an error.</summary>
    public int Bind(string column, string member)
    {
        var index = Schema.TryIndexOf(column);
        if (index < 0)
        {
            throw Role == ColumnRole.Input
                ? new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{Transformer}': column '{column}' (for {RowType}.{member}) is missing from the input frame, whose schema is {Schema}."))
                : new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{Transformer}': {RowType}.{member} writes column '{column}', which the output schema {Schema} does not have."));
        }

        _bound[index] = true;
        return index;
    }

    /// <summary>The type of the column at <paramref name="index"/>.</summary>
    public DataType TypeOf(int index) => Schema[index].Type;

    /// <summary>An error for a column whose type can't be read into (or written from) a member.</summary>
    public FugueTransformerException TypeError(int index, string member, string expected) =>
        Role == ColumnRole.Input
            ? new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"Transformer '{Transformer}': column '{Schema[index].Name}' is {Schema[index].Type} in the input frame, but {RowType}.{member} needs {expected}; the frame's schema is {Schema}."))
            : new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"Transformer '{Transformer}': column '{Schema[index].Name}' is {Schema[index].Type} in the output schema, but {RowType}.{member} is {expected}; the output schema is {Schema}."));

    /// <summary>For outputs: every column of the schema must have a member.</summary>
    public void EnsureAllColumnsBound()
    {
        for (var i = 0; i < _bound.Length; i++)
        {
            if (!_bound[i])
            {
                throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{Transformer}': the output schema {Schema} has column '{Schema[i].Name}', which {RowType} has no member for."));
            }
        }
    }
}
