namespace Fugue.Columnar;

/// <summary>Converts between <see cref="decimal"/> and Arrow's decimal128 storage (an <see cref="Int128"/>
/// unscaled value with the type's scale).</summary>
public static class DecimalConversions
{
    private static readonly UInt128 MaxDecimalMantissa = ((UInt128)uint.MaxValue << 64) | ulong.MaxValue;
    private static readonly Int128[] Powers = BuildPowers();

    private static Int128[] BuildPowers()
    {
        var p = new Int128[39];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++)
        {
            p[i] = p[i - 1] * 10;
        }

        return p;
    }

    /// <summary>10 to the power <paramref name="exponent"/> (0..38).</summary>
    public static Int128 Pow10(int exponent) => Powers[exponent];

    /// <summary>
    /// The decimal <c>unscaled / 10^scale</c>. Fractional digits beyond what <see cref="decimal"/> holds
    /// (28 after the point, 96-bit mantissa) are rounded half away from zero.
    /// </summary>
    /// <exception cref="OverflowException">The integer part does not fit <see cref="decimal"/> (about ±7.9e28).</exception>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        if ((uint)scale > 38)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be between 0 and 38");
        }

        var negative = unscaled < 0;
        var m = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        var s = scale;
        while (s > 0 && (s > 28 || m > MaxDecimalMantissa))
        {
            var q = UInt128.DivRem(m, 10);
            m = q.Remainder >= 5 ? q.Quotient + 1 : q.Quotient;
            s--;
        }

        if (m > MaxDecimalMantissa)
        {
            throw new OverflowException(
                $"decimal128 value {unscaled} with scale {scale} does not fit System.Decimal (max about 7.9e28)");
        }

        return new decimal((int)(uint)m, (int)(uint)(m >> 32), (int)(uint)(m >> 64), negative, (byte)s);
    }

    /// <summary>
    /// The unscaled decimal128 value of <paramref name="value"/> at <paramref name="scale"/>; extra fractional
    /// digits are rounded half away from zero.
    /// </summary>
    /// <exception cref="OverflowException">The value needs more than <paramref name="precision"/> digits.</exception>
    public static Int128 ToUnscaled(decimal value, int precision, int scale)
    {
        if (value.Scale > scale)
        {
            value = Math.Round(value, scale, MidpointRounding.AwayFromZero);
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var valueScale = (bits[3] >> 16) & 0xFF;
        var unscaled = (Int128)mantissa * Powers[scale - valueScale];
        if (unscaled >= Powers[precision])
        {
            throw new OverflowException($"value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} does not fit decimal({precision},{scale})");
        }

        return bits[3] < 0 ? -unscaled : unscaled;
    }
}
