namespace Fugue.IO.Json;

/// <summary>Splits a byte stream into LF-terminated lines (a trailing CR is dropped) over one reused buffer.</summary>
internal sealed class JsonLineSplitter(Stream stream, int bufferSize)
{
    private byte[] _buffer = new byte[Math.Max(bufferSize, 64)];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Returns the next line (valid until the next call); false at the end.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var k = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (k >= 0 || (_eof && _start < _end))
            {
                var length = k >= 0 ? k : _end - _start;
                line = _buffer.AsSpan(_start, length);
                _start += k >= 0 ? k + 1 : length;
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (!_bomChecked)
                {
                    _bomChecked = true;
                    if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        line = line[3..];
                    }
                }

                LineNumber++;
                return true;
            }

            if (_eof)
            {
                line = default;
                return false;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }
}
