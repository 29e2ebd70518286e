using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// Streams a CSV file (RFC 4180: quoted fields, doubled quotes, embedded delimiters and newlines, CRLF/LF/CR
/// line ends, a leading UTF-8 BOM skipped) into <see cref="RecordBatch"/>es of
/// <see cref="CsvReadOptions.BatchSize"/> rows, parsing straight from the UTF-8 bytes into typed builders.
/// Only the current batch and one read buffer are held in memory.
/// </summary>
/// <remarks>
/// The output <see cref="Schema"/> is fixed when the reader is created (the header and, with
/// <see cref="CsvReadOptions.InferSchema"/>, a sample of records are read then). Every record must have as
/// many fields as the file has columns; a completely empty line is skipped when the file has more than one
/// column (with one column it is a null value). Nested columns (lists, structs, maps) are read from JSON text,
/// binary columns from base64.
/// </remarks>
public sealed class CsvReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvTokenizer _tokenizer;
    private readonly int _fileColumnCount;
    private readonly int[] _sources;
    private readonly byte[] _nullValue;
    private readonly CsvRecordParser _parser;
    private readonly List<SampleRecord>? _sample;
    private byte[] _scratch = new byte[256];
    private bool _started;

    /// <summary>Creates a reader over <paramref name="stream"/> and resolves the schema.</summary>
    /// <param name="stream">UTF-8 CSV text (wrap compressed input in a decompressing stream first).</param>
    /// <param name="options">Reading options (defaults: no header, so a schema or names are required).</param>
    /// <param name="filePath">The file name used in error messages.</param>
    /// <param name="leaveOpen">Keep <paramref name="stream"/> open on <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentException">Conflicting or missing options (spec: a headerless file needs names;
    /// inference cannot be combined with an explicit schema).</exception>
    /// <exception cref="CsvFormatException">The header or sample is malformed or does not match the options.</exception>
    public CsvReader(Stream stream, CsvReadOptions? options = null, string? filePath = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Options = options ??= new CsvReadOptions();
        FilePath = filePath;
        _stream = stream;
        _leaveOpen = leaveOpen;
        Validate(options);
        _nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        _tokenizer = new CsvTokenizer(stream, filePath, (byte)options.Delimiter, (byte)options.Quote,
            options.Escape is { } e ? (byte)e : -1, options.BufferSize);

        string[] fileNames;
        if (options.Header)
        {
            fileNames = _tokenizer.ReadRecord()
                ? ReadHeader()
                : options.Schema?.Names.ToArray() ?? options.Names?.ToArray() ?? [];
            if (options.Names is { } names && !names.SequenceEqual(fileNames, StringComparer.Ordinal))
            {
                throw new CsvFormatException(
                    $"the column names [{string.Join(", ", names)}] do not match the header [{string.Join(", ", fileNames)}]", filePath, 1);
            }
        }
        else
        {
            fileNames = options.Schema?.Names.ToArray() ?? options.Names!.ToArray();
        }

        FileColumnNames = fileNames;
        _fileColumnCount = fileNames.Length;
        var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fileNames.Length; i++)
        {
            if (!fileIndex.TryAdd(fileNames[i], i))
            {
                throw new CsvFormatException($"duplicate column name '{fileNames[i]}'", filePath, 1);
            }
        }

        var selected = options.Columns ?? options.Schema?.Names ?? fileNames;
        _sources = new int[selected.Count];
        var types = new DataType?[selected.Count];
        for (var j = 0; j < selected.Count; j++)
        {
            if (!fileIndex.TryGetValue(selected[j], out _sources[j]))
            {
                var what = options.Columns is not null ? "selected column" : "schema column";
                throw new CsvFormatException(
                    $"{what} '{selected[j]}' is not in the CSV columns [{string.Join(", ", fileNames)}]", filePath, 1);
            }

            if (options.Schema is { } schema && schema.TryIndexOf(selected[j]) is var k and >= 0)
            {
                types[j] = schema[k].Type;
            }
        }

        var capacity = Math.Min(options.BatchSize, 1 << 16);
        if (options.InferSchema)
        {
            var probe = new CsvRecordParser(_tokenizer, new Schema(selected.Select(n => new Field(n, DataType.String))), _sources,
                _fileColumnCount, _nullValue, filePath, 0);
            _sample = [];
            while (_sample.Count < options.InferSampleRows && probe.NextRecord())
            {
                _sample.Add(new SampleRecord(_tokenizer.RecordLine, probe.CaptureCurrent()));
            }

            for (var j = 0; j < selected.Count; j++)
            {
                var inference = new CsvTypeInference();
                foreach (var record in _sample)
                {
                    var (text, quoted) = record.Fields[j];
                    if (!probe.IsNull(text, quoted, emptyIsNull: true))
                    {
                        inference.Observe(text);
                    }
                }

                types[j] = inference.Result;
            }
        }

        Schema = new Schema(selected.Select((n, j) => new Field(n, types[j] ?? DataType.String)));
        _parser = new CsvRecordParser(_tokenizer, Schema, _sources, _fileColumnCount, _nullValue, filePath, capacity);
    }

    /// <summary>The options in effect.</summary>
    public CsvReadOptions Options { get; }

    /// <summary>The file name used in error messages, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The names of all columns in the file (header or given names), before selection.</summary>
    public IReadOnlyList<string> FileColumnNames { get; }

    /// <summary>The schema of the batches.</summary>
    public Schema Schema { get; }

    /// <summary>Opens <paramref name="path"/> (gzip-decompressed when it ends with <c>.gz</c>).</summary>
    public static CsvReader Open(string path, CsvReadOptions? options = null)
    {
        var stream = TextFileStreams.OpenRead(path);
        try
        {
            return new CsvReader(stream, options, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole file into one batch.</summary>
    public static RecordBatch ReadFile(string path, CsvReadOptions? options = null)
    {
        using var reader = Open(path, options);
        return reader.ReadAll();
    }

    /// <summary>Reads the remaining records as batches of at most <see cref="CsvReadOptions.BatchSize"/> rows (single use).</summary>
    public IEnumerable<RecordBatch> ReadBatches()
    {
        if (_started)
        {
            throw new InvalidOperationException("a CsvReader can be enumerated only once");
        }

        _started = true;
        return ReadBatchesCore();
    }

    /// <summary>Reads the remaining records into one batch (an empty batch for an empty file).</summary>
    public RecordBatch ReadAll()
    {
        var batches = ReadBatches().ToList();
        return batches.Count == 0 ? RecordBatch.Empty(Schema) : RecordBatch.Concat(batches);
    }

    /// <summary>Closes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private IEnumerable<RecordBatch> ReadBatchesCore()
    {
        var batchSize = Options.BatchSize;
        var rows = 0;
        var parser = _parser;
        if (_sample is not null)
        {
            foreach (var record in _sample)
            {
                for (var j = 0; j < record.Fields.Length; j++)
                {
                    var (text, quoted) = record.Fields[j];
                    parser.AppendValue(j, text, quoted, record.Line);
                }

                if (++rows == batchSize)
                {
                    yield return parser.Build(rows);
                    rows = 0;
                }
            }

            _sample.Clear();
        }

        if (Options.Parallelism > 1)
        {
            if (rows > 0)
            {
                yield return parser.Build(rows);
            }

            foreach (var batch in ReadParallel())
            {
                yield return batch;
            }

            yield break;
        }

        while (parser.NextRecord())
        {
            parser.AppendCurrent();
            if (++rows == batchSize)
            {
                yield return parser.Build(rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return parser.Build(rows);
        }
    }

    /// <summary>Parses the rest of the input on <see cref="CsvReadOptions.Parallelism"/> threads (see <see cref="CsvParallelReader"/>).</summary>
    private IEnumerable<RecordBatch> ReadParallel()
    {
        var (pending, eof) = _tokenizer.TakeRemaining();
        var reader = new CsvParallelReader(_stream, Options, Schema, _sources, _fileColumnCount, _nullValue, FilePath, pending, eof);
        return reader.Read(_tokenizer.NextLine);
    }

    private string[] ReadHeader()
    {
        var names = new string[_tokenizer.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            var text = _tokenizer.Kind(i) == CsvTokenizer.QuotedEscaped ? _tokenizer.Unescape(i, ref _scratch) : _tokenizer.Field(i);
            names[i] = Encoding.UTF8.GetString(text);
        }

        return names;
    }

    private static void Validate(CsvReadOptions options)
    {
        static void Ascii(char c, string name)
        {
            if (c > 127 || c is '\r' or '\n')
            {
                throw new ArgumentException($"the CSV {name} must be an ASCII character other than CR/LF, got '{c}'");
            }
        }

        Ascii(options.Delimiter, "delimiter");
        Ascii(options.Quote, "quote");
        if (options.Escape is { } e)
        {
            Ascii(e, "escape character");
        }

        if (options.Delimiter == options.Quote)
        {
            throw new ArgumentException("the CSV delimiter and quote must differ");
        }

        if (options.BatchSize <= 0 || options.InferSampleRows <= 0 || options.Parallelism <= 0)
        {
            throw new ArgumentException("BatchSize, InferSampleRows and Parallelism must be positive");
        }

        if (options.InferSchema && options.Schema is not null)
        {
            throw new ArgumentException("InferSchema cannot be combined with an explicit schema (give column names to select instead)");
        }

        if (options.Schema is not null && options.Names is not null)
        {
            throw new ArgumentException("give either a schema or column names, not both");
        }

        if (!options.Header && options.Schema is null && options.Names is null)
        {
            throw new ArgumentException("a CSV without a header needs column names or a schema (header=false requires columns)");
        }
    }

    private sealed record SampleRecord(long Line, (byte[] Text, bool Quoted)[] Fields);
}
