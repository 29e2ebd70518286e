using System.Globalization;

namespace Fugue.IO.Csv;

/// <summary>
/// Parses UTF-8 decimal text to <see cref="double"/>. Plain decimals (<c>[+-]digits[.digits]</c>, at most 15 significant
/// digits) take the exact fast path: the digits as an integer below 2^53 divided by a power of ten up to 10^22, both
/// exactly representable, so the one correctly rounded division gives the correctly rounded result (Clinger). Any
/// other text (exponents, long mantissas, whitespace, NaN/Infinity) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// </summary>
internal static class Utf8FloatParser
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>Parses the whole of <paramref name="s"/> as a double (invariant culture, <see cref="NumberStyles.Float"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var start = i;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                break;
            }

            mantissa = mantissa * 10 + d;
            digits += mantissa == 0 ? 0 : 1; // leading zeros are not significant
        }

        var integerDigits = i - start;
        var fraction = 0;
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            for (; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9)
                {
                    break;
                }

                mantissa = mantissa * 10 + d;
                digits += mantissa == 0 ? 0 : 1;
                fraction++;
            }
        }

        if (i == s.Length && integerDigits + fraction > 0 && digits <= 15 && fraction <= 22)
        {
            var v = (double)mantissa / PowersOfTen[fraction];
            value = negative ? -v : v;
            return true;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
