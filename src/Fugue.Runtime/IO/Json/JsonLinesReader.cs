using System.Text;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>
/// Streams JSON Lines (one object per line, UTF-8, blank lines skipped) into <see cref="RecordBatch"/>es with
/// <see cref="Utf8JsonReader"/> (no reflection, no per-line DOM). Keys missing from a line are null; keys not in
/// the schema are ignored. Values are read by column type: numbers, bools and strings for scalars (strings are
/// parsed for numeric and temporal columns, e.g. <c>"2020-01-01 03:04:05"</c> or ISO 8601 with <c>T</c>; bytes
/// are base64 strings), arrays for lists, objects for structs, objects or <c>[key, value]</c> arrays for maps.
/// Without an explicit schema, it is inferred from a sample (see <see cref="JsonReadOptions"/>): integers are
/// long, other numbers double, strings str (temporal-looking strings stay str), nested values recursively.
/// </summary>
public sealed class JsonLinesReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly JsonLineSplitter _lines;
    private readonly JsonNode[] _nodes;
    private readonly byte[][] _names;
    private readonly bool[] _seen;
    private readonly List<(long Line, byte[] Text)>? _sample;
    private bool _started;

    /// <summary>Creates a reader over <paramref name="stream"/> and resolves the schema (sampling when none is given).</summary>
    /// <param name="stream">UTF-8 JSON Lines (wrap compressed input in a decompressing stream first).</param>
    /// <param name="options">Reading options.</param>
    /// <param name="filePath">The file name used in error messages.</param>
    /// <param name="leaveOpen">Keep <paramref name="stream"/> open on <see cref="Dispose"/>.</param>
    public JsonLinesReader(Stream stream, JsonReadOptions? options = null, string? filePath = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Options = options ??= new JsonReadOptions();
        if (options.BatchSize <= 0 || options.InferSampleRows <= 0)
        {
            throw new ArgumentException("BatchSize and InferSampleRows must be positive");
        }

        FilePath = filePath;
        _stream = stream;
        _leaveOpen = leaveOpen;
        _lines = new JsonLineSplitter(stream, options.BufferSize);
        var full = options.Schema;
        if (full is null)
        {
            _sample = [];
            var sketch = new JsonTypeSketch();
            while (_sample.Count < options.InferSampleRows && _lines.TryReadLine(out var line))
            {
                if (IsBlank(line))
                {
                    continue;
                }

                try
                {
                    var reader = new Utf8JsonReader(line);
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonFormatException("each line must be a JSON object", filePath, _lines.LineNumber);
                    }

                    sketch.ObserveObject(ref reader);
                    if (reader.Read())
                    {
                        throw new JsonFormatException("unexpected text after the line's object", filePath, _lines.LineNumber);
                    }
                }
                catch (JsonException e)
                {
                    throw new JsonFormatException("invalid JSON: " + e.Message, filePath, _lines.LineNumber, innerException: e);
                }

                _sample.Add((_lines.LineNumber, line.ToArray()));
            }

            full = sketch.ToSchema();
        }

        var selected = options.Columns ?? full.Names;
        var fields = new Field[selected.Count];
        for (var j = 0; j < fields.Length; j++)
        {
            var k = full.TryIndexOf(selected[j]);
            if (k < 0)
            {
                if (options.Schema is null)
                {
                    // a selected key never seen in the sample: all nulls so far, read as str
                    fields[j] = new Field(selected[j], DataType.String);
                    continue;
                }

                throw new ArgumentException($"selected column '{selected[j]}' is not in the schema {full}");
            }

            fields[j] = full[k];
        }

        Schema = new Schema(fields);
        var capacity = Math.Min(options.BatchSize, 1 << 16);
        _nodes = fields.Select(f => JsonNode.Create(ColumnBuilder.Create(f.Type, capacity))).ToArray();
        _names = fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
        _seen = new bool[fields.Length];
    }

    /// <summary>The options in effect.</summary>
    public JsonReadOptions Options { get; }

    /// <summary>The file name used in error messages, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The schema of the batches.</summary>
    public Schema Schema { get; }

    /// <summary>Opens <paramref name="path"/> (gzip-decompressed when it ends with <c>.gz</c>).</summary>
    public static JsonLinesReader Open(string path, JsonReadOptions? options = null)
    {
        var stream = TextFileStreams.OpenRead(path);
        try
        {
            return new JsonLinesReader(stream, options, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole file into one batch.</summary>
    public static RecordBatch ReadFile(string path, JsonReadOptions? options = null)
    {
        using var reader = Open(path, options);
        return reader.ReadAll();
    }

    /// <summary>Reads the remaining lines as batches of at most <see cref="JsonReadOptions.BatchSize"/> rows (single use).</summary>
    public IEnumerable<RecordBatch> ReadBatches()
    {
        if (_started)
        {
            throw new InvalidOperationException("a JsonLinesReader can be enumerated only once");
        }

        _started = true;
        return ReadBatchesCore();
    }

    /// <summary>Reads the remaining lines into one batch.</summary>
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
        if (_sample is not null)
        {
            foreach (var (line, text) in _sample)
            {
                ParseLine(text, line);
                if (++rows == batchSize)
                {
                    yield return BuildBatch(rows);
                    rows = 0;
                }
            }

            _sample.Clear();
        }

        while (NextLine(out var lineNumber))
        {
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

        // parsing happens in NextLine so the span never lives across a yield
        bool NextLine(out long number)
        {
            while (_lines.TryReadLine(out var line))
            {
                if (!IsBlank(line))
                {
                    number = _lines.LineNumber;
                    ParseLine(line, number);
                    return true;
                }
            }

            number = 0;
            return false;
        }
    }

    private void ParseLine(ReadOnlySpan<byte> line, long number)
    {
        var column = -1;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonFormatException("each line must be a JSON object", FilePath, number);
            }

            Array.Clear(_seen);
            var hint = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                column = JsonNode.FindName(ref reader, _names, ref hint);
                reader.Read();
                if (column < 0)
                {
                    reader.Skip();
                    continue;
                }

                if (_seen[column])
                {
                    throw new JsonValueMismatchException("duplicate key");
                }

                _seen[column] = true;
                _nodes[column].Read(ref reader, line);
            }

            column = -1;
            if (reader.Read())
            {
                throw new JsonFormatException("unexpected text after the line's object", FilePath, number);
            }

            for (var j = 0; j < _seen.Length; j++)
            {
                if (!_seen[j])
                {
                    _nodes[j].Builder.AppendNull();
                }
            }
        }
        catch (JsonException e)
        {
            throw new JsonFormatException("invalid JSON: " + e.Message, FilePath, number, column >= 0 ? Schema[column].Name : null, null, e);
        }
        catch (JsonValueMismatchException e)
        {
            throw new JsonFormatException(e.Message, FilePath, number, column >= 0 ? Schema[column].Name : null,
                column >= 0 ? Schema[column].Type.ToString() : null);
        }
    }

    private RecordBatch BuildBatch(int rows)
    {
        var columns = new Column[_nodes.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = _nodes[j].Builder.Build();
        }

        return new RecordBatch(Schema, columns, rows);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}
