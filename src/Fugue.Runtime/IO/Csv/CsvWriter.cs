using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.IO.Json;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// Writes <see cref="RecordBatch"/>es as UTF-8 CSV straight into a reused byte buffer (values are formatted into
/// spans, no per-value strings). Text forms (all invariant): integers and decimals as digits, doubles and floats
/// in shortest round-trip form with <c>.0</c> when integral (as Fugue's str conversion), bools <c>true</c>/<c>false</c>,
/// dates <c>YYYY-MM-DD</c>, timestamps <c>YYYY-MM-DD HH:MM:SS[.fffffff]</c> (trailing zeros trimmed, <c>Z</c> for
/// zoned types), bytes as base64, lists/structs/maps as JSON text (see <see cref="JsonLinesWriter"/>).
/// Nulls are <see cref="CsvWriteOptions.NullValue"/>; a field is quoted only when needed: it contains the
/// delimiter, the quote, CR or LF, starts or ends with a space, is empty (so empty strings stay distinct from
/// nulls) or equals the null text.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly byte[] _nullValue;
    private readonly byte[] _newLine;
    private readonly SearchValues<byte> _quoteTriggers;
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new();
    private readonly Utf8JsonWriter _json;
    private byte[] _buffer;
    private int _pos;
    private bool _headerPending;
    private bool _closed;

    /// <summary>Creates a writer of <paramref name="schema"/>-shaped batches to <paramref name="stream"/>.</summary>
    public CsvWriter(Stream stream, Schema schema, CsvWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new CsvWriteOptions();
        if (options.Delimiter > 127 || options.Quote > 127 || options.Delimiter == options.Quote)
        {
            throw new ArgumentException("the CSV delimiter and quote must be distinct ASCII characters");
        }

        if (options.NewLine is not ("\n" or "\r\n"))
        {
            throw new ArgumentException("the CSV new line must be \"\\n\" or \"\\r\\n\"");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema = schema;
        Options = options;
        _delimiter = (byte)options.Delimiter;
        _quote = (byte)options.Quote;
        _nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        _newLine = Encoding.UTF8.GetBytes(options.NewLine);
        _quoteTriggers = SearchValues.Create([_delimiter, _quote, (byte)'\r', (byte)'\n']);
        _buffer = new byte[Math.Max(options.BufferSize, 1024)];
        _json = new Utf8JsonWriter(_jsonBuffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _headerPending = options.Header;
    }

    /// <summary>The schema of the written batches.</summary>
    public Schema Schema { get; }

    /// <summary>The options in effect.</summary>
    public CsvWriteOptions Options { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Creates <paramref name="path"/> (gzip-compressed when it ends with <c>.gz</c>).</summary>
    public static CsvWriter Create(string path, Schema schema, CsvWriteOptions? options = null)
    {
        var stream = TextFileStreams.Create(path);
        return new CsvWriter(stream, schema, options);
    }

    /// <summary>Writes the batches to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, Schema schema, IEnumerable<RecordBatch> batches, CsvWriteOptions? options = null)
    {
        using var writer = Create(path, schema, options);
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

        WriteHeaderIfPending();
        var columns = batch.Columns;
        for (var row = 0; row < batch.Length; row++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    Put(_delimiter);
                }

                WriteValue(columns[c], row);
            }

            Put(_newLine);
        }

        RowCount += batch.Length;
    }

    /// <summary>Flushes buffered text to the stream.</summary>
    public void Flush()
    {
        WriteHeaderIfPending();
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes and closes (the stream too unless left open). A header is written even with no rows.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        Flush();
        _closed = true;
        _json.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private void WriteHeaderIfPending()
    {
        if (!_headerPending)
        {
            return;
        }

        _headerPending = false;
        for (var c = 0; c < Schema.Count; c++)
        {
            if (c > 0)
            {
                Put(_delimiter);
            }

            WriteText(Encoding.UTF8.GetBytes(Schema[c].Name));
        }

        Put(_newLine);
    }

    private void WriteValue(Column column, int row)
    {
        if (column.IsNull(row))
        {
            Put(_nullValue);
            return;
        }

        var span = Reserve(64);
        int n;
        switch (column)
        {
            case StringColumn s:
                WriteText(s.GetBytes(row));
                return;
            case PrimitiveColumn<long> c when c.Type.Kind == TypeKind.Int64:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<int> c when c.Type.Kind == TypeKind.Int32:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<double> c:
                n = FormatFloating(c[row], span);
                break;
            case PrimitiveColumn<float> c:
                n = FormatFloating(c[row], span);
                break;
            case PrimitiveColumn<Half> c:
                n = FormatFloating((float)c[row], span);
                break;
            case PrimitiveColumn<long> c when c.Type is TimestampType t:
                n = JsonValueWriter.FormatTimestamp(c[row], t, span, (byte)' ');
                break;
            case PrimitiveColumn<int> c when c.Type.Kind == TypeKind.Date:
                TemporalConversions.ToDateOnly(c[row]).TryFormat(span, out n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case PrimitiveColumn<short> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<sbyte> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<ulong> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<uint> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<ushort> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case PrimitiveColumn<byte> c:
                Utf8Formatter.TryFormat(c[row], span, out n);
                break;
            case BooleanColumn c:
                n = c.GetBoolean(row) ? Copy("true"u8, span) : Copy("false"u8, span);
                break;
            case DecimalColumn c:
                c.GetDecimal(row).TryFormat(span, out n, default, CultureInfo.InvariantCulture);
                break;
            case BinaryColumn c:
                {
                    var bytes = c.GetBytes(row);
                    var b64 = Reserve(Base64.GetMaxEncodedToUtf8Length(bytes.Length) + 2);
                    Base64.EncodeToUtf8(bytes, b64, out _, out n);
                    if (n == 0)
                    {
                        n = Copy("\"\""u8, b64);
                    }

                    break;
                }

            case NullColumn:
                Put(_nullValue);
                return;
            default:
                _jsonBuffer.ResetWrittenCount();
                _json.Reset();
                JsonValueWriter.Write(_json, column, row);
                _json.Flush();
                WriteText(_jsonBuffer.WrittenSpan);
                return;
        }

        _pos += n;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> dest)
    {
        text.CopyTo(dest);
        return text.Length;
    }

    private static int FormatFloating(double d, Span<byte> dest)
    {
        d.TryFormat(dest, out var n, "R", CultureInfo.InvariantCulture);
        return AddPointZero(dest, n);
    }

    private static int FormatFloating(float f, Span<byte> dest)
    {
        f.TryFormat(dest, out var n, "R", CultureInfo.InvariantCulture);
        return AddPointZero(dest, n);
    }

    private static int AddPointZero(Span<byte> dest, int n)
    {
        foreach (var b in dest[..n])
        {
            if (b != (byte)'-' && (uint)(b - '0') > 9)
            {
                return n;
            }
        }

        dest[n] = (byte)'.';
        dest[n + 1] = (byte)'0';
        return n + 2;
    }

    /// <summary>Writes text, quoting it (and doubling quotes) only when a reader would misread it otherwise.</summary>
    private void WriteText(ReadOnlySpan<byte> text)
    {
        var needsQuotes = text.IsEmpty || text[0] == (byte)' ' || text[^1] == (byte)' '
            || text.ContainsAny(_quoteTriggers) || (_nullValue.Length > 0 && text.SequenceEqual(_nullValue));
        if (!needsQuotes)
        {
            Put(text);
            return;
        }

        Put(_quote);
        while (true)
        {
            var k = text.IndexOf(_quote);
            if (k < 0)
            {
                Put(text);
                break;
            }

            Put(text[..(k + 1)]);
            Put(_quote);
            text = text[(k + 1)..];
        }

        Put(_quote);
    }

    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _pos < size)
        {
            FlushBuffer();
            if (_buffer.Length < size)
            {
                _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
            }
        }

        return _buffer.AsSpan(_pos);
    }

    private void Put(byte b)
    {
        if (_pos == _buffer.Length)
        {
            FlushBuffer();
        }

        _buffer[_pos++] = b;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _pos)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_pos));
        _pos += bytes.Length;
    }

    private void FlushBuffer()
    {
        if (_pos > 0)
        {
            _stream.Write(_buffer, 0, _pos);
            _pos = 0;
        }
    }
}
