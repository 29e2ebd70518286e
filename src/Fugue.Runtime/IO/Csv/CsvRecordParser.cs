using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// Turns tokenized records into typed column values: checks field counts, skips blank lines, applies the null
/// rules and reports unparseable values. One per thread (it owns its column builders).
/// </summary>
internal sealed class CsvRecordParser
{
    private readonly Schema _schema;
    private readonly int[] _sources;
    private readonly int _fileColumnCount;
    private readonly byte[] _nullValue;
    private readonly string? _filePath;
    private readonly TextColumnSink[] _sinks;
    private readonly bool[] _emptyIsNull;
    private byte[] _scratch = new byte[256];

    public CsvRecordParser(CsvTokenizer tokenizer, Schema schema, int[] sources, int fileColumnCount, byte[] nullValue, string? filePath, int capacity)
    {
        Tokenizer = tokenizer;
        _schema = schema;
        _sources = sources;
        _fileColumnCount = fileColumnCount;
        _nullValue = nullValue;
        _filePath = filePath;
        _sinks = schema.Types.Select(t => TextColumnSink.Create(t, capacity, Json.JsonTextSink.Create)).ToArray();
        _emptyIsNull = _sinks.Select(sink => sink.EmptyIsNull).ToArray();
    }

    public CsvTokenizer Tokenizer { get; set; }

    /// <summary>Advances to the next data record, checking its field count and skipping blank lines.</summary>
    public bool NextRecord()
    {
        var tok = Tokenizer;
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

            throw new CsvFormatException($"expected {_fileColumnCount} fields but found {count}", _filePath, tok.RecordLine);
        }

        return false;
    }

    /// <summary>Appends the selected fields of the current record.</summary>
    public void AppendCurrent()
    {
        var tok = Tokenizer;
        for (var j = 0; j < _sinks.Length; j++)
        {
            var src = _sources[j];
            var kind = tok.Kind(src);
            var text = kind == CsvTokenizer.QuotedEscaped ? tok.Unescape(src, ref _scratch) : tok.Field(src);
            AppendValue(j, text, kind != CsvTokenizer.Unquoted, tok.RecordLine);
        }
    }

    /// <summary>Copies the selected fields of the current record (for the inference sample).</summary>
    public (byte[] Text, bool Quoted)[] CaptureCurrent()
    {
        var tok = Tokenizer;
        var fields = new (byte[], bool)[_sources.Length];
        for (var j = 0; j < fields.Length; j++)
        {
            var src = _sources[j];
            var kind = tok.Kind(src);
            var text = kind == CsvTokenizer.QuotedEscaped ? tok.Unescape(src, ref _scratch) : tok.Field(src);
            fields[j] = (text.ToArray(), kind != CsvTokenizer.Unquoted);
        }

        return fields;
    }

    public void AppendValue(int column, ReadOnlySpan<byte> text, bool quoted, long line)
    {
        var sink = _sinks[column];
        if (IsNull(text, quoted, _emptyIsNull[column]))
        {
            sink.AppendNull();
        }
        else if (!sink.TryAppend(text))
        {
            var field = _schema[column];
            throw new CsvFormatException("cannot parse the value", _filePath, line, field.Name,
                Encoding.UTF8.GetString(text[..Math.Min(text.Length, 200)]), field.Type.ToString());
        }
    }

    public bool IsNull(ReadOnlySpan<byte> text, bool quoted, bool emptyIsNull)
    {
        if (text.Length != _nullValue.Length && text.Length > 0 && text[0] != (byte)' ' && text[^1] != (byte)' ')
        {
            return false; // the common case, decided without comparing or trimming
        }

        if ((!quoted || emptyIsNull) && text.SequenceEqual(_nullValue))
        {
            return true;
        }

        return emptyIsNull && text.Trim((byte)' ').IsEmpty;
    }

    public RecordBatch Build(int rows)
    {
        var columns = new Column[_sinks.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = _sinks[j].Builder.Build();
        }

        return new RecordBatch(_schema, columns, rows);
    }

    /// <summary>Like <see cref="ParseAll"/>, yielding each batch as soon as it is full (the streaming path).</summary>
    public IEnumerable<RecordBatch> ParseAllLazily(int batchSize)
    {
        var rows = 0;
        while (NextRecord())
        {
            AppendCurrent();
            if (++rows == batchSize)
            {
                yield return Build(rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return Build(rows);
        }
    }

    /// <summary>Parses every record of the tokenizer into batches of at most <paramref name="batchSize"/> rows.</summary>
    public List<RecordBatch> ParseAll(int batchSize)
    {
        var batches = new List<RecordBatch>();
        var rows = 0;
        while (NextRecord())
        {
            AppendCurrent();
            if (++rows == batchSize)
            {
                batches.Add(Build(rows));
                rows = 0;
            }
        }

        if (rows > 0)
        {
            batches.Add(Build(rows));
        }

        return batches;
    }
}
