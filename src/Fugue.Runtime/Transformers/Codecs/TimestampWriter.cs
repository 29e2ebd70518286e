using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Appends DateTime members to a datetime/timestamp column in its unit, without boxing. Generated writers fill
/// <see cref="Reserve"/>'s span column-wise and <see cref="Commit"/> it as one range append.
/// </summary>
public sealed class TimestampWriter
{
    private readonly int _index;
    private readonly TimestampType _type;
    private PrimitiveColumnBuilder<long>? _builder;
    private DateTime[] _scratch = [];
    private long[] _storage = [];

    /// <summary>Resolves the output column.</summary>
    public TimestampWriter(ColumnBinder binder, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(binder);
        _index = binder.Bind(column, member);
        _type = binder.TypeOf(_index) as TimestampType ?? throw binder.TypeError(_index, member, "DateTime");
    }

    /// <summary>Points the writer at the column builder of <paramref name="builder"/> (once per chunk of rows).</summary>
    public void Bind(RecordBatchBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = (PrimitiveColumnBuilder<long>)builder[_index];
    }

    /// <summary>Appends a value.</summary>
    public void Append(DateTime value) => _builder!.Append(TemporalConversions.ToTimestamp(value, _type));

    /// <summary>Appends a value or a null.</summary>
    public void AppendNullable(DateTime? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            _builder!.AppendNull();
        }
    }

    /// <summary>A scratch span of <paramref name="count"/> values to fill, then <see cref="Commit"/>.</summary>
    public Span<DateTime> Reserve(int count)
    {
        if (_scratch.Length < count)
        {
            _scratch = new DateTime[count];
            _storage = new long[count];
        }

        return _scratch.AsSpan(0, count);
    }

    /// <summary>Converts and appends the first <paramref name="count"/> values of the <see cref="Reserve"/>d span.</summary>
    public void Commit(int count)
    {
        var values = _scratch.AsSpan(0, count);
        var storage = _storage.AsSpan(0, count);
        if (_type.TimeZone is null && _type.Unit == TimeUnit.Microsecond)
        {
            // The common naive-microsecond case without the per-value unit switch.
            for (var i = 0; i < values.Length; i++)
            {
                var ticks = values[i].Ticks - TemporalConversions.UnixEpochTicks;
                var q = ticks / 10;
                storage[i] = ticks - (q * 10) < 0 ? q - 1 : q;
            }
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                storage[i] = TemporalConversions.ToTimestamp(values[i], _type);
            }
        }

        _builder!.AppendRange(storage);
    }
}
