namespace Fugue.IO.Csv;

/// <summary>How <see cref="CsvWriter"/> writes (defaults follow Fugue's <c>save_df</c>: no header, comma, LF).</summary>
public sealed record CsvWriteOptions
{
    /// <summary>Write the column names as the first record (Fugue's save default is false).</summary>
    public bool Header { get; init; }

    /// <summary>The field separator (ASCII).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The quote character (ASCII).</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Text written for nulls (default empty; an empty string value is then written as <c>""</c>).</summary>
    public string NullValue { get; init; } = "";

    /// <summary>The record terminator: <c>"\n"</c> (default) or <c>"\r\n"</c>.</summary>
    public string NewLine { get; init; } = "\n";

    /// <summary>Output buffer size in bytes.</summary>
    public int BufferSize { get; init; } = 1 << 16;
}
