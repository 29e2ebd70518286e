using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// How <see cref="CsvReader"/> reads a file. The defaults follow Fugue's <c>load_df</c>: no header, comma
/// delimiter, double-quote quoting, empty text is null, every column <c>str</c> unless a schema is given or
/// <see cref="InferSchema"/> is on.
/// </summary>
/// <remarks>
/// Null and empty text: an <em>unquoted</em> field equal to <see cref="NullValue"/> is null for every type; for
/// non-string types an empty (or all-space) field is null whether quoted or not. For <c>str</c> columns with the
/// default <see cref="NullValue"/> of <c>""</c>, an empty unquoted field is null and a quoted <c>""</c> is the
/// empty string (which is also how <see cref="CsvWriter"/> writes the two).
/// </remarks>
public sealed record CsvReadOptions
{
    /// <summary>The first record holds the column names.</summary>
    public bool Header { get; init; }

    /// <summary>The field separator (an ASCII character).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The quote character (ASCII); inside quotes a doubled quote is one quote.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>
    /// An optional escape character (ASCII, e.g. <c>\</c>): inside a quoted field it makes the next character
    /// literal. Outside quotes it has no special meaning.
    /// </summary>
    public char? Escape { get; init; }

    /// <summary>Unquoted text read as null (default empty).</summary>
    public string NullValue { get; init; } = "";

    /// <summary>
    /// Column names and types. With <see cref="Header"/> the names select header columns (any subset, any
    /// order; each must exist in the header) and the types convert them; without a header the schema names
    /// every field in order. Cannot be combined with <see cref="InferSchema"/>.
    /// </summary>
    public Schema? Schema { get; init; }

    /// <summary>
    /// Column names for a file without a header (one per field). With a header they must equal the header.
    /// Types are <c>str</c> or inferred.
    /// </summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Selects these columns, in this order (after naming; types from the schema, inference or str).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// Infer long/double/bool/date/datetime/str per column from the first <see cref="InferSampleRows"/> records
    /// (default false: every column is str).
    /// </summary>
    public bool InferSchema { get; init; }

    /// <summary>How many records inference looks at.</summary>
    public int InferSampleRows { get; init; } = 1000;

    /// <summary>Rows per yielded batch.</summary>
    public int BatchSize { get; init; } = 65536;

    /// <summary>
    /// Threads parsing in parallel (default 1). Above 1 the input is read in chunks of whole lines and each chunk
    /// without quote characters is parsed on one of several threads (same values as a sequential read, batches
    /// follow the chunks so most are shorter than <see cref="BatchSize"/>); once a chunk contains a quote the rest
    /// is parsed sequentially.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Bytes per chunk a thread parses in a parallel read (internal so tests can force many small chunks).</summary>
    internal int ParallelChunkBytes { get; init; } = 1 << 20;

    /// <summary>Initial size of the read buffer in bytes (it grows to hold a record longer than this).</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
