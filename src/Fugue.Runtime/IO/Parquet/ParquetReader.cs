using System.Buffers;
using System.Globalization;
using Fugue.Columnar;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Reads flat (non-nested) Parquet files into <see cref="RecordBatch"/>es, one per row group. Supports data page v1
/// and v2, dictionary pages, all standard encodings and the codecs of <see cref="Compression.ParquetCompression"/>.
/// Nested columns (groups, repeated fields) are rejected with <see cref="NotSupportedException"/>.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SchemaElement[] _leaves;

    /// <summary>Opens a reader over a seekable stream and reads the footer.</summary>
    /// <exception cref="ParquetFormatException">The stream is not a valid Parquet file.</exception>
    /// <exception cref="NotSupportedException">The file has nested columns.</exception>
    public ParquetReader(Stream stream, string? filePath = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        FilePath = filePath;
        try
        {
            Metadata = ParquetFooter.Read(stream, filePath);
            _leaves = FlatLeaves(Metadata, filePath);
            Schema = new Schema(_leaves.Select(l => new Field(l.Name, ParquetTypeMapping.ToDataType(l))));
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

    /// <summary>The Fugue schema of the file's columns.</summary>
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
                string.Create(CultureInfo.InvariantCulture, $"Row group {index} has {group.Columns.Count} column chunks, the schema has {_leaves.Length} columns"), FilePath, -1);
        }

        if (group.NumRows > int.MaxValue)
        {
            throw new NotSupportedException($"Row group {index} has {group.NumRows} rows; at most {int.MaxValue} per batch are supported.");
        }

        var selected = columns is null ? Enumerable.Range(0, _leaves.Length).ToArray() : columns.Select(Schema.IndexOf).ToArray();
        var result = new Column[selected.Length];
        var fields = new Field[selected.Length];
        for (var k = 0; k < selected.Length; k++)
        {
            var c = selected[k];
            fields[k] = Schema[c];
            result[k] = ReadColumn(group.Columns[c], _leaves[c], Schema[c].Type, group.NumRows, index);
        }

        return new RecordBatch(new Schema(fields), result, (int)group.NumRows);
    }

    /// <summary>Reads every row group in order.</summary>
    public IEnumerable<RecordBatch> ReadRowGroups(IEnumerable<string>? columns = null)
    {
        var names = columns?.ToArray();
        for (var i = 0; i < RowGroupCount; i++)
        {
            yield return ReadRowGroup(i, names);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private Column ReadColumn(ColumnChunk chunk, SchemaElement leaf, DataType type, long rows, int groupIndex)
    {
        var md = chunk.MetaData ?? throw new ParquetFormatException($"Column chunk of '{leaf.Name}' in row group {groupIndex} has no metadata", FilePath, -1);
        if (chunk.IsEncrypted)
        {
            throw new NotSupportedException($"Column '{leaf.Name}' is encrypted; encrypted Parquet is not supported.");
        }

        if (chunk.FilePath is not null)
        {
            throw new NotSupportedException($"Column '{leaf.Name}' refers to external file '{chunk.FilePath}'; external column chunks are not supported.");
        }

        if (md.NumValues != rows)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{leaf.Name}' in row group {groupIndex} has {md.NumValues} values for {rows} rows"), FilePath, -1);
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
                string.Create(CultureInfo.InvariantCulture, $"Column '{leaf.Name}' chunk [{start}, {start + length}) lies outside the data of a {fileLength}-byte file"), FilePath, start);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, length));
        try
        {
            _stream.Position = start;
            _stream.ReadExactly(buffer.AsSpan(0, (int)length));
            var reader = new ColumnChunkReader(leaf, md.Codec, FilePath);
            reader.ReadChunk(buffer.AsSpan(0, (int)length), start, rows);
            return reader.BuildColumn(type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static SchemaElement[] FlatLeaves(FileMetaData metadata, string? filePath)
    {
        var schema = metadata.Schema;
        if (schema.Count == 0)
        {
            throw new ParquetFormatException("Parquet schema is empty", filePath, -1);
        }

        var root = schema[0];
        var children = root.NumChildren ?? 0;
        if (children != schema.Count - 1)
        {
            var nested = schema.Skip(1).Where(e => e.NumChildren is > 0).Select(e => e.Name).ToArray();
            if (nested.Length > 0)
            {
                throw new NotSupportedException($"Nested Parquet columns are not supported yet: {string.Join(", ", nested)}.");
            }

            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Parquet schema root declares {children} children but {schema.Count - 1} elements follow"), filePath, -1);
        }

        var leaves = schema.Skip(1).ToArray();
        foreach (var leaf in leaves)
        {
            if (leaf.NumChildren is > 0 || leaf.Type is null)
            {
                throw new NotSupportedException($"Nested Parquet column '{leaf.Name}' is not supported yet.");
            }

            if (leaf.RepetitionType == FieldRepetitionType.Repeated)
            {
                throw new NotSupportedException($"Repeated Parquet column '{leaf.Name}' is not supported yet.");
            }
        }

        return leaves;
    }
}
