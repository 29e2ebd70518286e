using System.Collections;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Transformers.Codecs;

namespace Fugue.Transformers;

/// <summary>
/// A frame's rows as <typeparamref name="T"/>, lazily, batch by batch: the reader builds a small chunk of rows at
/// a time in one tight loop over hoisted column spans, and <see cref="MoveNext"/> only hands them out. This is the
/// one enumeration layer between the frame and the user's method (no nested iterators). Like a compiler-made
/// iterator, the first <see cref="GetEnumerator"/> on the creating thread returns the stream itself; later
/// calls start a fresh pass over the frame.
/// </summary>
internal sealed class RowStream<T> : IEnumerable<T>, IEnumerator<T>
{
    /// <summary>Rows built per reader call: large enough to amortise the hoisting, small enough to stay in cache
    /// and to read little ahead of a consumer that stops early.</summary>
    internal const int ChunkSize = 256;

    private readonly Func<RowReader<T>> _createReader;
    private readonly LocalDataFrame _df;
    private readonly int _threadId;
    private RowReader<T>? _reader;
    private IEnumerator<RecordBatch>? _batches;
    private T[] _chunk = [];
    private int _position;
    private int _count;
    private int _batchRow;
    private int _batchLength;
    private T _current = default!;
    private bool _started;

    public RowStream(Func<RowReader<T>> createReader, LocalDataFrame df)
    {
        _createReader = createReader;
        _df = df;
        _threadId = Environment.CurrentManagedThreadId;
    }

    public T Current => _current;

    object? IEnumerator.Current => _current;

    public IEnumerator<T> GetEnumerator()
    {
        if (!_started && _threadId == Environment.CurrentManagedThreadId)
        {
            _started = true;
            return this;
        }

        var fresh = new RowStream<T>(_createReader, _df) { _started = true };
        return fresh;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool MoveNext()
    {
        if (++_position < _count)
        {
            _current = _chunk[_position];
            return true;
        }

        return Refill();
    }

    public void Reset() => throw new NotSupportedException("A row stream can't be reset; enumerate the frame again.");

    public void Dispose()
    {
        _batches?.Dispose();
        _batches = null;
        _chunk = [];
        _count = 0;
        _position = 0;
        _current = default!;
    }

    private bool Refill()
    {
        while (_batchRow >= _batchLength)
        {
            if (_batches is null)
            {
                if (_reader is not null)
                {
                    return false; // disposed or finished
                }

                _reader = _createReader();
                _batches = FrameBatches.Read(_df).GetEnumerator();
            }

            if (!_batches.MoveNext())
            {
                _batches.Dispose();
                _batches = null;
                _count = 0;
                _position = 0;
                _current = default!;
                return false;
            }

            var batch = _batches.Current;
            _reader!.Bind(batch.Columns);
            _batchRow = 0;
            _batchLength = batch.Length;
        }

        var n = Math.Min(ChunkSize, _batchLength - _batchRow);
        if (_chunk.Length < n)
        {
            // Small frames (many small partitions) get a small chunk; it grows to ChunkSize for large ones.
            _chunk = new T[Math.Max(n, Math.Min(ChunkSize, _chunk.Length * 2))];
        }

        _reader!.Read(_batchRow, _chunk.AsSpan(0, n));
        _batchRow += n;
        _count = n;
        _position = 0;
        _current = _chunk[0];
        return true;
    }
}
