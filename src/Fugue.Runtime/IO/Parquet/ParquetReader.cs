using System.Buffers;
using System.Globalization;
using Fugue.Columnar;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Reads Parquet files into <see cref="RecordBatch"/>es, one per row group. Supports data page v1 and v2, dictionary
/// pages, all standard encodings, the codecs of <see cref="Compression.ParquetCompression"/>, and nested columns
/// (LIST in the standard 3-level and the legacy 2-level forms, bare repeated fields, MAP, groups as structs),
/// assembled from repetition and definition levels.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetSchemaNode[] _fields;
    private readonly ParquetSchemaNode[] _leaves;
    private readonly long _fileLength;

    /// <summary>Opens a reader over a seekable stream and reads the footer.</summary>
    /// <exception cref="ParquetFormatException">The stream is not a valid Parquet file.</exception>
    /// <exception cref="NotSupportedException">The file uses a feature this reader does not support.</exception>
    public ParquetReader(Stream stream, string? filePath = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        FilePath = filePath;
        try
        {
            Metadata = ParquetFooter.Read(stream, filePath);
            _fileLength = stream.Length;
            _fields = ParquetSchemaNode.Parse(Metadata.Schema, filePath);
            _leaves = _fields.SelectMany(f => f.Leaves()).ToArray();
            var fileSchema = new Schema(_fields.Select(f => new Field(f.Name, f.Type)));
            Schema = FugueSchemaMetadata.Resolve(fileSchema, Metadata) ?? fileSchema;
        }
        catch (FugueSchemaException e)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw new ParquetFormatException($"Parquet schema is not a valid Fugue schema: {e.Message}", filePath, -1, e);
        }
        catch
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw;
        }
    }

    /// <summary>Opens the file at <paramref name="path"/>.</summary>
    public static ParquetReader Open(string path) => new(File.OpenRead(path), path);

    /// <summary>The file path used in error messages, if known.</summary>
    public string? FilePath { get; }

    /// <summary>The footer metadata.</summary>
    public FileMetaData Metadata { get; }

    /// <summary>
    /// The Fugue schema of the file's columns: the schema stored by Fugue's writer under the <c>fugue.schema</c>
    /// key/value metadata when it is consistent with the file (it keeps seconds timestamps and zone names), else
    /// the schema derived from the Parquet types.
    /// </summary>
    public Schema Schema { get; }

    /// <summary>The number of row groups.</summary>
    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>The total number of rows.</summary>
    public long RowCount => Metadata.NumRows;

    /// <summary>Reads row group <paramref name="index"/>, optionally only the named <paramref name="columns"/> (in that order).</summary>
    public RecordBatch ReadRowGroup(int index, IEnumerable<string>? columns = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)RowGroupCount, nameof(index));
        var group = CheckRowGroup(index);
        var selected = Select(columns);
        var result = new Column[selected.Length];
        var fields = new Field[selected.Length];
        for (var k = 0; k < selected.Length; k++)
        {
            fields[k] = Schema[selected[k]];
            result[k] = ReadColumn(index, selected[k], null);
        }

        return new RecordBatch(new Schema(fields), result, (int)group.NumRows);
    }

    /// <summary>
    /// Reads all row groups that <paramref name="filter"/> does not rule out (all when it is null), optionally only
    /// the named <paramref name="columns"/>, into memory at once: one batch per row group, in file order, the same
    /// batches <see cref="ReadRowGroups(IEnumerable{string}?, ParquetFilter?)"/> yields. The column chunks are
    /// decoded on up to <paramref name="parallelism"/> threads (0: one per core) straight into large shared buffers,
    /// from positional reads (a memory mapping saved no measurable CPU here, and a file truncated by another process
    /// while mapped would crash the process instead of failing the read); use the streaming reads when the file need
    /// not be held in memory.
    /// </summary>
    /// <exception cref="ParquetFormatException">The file is corrupt (the first error found, as the streaming read reports it).</exception>
    public IReadOnlyList<RecordBatch> ReadAll(IEnumerable<string>? columns = null, ParquetFilter? filter = null, int parallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        return ReadGroups(GroupsMatching(filter), Select(columns), parallelism);
    }

    /// <summary>
    /// Streams the row groups that <paramref name="filter"/> does not rule out, in file order, decoding a window of
    /// consecutive row groups at a time on up to <paramref name="parallelism"/> threads (as <see cref="ReadAll"/>
    /// does for the whole file): memory stays bounded by about <paramref name="windowBytes"/> of decoded columns
    /// (at least one row group) while both cores decode.
    /// </summary>
    /// <exception cref="ParquetFormatException">The file is corrupt (the first error of a window, as the streaming read reports it).</exception>
    public IEnumerable<RecordBatch> ReadRowGroupsInParallel(
        IEnumerable<string>? columns = null, ParquetFilter? filter = null, int parallelism = 0, long windowBytes = 256L << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowBytes);
        var selected = Select(columns);
        var groups = GroupsMatching(filter);
        var start = 0;
        long bytes = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            bytes += EstimateBytes(groups.AsSpan(i, 1), selected);
            if (bytes >= windowBytes || i == groups.Length - 1)
            {
                foreach (var batch in ReadGroups(Slice(groups, start, i + 1 - start), selected, parallelism))
                {
                    yield return batch;
                }

                start = i + 1;
                bytes = 0;
            }
        }
    }

    /// <summary>The row groups <paramref name="filter"/> does not rule out (all when it is null), in file order.</summary>
    /// <remarks>Plain loops rather than LINQ over <see cref="int"/> here and in <see cref="ReadGroups"/>: ReadyToRun does
    /// not precompile generic code instantiated over primitive types outside the framework, so each such LINQ method
    /// would be JIT-compiled inside the first load of a process.</remarks>
    private int[] GroupsMatching(ParquetFilter? filter)
    {
        var groups = new int[RowGroupCount];
        var count = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            if (filter is null || RowGroupMightMatch(i, filter))
            {
                groups[count++] = i;
            }
        }

        return count == groups.Length ? groups : Slice(groups, 0, count);
    }

    private static int[] Slice(int[] items, int start, int length)
    {
        var slice = new int[length];
        Array.Copy(items, start, slice, 0, length); // not a range: RuntimeHelpers.GetSubArray<int> is not precompiled
        return slice;
    }

    private RecordBatch[] ReadGroups(int[] groups, int[] selected, int parallelism)
    {
        var fields = new Field[selected.Length];
        for (var k = 0; k < fields.Length; k++)
        {
            fields[k] = Schema[selected[k]];
        }

        var schema = new Schema(fields);
        var columnsOut = new Column[groups.Length][];
        for (var g = 0; g < groups.Length; g++)
        {
            columnsOut[g] = new Column[selected.Length];
        }

        var items = groups.Length * selected.Length;
        var arena = new ColumnBufferArena(EstimateBytes(groups, selected));
        var next = -1;
        var failures = new Exception?[items];
        void Work()
        {
            int item;
            while ((item = Interlocked.Increment(ref next)) < items)
            {
                var (g, k) = Math.DivRem(item, selected.Length);
                try
                {
                    CheckRowGroup(groups[g]);
                    columnsOut[g][k] = ReadColumn(groups[g], selected[k], arena);
                }
                catch (Exception e)
                {
                    failures[item] = e;
                    Volatile.Write(ref next, items); // stop handing out work; the first failure in file order is reported
                }
            }
        }

        var threads = Math.Min(parallelism == 0 ? Environment.ProcessorCount : parallelism, items);
        var helpers = new Thread[Math.Max(0, threads - 1)];
        for (var t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Work) { IsBackground = true, Name = "parquet-read" };
            helpers[t].Start();
        }

        Work();
        foreach (var t in helpers)
        {
            t.Join();
        }

        foreach (var failure in failures)
        {
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }

        var batches = new RecordBatch[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            batches[g] = new RecordBatch(schema, columnsOut[g], (int)Metadata.RowGroups[groups[g]].NumRows);
        }

        return batches;
    }

    /// <summary>Reads every row group in order, one batch at a time (only that group's column chunks are read).</summary>
    public IEnumerable<RecordBatch> ReadRowGroups(IEnumerable<string>? columns = null) => ReadRowGroups(columns, null);

    /// <summary>
    /// Reads, in order, the row groups that <paramref name="filter"/> does not rule out by their statistics. The
    /// filter only prunes whole row groups: rows of the groups that are read are returned unfiltered.
    /// </summary>
    public IEnumerable<RecordBatch> ReadRowGroups(IEnumerable<string>? columns, ParquetFilter? filter)
    {
        var names = columns?.ToArray();
        for (var i = 0; i < RowGroupCount; i++)
        {
            if (filter is null || RowGroupMightMatch(i, filter))
            {
                yield return ReadRowGroup(i, names);
            }
        }
    }

    /// <summary>False when the statistics of row group <paramref name="index"/> prove no row can satisfy <paramref name="filter"/>.</summary>
    /// <exception cref="ArgumentException">The filter names a column that is not in the file or compares it with an unfit constant.</exception>
    public bool RowGroupMightMatch(int index, ParquetFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)RowGroupCount, nameof(index));
        ArgumentNullException.ThrowIfNull(filter);
        return filter.MightMatch(this, Metadata.RowGroups[index]);
    }

    /// <summary>The row groups that <paramref name="filter"/> does not rule out.</summary>
    public IReadOnlyList<int> MatchingRowGroups(ParquetFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return GroupsMatching(filter);
    }

    internal ParquetSchemaNode Field(int index) => _fields[index];

    /// <summary>The uncompressed bytes of the chunks to read: about the size of the decoded columns (sizes the arena's chunks).</summary>
    private long EstimateBytes(ReadOnlySpan<int> groups, int[] selected)
    {
        long total = 0;
        foreach (var g in groups)
        {
            var chunks = Metadata.RowGroups[g].Columns;
            foreach (var c in selected)
            {
                foreach (var leaf in _fields[c].Leaves())
                {
                    if (leaf.LeafIndex < chunks.Count && chunks[leaf.LeafIndex].MetaData is { } md)
                    {
                        total += Math.Max(0, md.TotalUncompressedSize);
                    }
                }
            }
        }

        return Math.Min(total, _fileLength * 32); // a corrupt size must not size the arena
    }

    private int[] Select(IEnumerable<string>? columns)
    {
        if (columns is null)
        {
            var all = new int[_fields.Length];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var names = columns as IReadOnlyList<string> ?? [.. columns];
        var indices = new int[names.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = Schema.IndexOf(names[i]);
        }

        return indices;
    }

    /// <summary>The metadata of row group <paramref name="index"/>, after checking it fits the schema and a batch.</summary>
    private RowGroup CheckRowGroup(int index)
    {
        var group = Metadata.RowGroups[index];
        if (group.Columns.Count != _leaves.Length)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Row group {index} has {group.Columns.Count} column chunks, the schema has {_leaves.Length} leaf columns"), FilePath, -1);
        }

        if (group.NumRows > int.MaxValue)
        {
            throw new NotSupportedException($"Row group {index} has {group.NumRows} rows; at most {int.MaxValue} per batch are supported.");
        }

        return group;
    }

    /// <summary>Reads field <paramref name="c"/> of row group <paramref name="index"/> as its Fugue column (thread-safe).</summary>
    private Column ReadColumn(int index, int c, ColumnBufferArena? arena)
    {
        var group = Metadata.RowGroups[index];
        var field = _fields[c];
        Column column;
        if (field.IsFlat)
        {
            var leaf = field.Element!;
            var chunk = group.Columns[field.LeafIndex];
            var reader = ReadChunk(chunk, leaf.Name, new ColumnChunkReader(leaf, CodecOf(chunk, leaf.Name, index), FilePath, arena), group.NumRows, true, index);
            column = reader.BuildColumn(field.Type);
        }
        else
        {
            var readers = new Dictionary<int, ColumnChunkReader>();
            foreach (var leaf in field.Leaves())
            {
                var chunk = group.Columns[leaf.LeafIndex];
                var reader = new ColumnChunkReader(leaf, CodecOf(chunk, leaf.Name, index), FilePath);
                readers[leaf.LeafIndex] = ReadChunk(chunk, leaf.Name, reader, chunk.MetaData!.NumValues, false, index);
            }

            try
            {
                column = NestedColumnAssembler.Assemble(field, readers, (int)group.NumRows);
            }
            catch (ParquetFormatException e) when (e.FilePath is null && e.Offset < 0)
            {
                throw new ParquetFormatException($"{e.Message} (row group {index})", FilePath, -1, e);
            }
        }

        return FugueSchemaMetadata.Convert(column, Schema[c].Type);
    }

    internal ColumnOrder LeafColumnOrder(int leafIndex) =>
        Metadata.ColumnOrders is { } orders && leafIndex < orders.Length ? orders[leafIndex] : Fugue.IO.Parquet.Metadata.ColumnOrder.Unknown;

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private Metadata.CompressionCodec CodecOf(ColumnChunk chunk, string name, int groupIndex)
    {
        var md = chunk.MetaData ?? throw new ParquetFormatException($"Column chunk of '{name}' in row group {groupIndex} has no metadata", FilePath, -1);
        if (chunk.IsEncrypted)
        {
            throw new NotSupportedException($"Column '{name}' is encrypted; encrypted Parquet is not supported.");
        }

        if (chunk.FilePath is not null)
        {
            throw new NotSupportedException($"Column '{name}' refers to external file '{chunk.FilePath}'; external column chunks are not supported.");
        }

        return md.Codec;
    }

    /// <summary>Reads the byte range of one column chunk (only that range) and decodes its pages into <paramref name="reader"/>.</summary>
    private ColumnChunkReader ReadChunk(ColumnChunk chunk, string name, ColumnChunkReader reader, long expectedValues, bool flat, int groupIndex)
    {
        var md = chunk.MetaData!;
        if (flat && md.NumValues != expectedValues)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{name}' in row group {groupIndex} has {md.NumValues} values for {expectedValues} rows"), FilePath, -1);
        }

        if (expectedValues < 0)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{name}' in row group {groupIndex} claims {expectedValues} values"), FilePath, -1);
        }

        var start = md.DataPageOffset;
        if (md.DictionaryPageOffset is { } dict && dict > 0 && dict < start)
        {
            start = dict;
        }

        var length = md.TotalCompressedSize;
        var fileLength = _fileLength;
        if (start < 4 || length < 0 || length > int.MaxValue || start + length > fileLength - 8)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{name}' chunk [{start}, {start + length}) lies outside the data of a {fileLength}-byte file"), FilePath, start);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, length));
        try
        {
            ReadAt(start, buffer.AsSpan(0, (int)length));
            reader.ReadChunk(buffer.AsSpan(0, (int)length), start, expectedValues);
            return reader;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> from file offset <paramref name="offset"/>. Safe from several threads: a
    /// file is read positionally (pread), any other stream under a lock.
    /// </summary>
    private void ReadAt(long offset, Span<byte> destination)
    {
        if (_stream is FileStream { SafeFileHandle: { IsClosed: false } handle })
        {
            while (!destination.IsEmpty)
            {
                var read = RandomAccess.Read(handle, destination, offset);
                if (read <= 0)
                {
                    throw new EndOfStreamException($"Unexpected end of file at offset {offset}");
                }

                destination = destination[read..];
                offset += read;
            }

            return;
        }

        lock (_stream)
        {
            _stream.Position = offset;
            _stream.ReadExactly(destination);
        }
    }
}
