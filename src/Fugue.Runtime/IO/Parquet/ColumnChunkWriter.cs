using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Compression;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Thrift;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Encodes one flat column of a row group into a column chunk: physical conversion, optional dictionary
/// (RLE_DICTIONARY data pages over a PLAIN dictionary page), PLAIN fallback, v1 or v2 data pages with RLE
/// definition levels, compression and statistics.
/// </summary>
internal static class ColumnChunkWriter
{
    /// <summary>Encodes <paramref name="column"/> into <paramref name="output"/>; <paramref name="fileOffset"/> is where the output will start in the file.</summary>
    public static ColumnChunk Write(Column column, SchemaElement element, ParquetWriterOptions options, GrowableBuffer output, long fileOffset) =>
        Write([column], element, options, output, fileOffset);

    /// <summary>
    /// Encodes the flat column given as consecutive <paramref name="pieces"/> (a row group's batches) into
    /// <paramref name="output"/>, without concatenating them into one column first.
    /// </summary>
    public static ColumnChunk Write(IReadOnlyList<Column> pieces, SchemaElement element, ParquetWriterOptions options, GrowableBuffer output, long fileOffset)
    {
        var data = PhysicalColumnData.From(pieces, element);
        try
        {
            return Write(data, pieces[0].Type, element, [element.Name], options, output, fileOffset);
        }
        finally
        {
            data.Release();
        }
    }

