namespace Fugue.Expressions;

/// <summary>The order of canonical values of one type as SQL's MIN/MAX see it (strings and bytes by UTF-8 bytes / content).</summary>
internal static class ValueOrder
{
    public static int Compare(object x, object y) => (x, y) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b) switch
        {
            // UTF-16 ordinal order equals UTF-8 byte order except around surrogates; use bytes only then
            _ when HasSurrogate(a) || HasSurrogate(b) => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)),
            var c => c,
        },
        (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
        (IComparable a, _) => a.CompareTo(y),
        _ => throw new FugueExpressionException($"values of type {x.GetType().Name} cannot be ordered"),
    };

    private static bool HasSurrogate(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
