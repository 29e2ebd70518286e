using System.Linq;

namespace Fugue.Generators.Schemas;

/// <summary>Quoting rules for column names, mirroring the runtime's SchemaNames.</summary>
internal static class SchemaNames
{
    /// <summary>A plain name is an ASCII identifier that is not made only of underscores.</summary>
    public static bool IsPlainName(string name)
    {
        if (name.Length == 0 || name.All(c => c == '_'))
        {
            return false;
        }

        if (!(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        return name.All(c => IsAsciiLetter(c) || c == '_' || (c >= '0' && c <= '9'));
    }

    public static string Quote(string name) =>
        IsPlainName(name) ? name : "`" + name.Replace("`", "``") + "`";

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
