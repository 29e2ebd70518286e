using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fugue.IO.Csv;

/// <summary>
/// Splits a UTF-8 byte stream into records and fields (RFC 4180) without allocating per field: fields are
/// (start, length, kind) triples into the reused read buffer, valid until the next <see cref="ReadRecord"/>.
/// A record that reaches the end of the buffered data is re-scanned after compacting and refilling the buffer,
/// so quoted fields may span buffer boundaries; the buffer grows when one record is longer than it.
/// </summary>
internal sealed class CsvTokenizer
{
    /// <summary>An unquoted field.</summary>
    public const byte Unquoted = 0;

    /// <summary>A quoted field whose inner bytes are the value as is.</summary>
    public const byte QuotedPlain = 1;

    /// <summary>A quoted field with doubled quotes or escapes to remove (see <see cref="Unescape"/>).</summary>
    public const byte QuotedEscaped = 2;

    private readonly Stream _stream;
    private readonly string? _filePath;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly int _escape;
    private readonly SearchValues<byte> _unquotedStops;
    private readonly SearchValues<byte> _quotedStops;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;
    private long _nextLine = 1;
    private static readonly Vector128<byte> LineFeeds = Vector128.Create((byte)'\n');
    private static readonly Vector128<byte> CarriageReturns = Vector128.Create((byte)'\r');
    private readonly Vector128<byte> _delimiterVector;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private byte[] _kinds = new byte[16];

    public CsvTokenizer(Stream stream, string? filePath, byte delimiter, byte quote, int escape, int bufferSize)
    {
        _stream = stream;
        _filePath = filePath;
        _delimiter = delimiter;
        _quote = quote;
        _escape = escape;
        _unquotedStops = SearchValues.Create([delimiter, (byte)'\n', (byte)'\r']);
        _delimiterVector = Vector128.Create(delimiter);
        _quotedStops = escape >= 0 && escape != quote ? SearchValues.Create([quote, (byte)escape]) : SearchValues.Create([quote]);
        _buffer = new byte[Math.Max(bufferSize, 64)];
    }

    /// <summary>A tokenizer over bytes already in memory (<paramref name="data"/>[start..end)), starting at line <paramref name="firstLine"/>.</summary>
    public CsvTokenizer(byte[] data, int start, int end, long firstLine, string? filePath, byte delimiter, byte quote, int escape)
        : this(Stream.Null, filePath, delimiter, quote, escape, 64)
    {
        _buffer = data;
        _start = start;
        _end = end;
        _eof = true;
        _bomChecked = true;
        _nextLine = firstLine;
    }

    /// <summary>A stream tokenizer whose first bytes are <paramref name="prefix"/> (already read from the stream).</summary>
    public CsvTokenizer(ReadOnlySpan<byte> prefix, Stream stream, long firstLine, string? filePath, byte delimiter, byte quote, int escape, int bufferSize)
        : this(stream, filePath, delimiter, quote, escape, Math.Max(bufferSize, prefix.Length * 2))
    {
        prefix.CopyTo(_buffer);
        _end = prefix.Length;
        _bomChecked = true;
        _nextLine = firstLine;
    }

    /// <summary>The 1-based line the next record starts on.</summary>
    public long NextLine => _nextLine;

    /// <summary>Hands over the buffered, not yet tokenized bytes (after skipping a BOM) and whether the stream is exhausted.</summary>
    public (byte[] Bytes, bool Eof) TakeRemaining()
    {
        if (!_bomChecked)
        {
            _bomChecked = true;
            FillUntil(3);
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
            }
        }

