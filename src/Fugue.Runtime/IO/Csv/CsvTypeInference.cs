using System.Globalization;
using System.Text;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// Infers one column's type from sampled field texts: long if every non-null value is an integer, else double
/// if every one is a number, else bool (<c>true</c>/<c>false</c>, any case), else date (<c>YYYY-MM-DD</c>),
/// else datetime (any timestamp text Fugue's converter accepts), else str. A column with no non-null sample
/// values is str.
/// </summary>
internal sealed class CsvTypeInference
{
    private bool _any;
    private bool _long = true;
    private bool _double = true;
    private bool _bool = true;
    private bool _date = true;
    private bool _dateTime = true;

    /// <summary>Accounts for one non-null value.</summary>
    public void Observe(ReadOnlySpan<byte> text)
    {
        var s = text.Trim((byte)' ');
        _any = true;
        if (_long && !(System.Buffers.Text.Utf8Parser.TryParse(s, out long _, out var n) && n == s.Length))
        {
            _long = false;
        }

        if (_double && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            _double = false;
        }

        if (_bool && !(Ascii.EqualsIgnoreCase(s, "true"u8) || Ascii.EqualsIgnoreCase(s, "false"u8)))
        {
            _bool = false;
        }

        if (_date && !Utf8TemporalParser.TryParseDate(s, out _))
        {
            _date = false;
        }

        if (_dateTime && !Utf8TemporalParser.TryParseDateTimeTicks(s, out _) && !TryGeneralDateTime(s))
        {
            _dateTime = false;
        }
    }

    /// <summary>The inferred type.</summary>
    public DataType Result =>
        !_any ? DataType.String
        : _long ? DataType.Int64
        : _double ? DataType.Float64
        : _bool ? DataType.Bool
        : _date ? DataType.Date
        : _dateTime ? DataType.DateTime
        : DataType.String;

    private static bool TryGeneralDateTime(ReadOnlySpan<byte> s)
    {
        if (s.Length < 10 || s.Length > 64 || !System.Text.Unicode.Utf8.IsValid(s))
        {
            return false;
        }

        Span<char> chars = stackalloc char[s.Length];
        var n = Encoding.UTF8.GetChars(s, chars);
        return TemporalText.TryParse(chars[..n], out _, out _);
    }
}
