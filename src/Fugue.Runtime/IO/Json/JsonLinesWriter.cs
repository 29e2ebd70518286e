using System.Buffers;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>
/// Writes <see cref="RecordBatch"/>es as JSON Lines with <see cref="Utf8JsonWriter"/>: one object per row with
/// every column (nulls as <c>null</c>). Value forms: numbers as JSON numbers (non-finite floats as the strings
/// <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>); decimals as JSON numbers with their exact digits (read them
/// back with a decimal schema to keep full precision; inference reads them as double); dates <c>"YYYY-MM-DD"</c>;
/// timestamps ISO 8601 <c>"YYYY-MM-DDTHH:MM:SS[.fffffff]"</c> (<c>Z</c> for zoned types); bytes base64 strings;
/// lists arrays; structs objects; maps with str keys objects, other maps arrays of <c>[key, value]</c> pairs.
/// Non-ASCII text is written unescaped (UTF-8).
/// </summary>
public sealed class JsonLinesWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _names;
    private bool _closed;

    /// <summary>Creates a writer of <paramref name="schema"/>-shaped batches to <paramref name="stream"/>.</summary>
    public JsonLinesWriter(Stream stream, Schema schema, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema = schema;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        _names = schema.Names.Select(n => JsonEncodedText.Encode(n, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
    }

    /// <summary>The schema of the written batches.</summary>
    public Schema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Creates <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public static JsonLinesWriter Create(string path, Schema schema)
    {
        var stream = TextFileStreams.Create(path);
        return new JsonLinesWriter(stream, schema);
    }

    /// <summary>Writes the batches to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, Schema schema, IEnumerable<RecordBatch> batches)
    {
        using var writer = Create(path, schema);
        foreach (var batch in batches)
        {
            writer.Write(batch);
        }
    }

    /// <summary>Appends the rows of <paramref name="batch"/> (its schema must equal <see cref="Schema"/>).</summary>
    public void Write(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!batch.Schema.Equals(Schema))
        {
            throw new ArgumentException($"batch schema {batch.Schema} does not match the writer schema {Schema}");
        }

        var columns = batch.Columns;
        for (var row = 0; row < batch.Length; row++)
        {
            _writer.WriteStartObject();
            for (var c = 0; c < columns.Count; c++)
            {
                _writer.WritePropertyName(_names[c]);
                JsonValueWriter.Write(_writer, columns[c], row);
            }

            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            _writer.Reset();
            if (_buffer.WrittenCount >= 1 << 16)
            {
                FlushBuffer();
            }
        }

        RowCount += batch.Length;
    }

    /// <summary>Flushes buffered text to the stream.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes and closes (the stream too unless left open).</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        Flush();
        _closed = true;
        _writer.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private void FlushBuffer()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }
}
