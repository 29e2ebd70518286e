using Fugue.Columnar;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Appends members through the builder's canonical-value path (decimal, date, datetime, bytes and nested
/// values), which converts to the column's exact type (decimal scale, timestamp unit).
/// </summary>
/// <typeparam name="T">The member's type (or object for nested canonical values).</typeparam>
public sealed class ValueWriter<T>
{
    private ColumnBuilder? _builder;
    private readonly ColumnBinder _binder;
    private readonly int _index;
    private readonly string _member;

    /// <summary>Resolves the output column.</summary>
    public ValueWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _binder = binder;
        _member = member;
        _index = binder.Bind(column, member);
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder[_index];
    }

    /// <summary>Appends a value (null appends a null).</summary>
    public void Append(T? value) => AppendObject(value);

    /// <summary>Appends a boxed value (null appends a null).</summary>
    public void AppendObject(object? value)
    {
        if (value is null)
        {
            _builder!.AppendNull();
            return;
        }

        try
        {
            _builder!.Append(value);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or ArgumentException)
        {
            throw new FugueTransformerException(
                $"Transformer '{_binder.Transformer}': {_binder.RowType}.{_member} can't be written to column '{_binder.Schema[_index].Name}' ({_binder.Schema[_index].Type}): {e.Message}", e);
        }
    }
}