        var rest = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end;
        return (rest, _eof);
    }

    /// <summary>The buffer the current fields point into.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line where the current record starts.</summary>
    public long RecordLine { get; private set; }

    public ReadOnlySpan<byte> Field(int index) => _buffer.AsSpan(_starts[index], _lengths[index]);

    public byte Kind(int index) => _kinds[index];

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool ReadRecord()
    {
        if (!_bomChecked)
        {
            _bomChecked = true;
            FillUntil(3);
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
            }
        }

        while (true)
        {
            if (_start >= _end)
            {
                if (_eof)
                {
                    return false;
                }

                Refill();
                continue;
            }

            if (TryScanRecord())
            {
                return true;
            }

            Refill();
        }
    }

    /// <summary>Copies field <paramref name="index"/> into <paramref name="scratch"/> without doubled quotes and escapes.</summary>
    public ReadOnlySpan<byte> Unescape(int index, ref byte[] scratch)
    {
        var src = Field(index);
        if (scratch.Length < src.Length)
        {
            scratch = new byte[Math.Max(src.Length, scratch.Length * 2)];
        }

        var n = 0;
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            if ((c == _quote || c == _escape) && i + 1 < src.Length)
            {
                i++;
                c = src[i];
            }

            scratch[n++] = c;
        }

        return scratch.AsSpan(0, n);
    }

    private void FillUntil(int count)
    {
        while (!_eof && _end - _start < count)
        {
            Refill();
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            var remaining = _end - _start;
            System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    /// <summary>Scans one record from <see cref="_start"/>; false when more data is needed (nothing consumed).</summary>
    private bool TryScanRecord()
    {
        var buf = _buffer;
        var end = _end;
        var pos = _start;
        var count = 0;
        long newlines = 0;
        while (true)
        {
            int next;
            if (pos < end && buf[pos] == _quote)
            {
                var fieldStart = pos + 1;
                var p = fieldStart;
                var kind = QuotedPlain;
                int fieldEnd;
                while (true)
                {
                    var k = buf.AsSpan(p, end - p).IndexOfAny(_quotedStops);
                    if (k < 0)
                    {
                        if (_eof)
                        {
                            throw new CsvFormatException("unterminated quoted field", _filePath, _nextLine, null,
                                System.Text.Encoding.UTF8.GetString(buf, fieldStart - 1, Math.Min(end - fieldStart + 1, 80)));
                        }

                        return false;
                    }

                    newlines += buf.AsSpan(p, k).Count((byte)'\n');
                    p += k;
                    if (buf[p] != _quote)
                    {
                        // escape character: the next byte is literal
                        if (p + 1 >= end)
                        {
                            if (_eof)
                            {
                                throw new CsvFormatException("unterminated quoted field (escape at end of input)", _filePath, _nextLine);
                            }

                            return false;
                        }

                        if (buf[p + 1] == (byte)'\n')
                        {
                            newlines++;
                        }

                        kind = QuotedEscaped;
                        p += 2;
                        continue;
                    }

                    if (p + 1 >= end && !_eof)
                    {
                        return false;
                    }

                    if (p + 1 < end && buf[p + 1] == _quote)
                    {
                        kind = QuotedEscaped;
                        p += 2;
                        continue;
                    }

                    fieldEnd = p;
                    p++;
                    break;
                }

                AddField(ref count, fieldStart, fieldEnd - fieldStart, kind);
                if (p >= end)
                {
                    // _eof is set here (checked above): the closing quote ends the input
                    return Finish(end, count, newlines);
                }

                next = p;
                var c = buf[p];
                if (c != _delimiter && c != (byte)'\n' && c != (byte)'\r')
                {
                    throw new CsvFormatException($"unexpected character '{(char)c}' after a closing quote", _filePath, _nextLine + newlines, null,
                        System.Text.Encoding.UTF8.GetString(buf, fieldStart, Math.Min(fieldEnd - fieldStart, 80)));
                }
            }
            else
            {
                var k = IndexOfUnquotedStop(buf, pos, end);
                if (k < 0)
                {
                    if (!_eof)
                    {
                        return false;
                    }

                    AddField(ref count, pos, end - pos, Unquoted);
                    return Finish(end, count, newlines);
                }

                AddField(ref count, pos, k, Unquoted);
                next = pos + k;
            }

            var stop = buf[next];
            if (stop == _delimiter)
            {
                pos = next + 1;
                continue;
            }

            if (stop == (byte)'\n')
            {
                return Finish(next + 1, count, newlines);
            }

            // '\r': a CRLF pair or a lone CR
            if (next + 1 >= end && !_eof)
            {
                return false;
            }

            return Finish(next + 1 < end && buf[next + 1] == (byte)'\n' ? next + 2 : next + 1, count, newlines);
        }
    }

    /// <summary>
    /// The offset from <paramref name="pos"/> of the first delimiter, LF or CR before <paramref name="end"/>, or -1.
    /// Fields are short, so 16 bytes are tested at a time inline (a call into the general search costs more than
    /// the search itself); the tail under 16 bytes goes to the general search.
    /// </summary>
    private int IndexOfUnquotedStop(byte[] buf, int pos, int end)
    {
        var p = pos;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetArrayDataReference(buf);
            while (end - p >= 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)p);
                var hits = Vector128.Equals(v, _delimiterVector) | Vector128.Equals(v, LineFeeds) | Vector128.Equals(v, CarriageReturns);
                var mask = hits.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return p - pos + BitOperations.TrailingZeroCount(mask);
                }

                p += 16;
            }
        }

        var k = buf.AsSpan(p, end - p).IndexOfAny(_unquotedStops);
        return k < 0 ? -1 : p - pos + k;
    }

    private bool Finish(int consumedTo, int count, long newlines)
    {
        FieldCount = count;
        RecordLine = _nextLine;
        _nextLine += 1 + newlines;
        _start = consumedTo;
        return true;
    }

    private void AddField(ref int count, int start, int length, byte kind)
    {
        if (count == _starts.Length)
        {
            Array.Resize(ref _starts, count * 2);
            Array.Resize(ref _lengths, count * 2);
            Array.Resize(ref _kinds, count * 2);
        }

        _starts[count] = start;
        _lengths[count] = length;
        _kinds[count] = kind;
        count++;
    }
}
