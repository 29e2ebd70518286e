using Fugue.IO.Parquet.Metadata;

namespace Fugue.IO.Parquet;

/// <summary>Settings of <see cref="ParquetWriter"/>.</summary>
public sealed class ParquetWriterOptions
{
    /// <summary>Page compression (default SNAPPY).</summary>
    public CompressionCodec Compression { get; init; } = CompressionCodec.Snappy;

    /// <summary>Dictionary-encode columns whose dictionary stays small (default true).</summary>
    public bool UseDictionary { get; init; } = true;

    /// <summary>Largest dictionary (entries) before falling back to PLAIN.</summary>
    public int MaxDictionaryEntries { get; init; } = 1 << 16;

    /// <summary>Largest dictionary (PLAIN bytes) before falling back to PLAIN.</summary>
    public int MaxDictionaryBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Encoding of pages that are not dictionary-encoded: PLAIN (default), DELTA_BINARY_PACKED (INT32/INT64),
    /// DELTA_LENGTH_BYTE_ARRAY or DELTA_BYTE_ARRAY (BYTE_ARRAY), BYTE_STREAM_SPLIT (FLOAT, DOUBLE; the reader also
    /// accepts the format 2.11 integer and fixed-length uses) or RLE (BOOLEAN). Columns whose physical type the encoding does not support use PLAIN.
    /// </summary>
    public ParquetEncoding ValueEncoding { get; init; } = ParquetEncoding.Plain;

    /// <summary>Rows per data page.</summary>
    public int DataPageRowCount { get; init; } = 1 << 16;

    /// <summary>Rows per row group: batches are buffered until this many rows are pending (larger batches are split).</summary>
    public int RowGroupRowCount { get; init; } = 1 << 20;

    /// <summary>
    /// Approximate in-memory (Arrow) bytes per row group: a row group is written once the buffered batches reach
    /// this size, which bounds the writer's memory for wide rows (default 128 MiB).
    /// </summary>
    public long RowGroupByteSize { get; init; } = 128L << 20;

    /// <summary>Data page header version: 1 (default, most compatible) or 2.</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>Write column chunk statistics (null count, min/max).</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>
    /// Threads that encode and compress column chunks (default: the processor count). Above 1, the chunks of a row
    /// group are encoded by thread-pool tasks, one per leaf column, while the caller fills the next row group; the
    /// chunks are written in column order, so the file is the same whatever the setting. An encoding error then
    /// surfaces from a later <see cref="ParquetWriter.Write"/>, <see cref="ParquetWriter.FlushRowGroup"/> or
    /// <see cref="ParquetWriter.Close"/>.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The <c>created_by</c> footer string.</summary>
    public string CreatedBy { get; init; } = "Fugue.NET parquet writer";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DataPageRowCount, 1, nameof(DataPageRowCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupRowCount, 1, nameof(RowGroupRowCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupByteSize, 1, nameof(RowGroupByteSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        if (DataPageVersion is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(DataPageVersion), DataPageVersion, "Data page version must be 1 or 2.");
        }

        if (ValueEncoding is not (ParquetEncoding.Plain or ParquetEncoding.DeltaBinaryPacked or ParquetEncoding.DeltaLengthByteArray
            or ParquetEncoding.DeltaByteArray or ParquetEncoding.ByteStreamSplit or ParquetEncoding.Rle))
        {
            throw new ArgumentOutOfRangeException(nameof(ValueEncoding), ValueEncoding, "Unsupported value encoding for writing.");
        }

        if (!Fugue.IO.Compression.ParquetCompression.IsSupported(Compression))
        {
            throw new NotSupportedException($"Parquet compression codec {Compression} is not supported for writing.");
        }
    }
}