    /// <summary>
    /// Encodes prepared physical data (flat or a shredded nested leaf) into <paramref name="output"/>. Pages hold
    /// <see cref="ParquetWriterOptions.DataPageRowCount"/> rows and always start at a row boundary.
    /// </summary>
    public static ColumnChunk Write(PhysicalColumnData data, DataType logical, SchemaElement element, string[] path,
        ParquetWriterOptions options, GrowableBuffer output, long fileOffset)
    {
        var chunkStart = output.Length;
        // Room for about the plain size up front: growing by doubling would copy the chunk and touch fresh pages.
        var plainSize = data.PlainSize;
        output.GetSpan((int)Math.Min(1 << 28, plainSize + plainSize / 16 + (data.Rows >> 2) + 4096));
        var codec = options.Compression;
        long uncompressedTotal = 0;
        long? dictionaryOffset = null;
        var encodingStats = new List<PageEncodingStats>();

        var dictionary = options.UseDictionary ? ColumnDictionaryBuilder.TryBuild(data, options) : null;
        // Page buffers come from the shared array pool: fresh memory costs a page fault per 4 KiB on first touch.
        var scratch = GrowableBuffer.Rent(1 << 16);
        var values = GrowableBuffer.Rent(1 << 16);
        var levels = GrowableBuffer.Rent(1 << 16);
        try
        {
            if (dictionary is not null)
            {
                dictionaryOffset = fileOffset + output.Length - chunkStart;
                var plain = dictionary.Values.WrittenSpan;
                var header = new PageHeader
                {
                    Type = PageType.DictionaryPage,
                    UncompressedPageSize = plain.Length,
                    DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Count, Encoding = ParquetEncoding.Plain },
                };
                uncompressedTotal += WritePage(header, plain, default, codec, output, scratch);
                encodingStats.Add(new PageEncodingStats { PageType = PageType.DictionaryPage, Encoding = ParquetEncoding.Plain, Count = 1 });
            }

            var dataOffset = fileOffset + output.Length - chunkStart;
            var valueEncoding = dictionary is not null ? ParquetEncoding.RleDictionary : EffectiveEncoding(options.ValueEncoding, data.Type);
            var pages = 0;
            var valueStart = 0;
            var flat = data.RepLevels is null; // every entry starts a row
            var rowStarts = flat ? null : RowStarts(data);
            var totalRows = flat ? data.Rows : rowStarts!.Length - 1;
            var pageCount = Math.Max(1, (int)(((long)totalRows + options.DataPageRowCount - 1) / options.DataPageRowCount));
            var defWidth = BitPacking.BitWidth((ulong)data.MaxDef);
            var repWidth = BitPacking.BitWidth((ulong)data.MaxRep);
            for (var page = 0; page < pageCount; page++)
            {
                var firstRow = page * options.DataPageRowCount;
                var pageRows = Math.Min(options.DataPageRowCount, totalRows - firstRow);
                var rowStart = flat ? firstRow : rowStarts![firstRow];
                var rows = flat ? pageRows : rowStarts![firstRow + pageRows] - rowStart;
                var pageLevels = data.AllDefined ? default : data.Levels.AsSpan(rowStart, rows);
                var pageRep = data.RepLevels is null ? default : data.RepLevels.AsSpan(rowStart, rows);
                var nonNull = 0;
                if (data.AllDefined)
                {
                    nonNull = rows;
                }
                else
                {
                    foreach (var l in pageLevels)
                    {
                        nonNull += l == data.MaxDef ? 1 : 0;
                    }
                }

                values.Clear();
                levels.Clear();
                var encoding = valueEncoding;
                PageHeader header;
                if (options.DataPageVersion == 1)
                {
                    if (data.MaxRep > 0)
                    {
                        RleBitPackedHybrid.EncodeLengthPrefixed(pageRep, repWidth, levels);
                    }

                    if (data.MaxDef > 0 && data.AllDefined)
                    {
                        RleBitPackedHybrid.EncodeRepeatedLengthPrefixed(data.MaxDef, rows, defWidth, levels);
                    }
                    else if (data.MaxDef > 0)
                    {
                        RleBitPackedHybrid.EncodeLengthPrefixed(pageLevels, defWidth, levels);
                    }

                    // v1: the values follow the levels in the one compressed body, so they are encoded in place.
                    WriteValues(data, dictionary, valueEncoding, valueStart, nonNull, levels);
                    header = new PageHeader
                    {
                        Type = PageType.DataPage,
                        UncompressedPageSize = levels.Length,
                        DataPageHeader = new DataPageHeader
                        {
                            NumValues = rows, Encoding = encoding,
                            DefinitionLevelEncoding = ParquetEncoding.Rle, RepetitionLevelEncoding = ParquetEncoding.Rle,
                        },
                    };
                    uncompressedTotal += WritePage(header, levels.WrittenSpan, default, codec, output, scratch);
                }
                else
                {
                    WriteValues(data, dictionary, valueEncoding, valueStart, nonNull, values);
                    var repBytes = 0;
                    if (data.MaxRep > 0)
                    {
                        RleBitPackedHybrid.Encode(pageRep, repWidth, levels);
                        repBytes = levels.Length;
                    }

                    if (data.MaxDef > 0 && data.AllDefined)
                    {
                        RleBitPackedHybrid.EncodeRepeated(data.MaxDef, rows, defWidth, levels);
                    }
                    else if (data.MaxDef > 0)
                    {
                        RleBitPackedHybrid.Encode(pageLevels, defWidth, levels);
                    }

                    header = new PageHeader
                    {
                        Type = PageType.DataPageV2,
                        UncompressedPageSize = levels.Length + values.Length,
                        DataPageHeaderV2 = new DataPageHeaderV2
                        {
                            NumValues = rows, NumNulls = rows - nonNull, NumRows = pageRows, Encoding = encoding,
                            DefinitionLevelsByteLength = levels.Length - repBytes, RepetitionLevelsByteLength = repBytes,
                            IsCompressed = codec != CompressionCodec.Uncompressed,
                        },
                    };
                    uncompressedTotal += WritePage(header, values.WrittenSpan, levels.WrittenSpan, codec, output, scratch);
                }

                valueStart += nonNull;
                pages++;
            }

            encodingStats.Add(new PageEncodingStats
            {
                PageType = options.DataPageVersion == 1 ? PageType.DataPage : PageType.DataPageV2,
                Encoding = valueEncoding,
                Count = pages,
            });

            var metadata = new ColumnMetaData
            {
                Type = element.Type!.Value,
                Encodings = dictionary is not null
                    ? [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary]
                    : valueEncoding is ParquetEncoding.Plain or ParquetEncoding.Rle
                        ? [ParquetEncoding.Plain, ParquetEncoding.Rle]
                        : [ParquetEncoding.Rle, valueEncoding],
                PathInSchema = [.. path],
                Codec = codec,
                NumValues = data.Rows,
                TotalUncompressedSize = uncompressedTotal,
                TotalCompressedSize = output.Length - chunkStart,
                DataPageOffset = dataOffset,
                DictionaryPageOffset = dictionaryOffset,
                EncodingStats = encodingStats,
                Statistics = options.WriteStatistics ? ColumnStatisticsBuilder.Build(data, logical, dictionary) : null,
            };
            dictionary?.Release();
            return new ColumnChunk { FileOffset = 0, MetaData = metadata };
        }
        finally
        {
            scratch.Return();
            values.Return();
            levels.Return();
        }
    }

    /// <summary>Appends the encoded values of one page: dictionary indices (bit width byte + hybrid RLE) or the value encoding.</summary>
    private static void WriteValues(PhysicalColumnData data, ColumnDictionaryBuilder? dictionary, ParquetEncoding encoding, int start, int count, GrowableBuffer output)
    {
        if (dictionary is not null)
        {
            var indices = dictionary.Indices.AsSpan(start, count);
            var bitWidth = Math.Max(1, BitPacking.BitWidth((ulong)Math.Max(0, dictionary.Count - 1)));
            output.WriteByte((byte)bitWidth);
            RleBitPackedHybrid.Encode(indices, bitWidth, output);
        }
        else
        {
            data.Write(encoding, start, count, output);
        }
    }

    /// <summary>Entry index where each row of a nested leaf starts, plus the entry count at the end.</summary>
    private static int[] RowStarts(PhysicalColumnData data)
    {
        var starts = new List<int>();
        var rep = data.RepLevels!;
        for (var i = 0; i < data.Rows; i++)
        {
            if (rep[i] == 0)
            {
                starts.Add(i);
            }
        }

        starts.Add(data.Rows);
        return [.. starts];
    }

    /// <summary>The requested encoding if it applies to <paramref name="type"/>, else PLAIN.</summary>
    private static ParquetEncoding EffectiveEncoding(ParquetEncoding requested, PhysicalType type) => requested switch
    {
        ParquetEncoding.DeltaBinaryPacked when type is PhysicalType.Int32 or PhysicalType.Int64 => requested,
        ParquetEncoding.DeltaLengthByteArray when type is PhysicalType.ByteArray => requested,
        ParquetEncoding.DeltaByteArray when type is PhysicalType.ByteArray => requested,
        // Format 2.11 also allows INT32/INT64/FIXED_LEN_BYTE_ARRAY, but widely deployed readers (e.g. DuckDB)
        // accept BYTE_STREAM_SPLIT only for FLOAT and DOUBLE, so the writer keeps to those.
        ParquetEncoding.ByteStreamSplit when type is PhysicalType.Float or PhysicalType.Double => requested,
        ParquetEncoding.Rle when type is PhysicalType.Boolean => requested,
        _ => ParquetEncoding.Plain,
    };

    /// <summary>Writes header and body; returns the uncompressed size including the header.</summary>
    private static long WritePage(PageHeader header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> uncompressedPrefix,
        CompressionCodec codec, GrowableBuffer output, GrowableBuffer scratch)
    {
        scratch.Clear();
        scratch.Write(uncompressedPrefix);
        ParquetCompression.Compress(codec, body, scratch);
        header.CompressedPageSize = scratch.Length;
        var w = new ThriftCompactWriter(64);
        header.Write(w);
        output.Write(w.WrittenSpan);
        output.Write(scratch.WrittenSpan);
        return w.Length + header.UncompressedPageSize;
    }
}
