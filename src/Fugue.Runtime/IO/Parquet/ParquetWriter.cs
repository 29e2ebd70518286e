using Fugue.Columnar;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Writes <see cref="RecordBatch"/>es to a Parquet file as a stream of row groups: incoming batches are buffered
/// (by reference) until <see cref="ParquetWriterOptions.RowGroupRowCount"/> rows or about
/// <see cref="ParquetWriterOptions.RowGroupByteSize"/> bytes are pending, then written as one row group, so memory
/// stays bounded by the row-group size however many batches are written. All columns OPTIONAL (map keys REQUIRED), dictionary or
/// PLAIN encoded, compressed, with statistics. Lists use the standard 3-level LIST layout
/// (<c>list</c>/<c>element</c>), maps the MAP layout (<c>key_value</c>/<c>key</c>/<c>value</c>), structs groups.
/// Parquet has no seconds timestamp unit, so <c>s</c> timestamps are stored as milliseconds; the Fugue schema
/// string is stored in the footer's key/value metadata under <c>fugue.schema</c> so that the unit and the zone
/// names of zoned timestamps come back on read (other readers see milliseconds and UTC instants). The footer is written by <see cref="Dispose"/> (or <see cref="Close"/>).
/// The stream need not be seekable.
/// </summary>
public sealed class ParquetWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetWriterOptions _options;
    private readonly SchemaElement[] _elements;
    private readonly ParquetSchemaNode[] _fields;
    private readonly int _leafCount;
    private readonly List<RowGroup> _rowGroups = [];
    private readonly Queue<EncodingRowGroup> _encoding = new();
    private readonly Stack<GrowableBuffer> _buffers = new();
    private readonly List<RecordBatch> _pending = [];
    private int _pendingRows;
    private long _pendingBytes;
    private long _peakPendingBytes;
    private long _position;
    private long _rows;
    private int _groups;
    private bool _closed;
    private bool _failed;

    /// <summary>Starts a Parquet file of <paramref name="schema"/> on <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">A column type or the codec is unsupported.</exception>
    public ParquetWriter(Stream stream, Schema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        var elements = new List<SchemaElement>();
        foreach (var f in schema.Fields)
        {
            ParquetSchemaNode.ToElements(f, false, elements);
        }

        _elements = [.. elements];
        _fields = ParquetSchemaNode.Parse([new SchemaElement { Name = "schema", NumChildren = schema.Count }, .. _elements], null);
        foreach (var f in _fields)
        {
            foreach (var _ in f.Leaves())
            {
                _leafCount++;
            }
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema = schema;
        _stream.Write(ParquetFooter.Magic);
        _position = 4;
    }

    /// <summary>Creates the file at <paramref name="path"/>.</summary>
    public static ParquetWriter Create(string path, Schema schema, ParquetWriterOptions? options = null) =>
        new(File.Create(path), schema, options);

    /// <summary>The schema of the file.</summary>
    public Schema Schema { get; }

    /// <summary>Rows handed to row groups so far (written, or being encoded in the background).</summary>
    public long RowCount => _rows;

    /// <summary>Rows buffered for the next row group.</summary>
    public int BufferedRowCount => _pendingRows;

    /// <summary>Estimated bytes of the batches buffered for the next row group (diagnostic).</summary>
    public long BufferedByteCount => _pendingBytes;

    /// <summary>The largest <see cref="BufferedByteCount"/> seen so far (diagnostic for memory bounds).</summary>
    public long PeakBufferedByteCount => _peakPendingBytes;

    /// <summary>Row groups started so far (written, or being encoded in the background).</summary>
    public int RowGroupCount => _groups;

    /// <summary>Buffers <paramref name="batch"/>, writing row groups as they fill.</summary>
    /// <exception cref="ArgumentException">The batch schema differs from the writer's.</exception>
    public void Write(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!batch.Schema.Equals(Schema))
        {
            throw new ArgumentException($"Batch schema '{batch.Schema}' differs from the writer schema '{Schema}'.", nameof(batch));
        }

        if (batch.Length == 0)
        {
            return;
        }

        // Bytes per row of this batch: slices may reference larger buffers, so estimate proportionally.
        var bytesPerRow = Math.Max(1.0, (double)batch.ByteSize / batch.Length);
        var start = 0;
        while (start < batch.Length)
        {
            var byRows = _options.RowGroupRowCount - _pendingRows;
            var byBytes = (long)Math.Max(1, Math.Floor((_options.RowGroupByteSize - _pendingBytes) / bytesPerRow));
            var length = (int)Math.Min(Math.Min(byRows, byBytes), batch.Length - start);
            _pending.Add(start == 0 && length == batch.Length ? batch : batch.Slice(start, length));
            _pendingRows += length;
            _pendingBytes += (long)Math.Ceiling(length * bytesPerRow);
            _peakPendingBytes = Math.Max(_peakPendingBytes, _pendingBytes);
            start += length;
            if (_pendingRows >= _options.RowGroupRowCount || _pendingBytes >= _options.RowGroupByteSize)
            {
                StartRowGroup();
            }
        }
    }

    /// <summary>
    /// Writes the buffered rows (if any) as a row group now, and waits until every row group started so far is on
    /// the stream.
    /// </summary>
    public void FlushRowGroup()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        StartRowGroup();
        Drain(0);
    }

    /// <summary>
    /// Starts encoding the buffered rows as a row group. With <see cref="ParquetWriterOptions.Parallelism"/> above 1
    /// the column chunks are encoded by thread-pool tasks while the caller goes on filling the next row group; at
    /// most one started row group waits in the background, so memory stays bounded by about two row groups.
    /// </summary>
    private void StartRowGroup()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // The batches are not concatenated: each column chunk is encoded from its column's pieces (copied at most
        // once, into pooled memory, by the encoding task itself).
        var batches = _pending.ToArray();
        var rowCount = _pendingRows;
        _pending.Clear();
        _pendingRows = 0;
        _pendingBytes = 0;
        _rows += rowCount;
        _groups++;
        var group = new EncodingRowGroup(rowCount, _leafCount);
        var leaf = 0;
        for (var c = 0; c < _fields.Length; c++)
        {
            var pieces = new Column[batches.Length];
            for (var b = 0; b < batches.Length; b++)
            {
                pieces[b] = batches[b].Column(c);
            }

            foreach (var node in _fields[c].Leaves())
            {
                var job = new ChunkJob(_fields[c], node, pieces, _options, RentBuffer());
                group.Jobs[leaf++] = job;
            }
        }

        if (_options.Parallelism > 1)
        {
            for (var j = 0; j < group.Jobs.Length; j++)
            {
                var job = group.Jobs[j];
                group.Tasks[j] = Task.Run(job.Run);
            }
        }
        else
        {
            foreach (var job in group.Jobs)
            {
                job.Run();
            }
        }

        _encoding.Enqueue(group);
        Drain(_options.Parallelism > 1 ? 1 : 0);
    }

    /// <summary>Writes finished row groups, in order, until at most <paramref name="keep"/> are still encoding.</summary>
    private void Drain(int keep)
    {
        while (_encoding.Count > keep)
        {
            var group = _encoding.Peek();
            try
            {
                foreach (var task in group.Tasks)
                {
                    task?.GetAwaiter().GetResult(); // rethrows the encoder's own exception
                }
            }
            catch
            {
                // The failed group (and any behind it) is abandoned; wait for their tasks so no buffer is in use.
                foreach (var g in _encoding)
                {
                    foreach (var task in g.Tasks)
                    {
                        try
                        {
                            task?.Wait();
                        }
                        catch (AggregateException)
                        {
                            // reported through the first failure, rethrown below
                        }
                    }
                }

                _encoding.Clear();
                _failed = true; // rows of accepted batches are lost: the file must never get a footer
                throw;
            }

            _encoding.Dequeue();
            WriteRowGroup(group);
        }
    }

    private GrowableBuffer RentBuffer() => _buffers.Count > 0 ? _buffers.Pop() : GrowableBuffer.Rent(1 << 16);

    /// <summary>Gives the chunk buffers back to the shared pool.</summary>
    private void ReturnBuffers()
    {
        while (_buffers.Count > 0)
        {
            _buffers.Pop().Return();
        }
    }

    /// <summary>Writes the footer and closes the stream (unless left open). Idempotent.</summary>
    /// <exception cref="InvalidOperationException">A row group failed to encode earlier: no footer is written, so the
    /// output is not a readable Parquet file (rather than one silently missing rows).</exception>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        if (_failed)
        {
            Abandon();
            throw new InvalidOperationException("A row group failed to encode earlier, so no footer was written: the output is incomplete and not a readable Parquet file.");
        }

        try
        {
            FlushRowGroup();
        }
        catch
        {
            Abandon();
            throw;
        }

        _closed = true;
        ReturnBuffers();
        var metadata = new FileMetaData
        {
            Version = 1,
            Schema = [new SchemaElement { Name = "schema", NumChildren = _fields.Length }, .. _elements],
            NumRows = _rows,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            KeyValueMetadata = [new KeyValue(FugueSchemaMetadata.Key, FugueSchemaMetadata.Render(Schema))],
            ColumnOrders = _options.WriteStatistics ? TypeDefinedOrders(_leafCount) : null,
        };
        ParquetFooter.Write(_stream, metadata);
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Closes as <see cref="Close"/> does; after a failed row group it only releases the stream (no footer, no exception).</summary>
    public void Dispose()
    {
        if (_failed)
        {
            Abandon();
            return;
        }

        Close();
    }

    /// <summary>Releases buffers and the stream without writing a footer.</summary>
    private void Abandon()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        ReturnBuffers();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteRowGroup(EncodingRowGroup group)
    {
        var groupStart = _position;
        var chunks = new List<ColumnChunk>(_leafCount);
        long uncompressed = 0;
        foreach (var job in group.Jobs)
        {
            var chunk = job.Chunk!;
            var md = chunk.MetaData!;
            // The chunk was encoded as if it started at offset 0: move its page offsets to where it lands.
            md.DataPageOffset += _position;
            if (md.DictionaryPageOffset is { } dictionary)
            {
                md.DictionaryPageOffset = dictionary + _position;
            }

            _stream.Write(job.Output.WrittenSpan);
            _position += job.Output.Length;
            uncompressed += md.TotalUncompressedSize;
            chunks.Add(chunk);
            job.Output.Clear();
            _buffers.Push(job.Output);
        }

        _rowGroups.Add(new RowGroup
        {
            Columns = chunks,
            NumRows = group.RowCount,
            TotalByteSize = uncompressed,
            FileOffset = groupStart,
            TotalCompressedSize = _position - groupStart,
            Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue),
        });
    }

    /// <summary>A row group whose column chunks are being encoded.</summary>
    private sealed class EncodingRowGroup(int rowCount, int leaves)
    {
        public int RowCount { get; } = rowCount;
        public ChunkJob[] Jobs { get; } = new ChunkJob[leaves];
        public Task?[] Tasks { get; } = new Task?[leaves];
    }

    /// <summary>Encodes one leaf column chunk into its own buffer (as if the chunk started at file offset 0).</summary>
    private sealed class ChunkJob(ParquetSchemaNode field, ParquetSchemaNode leaf, Column[] pieces, ParquetWriterOptions options, GrowableBuffer output)
    {
        public GrowableBuffer Output { get; } = output;

        public ColumnChunk? Chunk { get; private set; }

        public void Run() => Chunk = field.IsFlat
            ? ColumnChunkWriter.Write(pieces, leaf.Element!, options, Output, 0)
            : ColumnChunkWriter.Write(NestedColumnShredder.Shred(field, leaf, Column.Concat(pieces)), leaf.Type, leaf.Element!, leaf.Path, options, Output, 0);
    }

    private static ColumnOrder[] TypeDefinedOrders(int leaves)
    {
        // A loop, not Array.Fill: Fill over an enum runs Fill<int>, whose vectorized body is not precompiled.
        var orders = new ColumnOrder[leaves];
        for (var i = 0; i < orders.Length; i++)
        {
            orders[i] = ColumnOrder.TypeDefined;
        }

        return orders;
    }
}
