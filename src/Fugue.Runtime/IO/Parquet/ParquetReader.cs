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

        var selected = columns is null ? Enumerable.Range(0, _fields.Length).ToArray() : columns.Select(Schema.IndexOf).ToArray();
        var result = new Column[selected.Length];
        var fields = new Field[selected.Length];
        for (var k = 0; k < selected.Length; k++)
        {
            var c = selected[k];
            fields[k] = Schema[c];
            var field = _fields[c];
            if (field.IsFlat)
            {
                var leaf = field.Element!;
                var reader = ReadChunk(group.Columns[field.LeafIndex], leaf.Name, new ColumnChunkReader(leaf, CodecOf(group.Columns[field.LeafIndex], leaf.Name, index), FilePath), group.NumRows, true, index);
                result[k] = reader.BuildColumn(field.Type);
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
                    result[k] = NestedColumnAssembler.Assemble(field, readers, (int)group.NumRows);
                }
                catch (ParquetFormatException e) when (e.FilePath is null && e.Offset < 0)
                {
                    throw new ParquetFormatException($"{e.Message} (row group {index})", FilePath, -1, e);
                }
            }
        }

        for (var k = 0; k < selected.Length; k++)
        {
            result[k] = FugueSchemaMetadata.Convert(result[k], fields[k].Type);
        }

        return new RecordBatch(new Schema(fields), result, (int)group.NumRows);
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
    public IReadOnlyList<int> MatchingRowGroups(ParquetFilter filter) =>
        Enumerable.Range(0, RowGroupCount).Where(i => RowGroupMightMatch(i, filter)).ToArray();

    internal ParquetSchemaNode Field(int index) => _fields[index];

    internal ColumnOrder LeafColumnOrder(int leafIndex) =>
        Metadata.ColumnOrders is { } orders && leafIndex < orders.Count ? orders[leafIndex] : Fugue.IO.Parquet.Metadata.ColumnOrder.Unknown;

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
        var fileLength = _stream.Length;
        if (start < 4 || length < 0 || length > int.MaxValue || start + length > fileLength - 8)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{name}' chunk [{start}, {start + length}) lies outside the data of a {fileLength}-byte file"), FilePath, start);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, length));
        try
        {
            _stream.Position = start;
            _stream.ReadExactly(buffer.AsSpan(0, (int)length));
            reader.ReadChunk(buffer.AsSpan(0, (int)length), start, expectedValues);
            return reader;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
