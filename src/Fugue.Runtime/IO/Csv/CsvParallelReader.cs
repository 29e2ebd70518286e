using System.Buffers;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// The parallel read of <see cref="CsvReader"/>: worker threads take chunks of whole lines from the stream in turn
/// (reading a chunk, cutting it at its last line end and checking it for quotes under a lock: a short serial step)
/// and parse them while the other workers read and parse theirs, so every core stays busy to the end without a
/// barrier between blocks. Batches come out in file order (at most a few chunks are parsed ahead of the consumer).
/// From the first chunk with a quote character (a quoted field may span lines) or a line longer than a chunk, the
/// rest of the input is parsed sequentially. A chunk that fails is parsed again at its true first line once the
/// chunks before it are counted, so errors name the same line as a sequential read.
/// </summary>
internal sealed class CsvParallelReader
{
    private readonly Stream _stream;
    private readonly CsvReadOptions _options;
    private readonly Schema _schema;
    private readonly int[] _sources;
    private readonly int _fileColumnCount;
    private readonly byte[] _nullValue;
    private readonly string? _filePath;
    private readonly int _chunkBytes;
    private readonly int _window;
    private readonly object _gate = new();
    private readonly Dictionary<int, ChunkResult> _results = [];

    private byte[] _carry;
    private int _carryStart;
    private int _carryLength;
    private bool _eof;
    private int _nextChunk;
    private int _consumed;
    private bool _stopped;
    private bool _cancelled;
    private byte[]? _rest;

    public CsvParallelReader(Stream stream, CsvReadOptions options, Schema schema, int[] sources, int fileColumnCount,
        byte[] nullValue, string? filePath, byte[] pending, bool eof)
    {
        _stream = stream;
        _options = options;
        _schema = schema;
        _sources = sources;
        _fileColumnCount = fileColumnCount;
        _nullValue = nullValue;
        _filePath = filePath;
        _chunkBytes = Math.Max(64, options.ParallelChunkBytes);
        _window = options.Parallelism * 2 + 1;
        _carry = pending;
        _carryLength = pending.Length;
        _eof = eof;
    }

