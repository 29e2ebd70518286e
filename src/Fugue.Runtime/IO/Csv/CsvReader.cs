using System.IO.Compression;
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
    private readonly TextColumnSink[] _sinks;
    private readonly byte[] _nullValue;
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

        if (options.InferSchema)
        {
            _sample = ReadSample(options.InferSampleRows);
            for (var j = 0; j < selected.Count; j++)
            {
                var inference = new CsvTypeInference();
                foreach (var record in _sample)
                {
                    var (text, quoted) = record.Fields[j];
                    if (!IsNull(text, quoted, emptyIsNull: true))
                    {
                        inference.Observe(text);
                    }
                }

                types[j] = inference.Result;
            }
        }

        Schema = new Schema(selected.Select((n, j) => new Field(n, types[j] ?? DataType.String)));
        var capacity = Math.Min(options.BatchSize, 1 << 16);
        _sinks = Schema.Types.Select(t => TextColumnSink.Create(t, capacity, Json.JsonTextSink.Create)).ToArray();
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
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                stream = new GZipStream(stream, CompressionMode.Decompress);
            }

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
        return batches.Count switch
        {
            0 => RecordBatch.Empty(Schema),
            1 => batches[0],
            _ => RecordBatch.Concat(batches),
        };
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
        if (_sample is not null)
        {
            foreach (var record in _sample)
            {
                for (var j = 0; j < _sinks.Length; j++)
                {
                    var (text, quoted) = record.Fields[j];
                    AppendValue(j, text, quoted, record.Line);
                }

                if (++rows == batchSize)
                {
                    yield return BuildBatch(rows);
                    rows = 0;
                }
            }

            _sample.Clear();
        }

        while (NextRecord())
        {
            var tok = _tokenizer;
            for (var j = 0; j < _sinks.Length; j++)
            {
                var src = _sources[j];
                var kind = tok.Kind(src);
                var text = kind == CsvTokenizer.QuotedEscaped ? tok.Unescape(src, ref _scratch) : tok.Field(src);
                AppendValue(j, text, kind != CsvTokenizer.Unquoted, tok.RecordLine);
            }

            if (++rows == batchSize)
            {
                yield return BuildBatch(rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return BuildBatch(rows);
        }
    }

    private RecordBatch BuildBatch(int rows)
    {
        var columns = new Column[_sinks.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = _sinks[j].Builder.Build();
        }

        return new RecordBatch(Schema, columns, rows);
    }

    /// <summary>Advances to the next data record, checking its field count and skipping blank lines.</summary>
    private bool NextRecord()
    {
        var tok = _tokenizer;
        while (tok.ReadRecord())
        {
            var count = tok.FieldCount;
            if (count == _fileColumnCount)
            {
                return true;
            }

            if (count == 1 && tok.Kind(0) == CsvTokenizer.Unquoted && tok.Field(0).IsEmpty)
            {
                continue;
            }

            throw new CsvFormatException($"expected {_fileColumnCount} fields but found {count}", FilePath, tok.RecordLine);
        }

        return false;
    }

    private void AppendValue(int column, ReadOnlySpan<byte> text, bool quoted, long line)
    {
        var sink = _sinks[column];
        if (IsNull(text, quoted, sink.EmptyIsNull))
        {
            sink.AppendNull();
        }
        else if (!sink.TryAppend(text))
        {
            var field = Schema[column];
            throw new CsvFormatException("cannot parse the value", FilePath, line, field.Name,
                Encoding.UTF8.GetString(text[..Math.Min(text.Length, 200)]), field.Type.ToString());
        }
    }

    private bool IsNull(ReadOnlySpan<byte> text, bool quoted, bool emptyIsNull)
    {
        if ((!quoted || emptyIsNull) && text.SequenceEqual(_nullValue))
        {
            return true;
        }

        return emptyIsNull && text.Trim((byte)' ').IsEmpty;
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

    private List<SampleRecord> ReadSample(int limit)
    {
        var sample = new List<SampleRecord>();
        while (sample.Count < limit && NextRecord())
        {
            var fields = new (byte[], bool)[_sources.Length];
            for (var j = 0; j < fields.Length; j++)
            {
                var src = _sources[j];
                var kind = _tokenizer.Kind(src);
                var text = kind == CsvTokenizer.QuotedEscaped ? _tokenizer.Unescape(src, ref _scratch) : _tokenizer.Field(src);
                fields[j] = (text.ToArray(), kind != CsvTokenizer.Unquoted);
            }

            sample.Add(new SampleRecord(_tokenizer.RecordLine, fields));
        }

        return sample;
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

        if (options.BatchSize <= 0 || options.InferSampleRows <= 0)
        {
            throw new ArgumentException("BatchSize and InferSampleRows must be positive");
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
