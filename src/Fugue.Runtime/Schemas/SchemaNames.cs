namespace Fugue.Schemas;

/// <summary>Rules for column names in schema expressions: which need backtick quoting, and how to quote.</summary>
public static class SchemaNames
{
    /// <summary>
    /// True when <paramref name="name"/> can appear unquoted: an ASCII identifier (letter or underscore,
    /// then letters, digits or underscores) that is not made only of underscores.
    /// </summary>
    public static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        var onlyUnderscores = true;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c == '_' || char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }

            onlyUnderscores &= c == '_';
        }

        return !onlyUnderscores;
    }

    /// <summary>The name as written in a schema expression: unchanged when plain, else in backticks with backticks doubled.</summary>
    public static string Quote(string name) =>
        IsPlainName(name) ? name : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
