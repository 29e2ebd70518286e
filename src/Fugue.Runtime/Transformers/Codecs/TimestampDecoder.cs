using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Converts storage values of one timestamp type to <see cref="DateTime"/> with the unit's factor and the range
/// check resolved once, so a per-row conversion is a compare, a multiply and an add (the result is the same as
/// <see cref="TemporalConversions.ToDateTime(long, TimestampType)"/>).
/// </summary>
public readonly struct TimestampDecoder
{
    private readonly TimestampType _type;
    private readonly long _factor;
    private readonly long _min;
    private readonly long _max;
    private readonly DateTimeKind _kind;

    /// <summary>Creates the decoder of <paramref name="type"/>.</summary>
    public TimestampDecoder(TimestampType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        _type = type;
        _kind = type.TimeZone is null ? DateTimeKind.Unspecified : DateTimeKind.Utc;
        _factor = type.Unit switch
        {
            TimeUnit.Second => TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => 10,
            _ => 0, // nanoseconds divide: the general path
        };
        if (_factor == 0)
        {
            _min = 1;
            _max = 0; // empty range: every value takes the general path
        }
        else
        {
            // Values whose ticks fall inside DateTime's range, so the fast path needs no overflow check.
            _min = -(TemporalConversions.UnixEpochTicks / _factor);
            _max = (DateTime.MaxValue.Ticks - TemporalConversions.UnixEpochTicks) / _factor;
        }
    }

    /// <summary>The <see cref="DateTime"/> of a storage value (out-of-range values throw as the general conversion does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DateTime Decode(long value) =>
        value >= _min && value <= _max
            ? new DateTime((value * _factor) + TemporalConversions.UnixEpochTicks, _kind)
            : TemporalConversions.ToDateTime(value, _type);
}
