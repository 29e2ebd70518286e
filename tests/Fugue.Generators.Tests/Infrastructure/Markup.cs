using Microsoft.CodeAnalysis.Text;

namespace Fugue.Generators.Tests.Infrastructure;

/// <summary>Reads a test source with one span marked <c>[|...|]</c>.</summary>
public static class Markup
{
    /// <summary>Removes the markers and returns the clean source and the marked span.</summary>
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source needs one [|...|] span.", nameof(markup));
        }

        var source = markup.Remove(end, 2).Remove(start, 2);
        return (source, new TextSpan(start, end - start - 2));
    }
}
