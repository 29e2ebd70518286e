using System.Runtime.InteropServices;

namespace Fugue.IO.Parquet.Encodings;

/// <summary>
/// The deprecated INT96 physical value: 12 bytes little-endian, by convention a legacy timestamp of
/// nanoseconds within the day (first 8 bytes) and a Julian day number (last 4 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct Int96 : IEquatable<Int96>
{
    private const long JulianDayOfUnixEpoch = 2_440_588;
    private const long NanosPerDay = 86_400_000_000_000;

    /// <summary>Creates a value from its two parts.</summary>
    public Int96(ulong nanosOfDay, uint julianDay)
    {
        NanosOfDay = nanosOfDay;
        JulianDay = julianDay;
    }

    /// <summary>The low 8 bytes: nanoseconds within the day.</summary>
    public ulong NanosOfDay { get; }

    /// <summary>The high 4 bytes: the Julian day number.</summary>
    public uint JulianDay { get; }

    /// <summary>The timestamp as nanoseconds since the Unix epoch.</summary>
    public long ToUnixNanoseconds() => ((long)JulianDay - JulianDayOfUnixEpoch) * NanosPerDay + (long)NanosOfDay;

    /// <summary>Creates the legacy timestamp for nanoseconds since the Unix epoch.</summary>
    public static Int96 FromUnixNanoseconds(long nanos)
    {
        var day = Math.DivRem(nanos, NanosPerDay, out var rem);
        if (rem < 0)
        {
            rem += NanosPerDay;
            day--;
        }

        return new Int96((ulong)rem, (uint)(day + JulianDayOfUnixEpoch));
    }

    /// <inheritdoc />
    public bool Equals(Int96 other) => NanosOfDay == other.NanosOfDay && JulianDay == other.JulianDay;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Int96 o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NanosOfDay, JulianDay);

    /// <summary>Equality.</summary>
    public static bool operator ==(Int96 left, Int96 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Int96 left, Int96 right) => !left.Equals(right);
}