    /// <summary>The batches of the rest of the input, in order; <paramref name="firstLine"/> is the line the input starts on.</summary>
    public IEnumerable<RecordBatch> Read(long firstLine)
    {
        var workers = new Thread[_options.Parallelism];
        for (var t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(Work) { IsBackground = true, Name = "csv-parse" };
            workers[t].Start();
        }

        try
        {
            var line = firstLine;
            for (var index = 0; ; index++)
            {
                ChunkResult result;
                lock (_gate)
                {
                    while (!_results.ContainsKey(index) && !(_stopped && index >= _nextChunk))
                    {
                        Monitor.Wait(_gate);
                    }

                    if (!_results.Remove(index, out result))
                    {
                        break; // every chunk is consumed; what is left (if anything) is parsed sequentially
                    }

                    _consumed = index + 1;
                    Monitor.PulseAll(_gate);
                }

                if (result.Error is not null)
                {
                    if (result.Data is not null)
                    {
                        Parse(result.Data, result.Length, line, NewParser()); // throws the error with its true line
                    }

                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Error);
                }

                line += result.Lines;
                foreach (var batch in result.Batches!)
                {
                    yield return batch;
                }
            }

            if (_rest is { } rest)
            {
                var parser = NewParser();
                parser.Tokenizer = new CsvTokenizer(rest, _eof ? Stream.Null : _stream, line, _filePath,
                    (byte)_options.Delimiter, (byte)_options.Quote, _options.Escape is { } e ? (byte)e : -1, _options.BufferSize);
                foreach (var batch in parser.ParseAllLazily(_options.BatchSize))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _cancelled = true;
                Monitor.PulseAll(_gate);
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }
        }
    }

    private CsvRecordParser NewParser() =>
        new(new CsvTokenizer([], 0, 0, 1, _filePath, (byte)_options.Delimiter, (byte)_options.Quote, _options.Escape is { } e ? (byte)e : -1),
            _schema, _sources, _fileColumnCount, _nullValue, _filePath, Math.Min(_options.BatchSize, 1 << 16));

    private List<RecordBatch> Parse(byte[] data, int length, long firstLine, CsvRecordParser parser)
    {
        parser.Tokenizer = new CsvTokenizer(data, 0, length, firstLine, _filePath, (byte)_options.Delimiter, (byte)_options.Quote,
            _options.Escape is { } e ? (byte)e : -1);
        return parser.ParseAll(_options.BatchSize);
    }

    private void Work()
    {
        CsvRecordParser? parser = null;
        while (true)
        {
            int index;
            byte[] data;
            int length;
            lock (_gate)
            {
                while (!_cancelled && !_stopped && _nextChunk - _consumed >= _window)
                {
                    Monitor.Wait(_gate);
                }

                if (_cancelled || _stopped)
                {
                    return;
                }

                index = _nextChunk;
                try
                {
                    if (!TakeChunk(out data, out length))
                    {
                        _stopped = true;
                        Monitor.PulseAll(_gate);
                        return;
                    }
                }
                catch (Exception e)
                {
                    // A failed read ends the input after the chunks before it.
                    _results[index] = new ChunkResult(null, e, 0, null, 0);
                    _nextChunk++;
                    _stopped = true;
                    Monitor.PulseAll(_gate);
                    return;
                }

                _nextChunk++;
            }

            ChunkResult result;
            try
            {
                parser ??= NewParser();
                var batches = Parse(data, length, 1, parser);
                result = new ChunkResult(batches, null, data.AsSpan(0, length).Count((byte)'\n'), null, 0);
                ArrayPool<byte>.Shared.Return(data);
            }
            catch (Exception e)
            {
                parser = null; // its builders may hold a partial record
                result = new ChunkResult(null, e, 0, data, length);
            }

            lock (_gate)
            {
                _results[index] = result;
                _stopped |= result.Error is not null; // the read ends at the first failed chunk: no more chunks are taken
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Under the lock: fills a chunk (the carried partial line, then the stream) and cuts it after its last line
    /// end. False at the end of the input, or when the rest must be parsed sequentially (<see cref="_rest"/>).
    /// </summary>
    private bool TakeChunk(out byte[] data, out int length)
    {
        data = [];
        length = 0;
        if (_eof && _carryLength == 0)
        {
            return false;
        }

        // The carried bytes first (the reader's buffered start of the input, or a partial line), then the stream.
        var buffer = ArrayPool<byte>.Shared.Rent(_chunkBytes);
        var filled = Math.Min(_carryLength, _chunkBytes);
        _carry.AsSpan(_carryStart, filled).CopyTo(buffer);
        _carryStart += filled;
        _carryLength -= filled;
        while (_carryLength == 0 && !_eof && filled < _chunkBytes)
        {
            var read = _stream.Read(buffer, filled, _chunkBytes - filled);
            if (read == 0)
            {
                _eof = true;
            }

            filled += read;
        }

        if (filled == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return false;
        }

        var last = _carryLength == 0 && _eof;
        var cut = last ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
        if (cut == 0 || buffer.AsSpan(0, cut).Contains((byte)_options.Quote))
        {
            // sequential from here: a quoted field may cross any line boundary (or a line is longer than a chunk)
            _rest = [.. buffer.AsSpan(0, filled), .. _carry.AsSpan(_carryStart, _carryLength)];
            _carryLength = 0;
            ArrayPool<byte>.Shared.Return(buffer);
            return false;
        }

        var tail = filled - cut;
        if (_carryLength > 0)
        {
            // the chunk came from the carry alone: its tail is still there, just before the carry's start
            _carryStart -= tail;
            _carryLength += tail;
        }
        else if (tail > 0)
        {
            if (_carry.Length < tail)
            {
                _carry = new byte[Math.Max(tail, _chunkBytes)];
            }

            buffer.AsSpan(cut, tail).CopyTo(_carry);
            _carryStart = 0;
            _carryLength = tail;
        }

        data = buffer;
        length = cut;
        return true;
    }

    /// <summary>A parsed chunk: its batches and line count, or its error (with its bytes, to parse it again at its true line).</summary>
    private readonly record struct ChunkResult(List<RecordBatch>? Batches, Exception? Error, long Lines, byte[]? Data, int Length);
}
