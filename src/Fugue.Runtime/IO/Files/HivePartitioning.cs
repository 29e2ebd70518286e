using System.Globalization;
using System.Text;
using Fugue.Frames;

namespace Fugue.IO.Files;

/// <summary>
/// Hive-style partition folder names (<c>key=value</c>): escaping as Hive does (<c>%XX</c>, upper-case hex, for
/// control characters and <c>"#%'*/:=?\{[]^</c> and DEL), and the null value <see cref="NullValue"/>.
/// </summary>
public static class HivePartitioning
{
    /// <summary>The folder value Hive uses for a null key.</summary>
    public const string NullValue = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>Escapes a key or value for use in a folder name.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c))
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 8);
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>Reverses <see cref="Escape"/> (a <c>%</c> not followed by two hex digits is kept as is).</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>The folder name <c>key=value</c> for a canonical value (null as <see cref="NullValue"/>).</summary>
    /// <exception cref="ArgumentException">The value has no text form (e.g. invalid UTF-8 bytes).</exception>
    public static string FolderName(string key, object? value) => Escape(key) + "=" + (value is null ? NullValue : Escape(FormatValue(key, value)));

    /// <summary>Parses a folder name of the form <c>key=value</c> (unescaped; the null marker gives null).</summary>
    public static bool TryParseFolder(string folderName, out string key, out string? value)
    {
        var eq = folderName.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            key = "";
            value = null;
            return false;
        }

        key = Unescape(folderName[..eq]);
        var raw = folderName[(eq + 1)..];
        value = raw == NullValue ? null : Unescape(raw);
        return true;
    }

    private static string FormatValue(string key, object value) =>
        ValueText.TryFormat(value, out var text, out var reason)
            ? text
            : throw new ArgumentException($"the partition key '{key}' has a value without a text form ({reason})");

    private static bool NeedsEscape(char c) =>
        c < ' ' || c == '\u007f' || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '{' or '[' or ']' or '^';
}
