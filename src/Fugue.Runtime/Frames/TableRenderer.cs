using System.Globalization;
using System.Text;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>Renders rows as the plain-text table of <see cref="DataFrame.Show(int, bool, string?)"/>.</summary>
internal static class TableRenderer
{
    /// <summary>Cells longer than this are cut and end with <c>...</c>, so one long value cannot blow up the table.</summary>
    public const int MaxCellWidth = 60;

    public static string Render(string typeName, Schema schema, IEnumerable<object?[]> rows, string? title, long? count,
        IReadOnlyDictionary<string, object?> metadata)
    {
        var header = new string[schema.Count];
        var widths = new int[schema.Count];
        for (var c = 0; c < header.Length; c++)
        {
            header[c] = Cut(schema[c].ToString());
            widths[c] = header[c].Length;
        }

        var cells = new List<string[]>();
        foreach (var row in rows)
        {
            var line = new string[header.Length];
            for (var c = 0; c < line.Length; c++)
            {
                line[c] = Cut(ValueText.Display(row[c]));
                widths[c] = Math.Max(widths[c], line[c].Length);
            }

            cells.Add(line);
        }

        var sb = new StringBuilder();
        if (title is not null)
        {
            sb.Append(title).Append('\n');
        }

        sb.Append(typeName).Append('\n');
        AppendLine(sb, header, widths);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0)
            {
                sb.Append('+');
            }

            sb.Append('-', widths[c]);
        }

        sb.Append('\n');
        foreach (var line in cells)
        {
            AppendLine(sb, line, widths);
        }

        if (count is not null)
        {
            sb.Append("Total count: ").Append(count.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        if (metadata.Count > 0)
        {
            sb.Append("Metadata: ");
            ValueText.WriteJson(sb, metadata);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, string[] cells, int[] widths)
    {
        var start = sb.Length;
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append('|');
            }

            sb.Append(cells[c]);
            sb.Append(' ', widths[c] - cells[c].Length);
        }

        // Trailing padding only adds noise (and trailing whitespace) to the last column.
        var end = sb.Length;
        while (end > start && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }

    private static string Cut(string text) =>
        text.Length <= MaxCellWidth ? text : string.Concat(text.AsSpan(0, MaxCellWidth - 3), "...");
}
