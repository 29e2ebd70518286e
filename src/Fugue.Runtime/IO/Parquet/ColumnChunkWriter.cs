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
    private const int MaxStatisticsBytes = 64;

    /// <summary>Encodes <paramref name="column"/> into <paramref name="output"/>; <paramref name="fileOffset"/> is where the output will start in the file.</summary>
    public static ColumnChunk Write(Column column, SchemaElement element, ParquetWriterOptions options, GrowableBuffer output, long fileOffset)
    {
        var data = PhysicalData.From(column, element);
        var chunkStart = output.Length;
        var codec = options.Compression;
        long uncompressedTotal = 0;
        long? dictionaryOffset = null;
        var encodingStats = new List<PageEncodingStats>();

        var dictionary = options.UseDictionary ? DictionaryBuilder.TryBuild(data, options) : null;
        var scratch = new GrowableBuffer(4096);
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
        var values = new GrowableBuffer(4096);
        var levels = new GrowableBuffer(256);
        var pages = 0;
        var valueStart = 0;
        var pageCount = Math.Max(1, (int)(((long)data.Rows + options.DataPageRowCount - 1) / options.DataPageRowCount));
        for (var page = 0; page < pageCount; page++)
        {
            var rowStart = page * options.DataPageRowCount;
            var rows = Math.Min(options.DataPageRowCount, data.Rows - rowStart);
            var pageLevels = data.Levels.AsSpan(rowStart, rows);
            var nonNull = 0;
            foreach (var l in pageLevels)
            {
                nonNull += l;
            }

            values.Clear();
            levels.Clear();
            if (dictionary is not null)
            {
                var indices = dictionary.Indices.AsSpan(valueStart, nonNull);
                var bitWidth = Math.Max(1, BitPacking.BitWidth((ulong)Math.Max(0, dictionary.Count - 1)));
                values.WriteByte((byte)bitWidth);
                RleBitPackedHybrid.Encode(indices, bitWidth, values);
            }
            else
            {
                data.Write(valueEncoding, valueStart, nonNull, values);
            }

            var encoding = valueEncoding;
            PageHeader header;
            if (options.DataPageVersion == 1)
            {
                RleBitPackedHybrid.EncodeLengthPrefixed(pageLevels, 1, levels);
                levels.Write(values.WrittenSpan);
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
                RleBitPackedHybrid.Encode(pageLevels, 1, levels);
                header = new PageHeader
                {
                    Type = PageType.DataPageV2,
                    UncompressedPageSize = levels.Length + values.Length,
                    DataPageHeaderV2 = new DataPageHeaderV2
                    {
                        NumValues = rows, NumNulls = rows - nonNull, NumRows = rows, Encoding = encoding,
                        DefinitionLevelsByteLength = levels.Length, RepetitionLevelsByteLength = 0,
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
            PathInSchema = [element.Name],
            Codec = codec,
            NumValues = data.Rows,
            TotalUncompressedSize = uncompressedTotal,
            TotalCompressedSize = output.Length - chunkStart,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            EncodingStats = encodingStats,
            Statistics = options.WriteStatistics ? StatisticsBuilder.Build(data, column.Type) : null,
        };
        return new ColumnChunk { FileOffset = 0, MetaData = metadata };
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

    /// <summary>A column in Parquet physical form: definition levels per row plus dense non-null values.</summary>
    internal sealed class PhysicalData
    {
        public required PhysicalType Type { get; init; }
        public required DataType Logical { get; init; }
        public int Width { get; init; }
        public required int[] Levels { get; init; }
        public int Rows { get; init; }
        public int NonNull { get; init; }
        public byte[] Fixed { get; init; } = [];
        public bool[] Bools { get; init; } = [];
        public ByteArrayBuffer? Bytes { get; init; }

        public void Write(ParquetEncoding encoding, int start, int count, GrowableBuffer output)
        {
            switch (encoding)
            {
                case ParquetEncoding.DeltaBinaryPacked when Width == 4:
                    DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<byte, int>(Fixed.AsSpan(start * 4, count * 4)), output);
                    return;
                case ParquetEncoding.DeltaBinaryPacked:
                    DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<byte, long>(Fixed.AsSpan(start * 8, count * 8)), output);
                    return;
                case ParquetEncoding.ByteStreamSplit when Bytes is null:
                    ByteStreamSplit.Encode(Fixed.AsSpan(start * Width, count * Width), Width, output);
                    return;
                case ParquetEncoding.ByteStreamSplit:
                {
                    var width = count == 0 ? 1 : Bytes[start].Length;
                    var raw = new GrowableBuffer(count * width + 1);
                    WritePlain(start, count, raw);
                    ByteStreamSplit.Encode(raw.WrittenSpan, width, output);
                    return;
                }
                case ParquetEncoding.DeltaLengthByteArray:
                case ParquetEncoding.DeltaByteArray:
                {
                    var page = new ByteArrayBuffer(count, 256);
                    for (var i = start; i < start + count; i++)
                    {
                        page.Append(Bytes![i]);
                    }

                    if (encoding == ParquetEncoding.DeltaByteArray)
                    {
                        DeltaByteArray.Encode(page, output);
                    }
                    else
                    {
                        DeltaLengthByteArray.Encode(page, output);
                    }

                    return;
                }
                case ParquetEncoding.Rle:
                {
                    var bits = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        bits[i] = Bools[start + i] ? 1 : 0;
                    }

                    RleBitPackedHybrid.EncodeLengthPrefixed(bits, 1, output);
                    return;
                }
                default:
                    WritePlain(start, count, output);
                    return;
            }
        }

        public void WritePlain(int start, int count, GrowableBuffer output)
        {
            switch (Type)
            {
                case PhysicalType.Boolean:
                    PlainEncoding.EncodeBooleans(Bools.AsSpan(start, count), output);
                    break;
                case PhysicalType.ByteArray:
                    for (var i = start; i < start + count; i++)
                    {
                        PlainEncoding.EncodeByteArray(Bytes![i], output);
                    }

                    break;
                case PhysicalType.FixedLenByteArray:
                    for (var i = start; i < start + count; i++)
                    {
                        output.Write(Bytes![i]);
                    }

                    break;
                default:
                    output.Write(Fixed.AsSpan(start * Width, count * Width));
                    break;
            }
        }

        public ReadOnlySpan<byte> FixedValue(int i) => Fixed.AsSpan(i * Width, Width);

        public static PhysicalData From(Column column, SchemaElement element)
        {
            var rows = column.Length;
            var levels = new int[rows];
            var nonNull = 0;
            if (column is not NullColumn)
            {
                var validity = column.ValidityBuffer.Span;
                var offset = column.Offset;
                for (var i = 0; i < rows; i++)
                {
                    var valid = validity.IsEmpty || BitUtility.GetBit(validity, offset + i) ? 1 : 0;
                    levels[i] = valid;
                    nonNull += valid;
                }
            }

            var type = column.Type;
            var physical = element.Type!.Value;
            switch (physical)
            {
                case PhysicalType.Boolean:
                {
                    var b = (BooleanColumn)column;
                    var bools = new bool[nonNull];
                    for (int i = 0, j = 0; i < rows; i++)
                    {
                        if (levels[i] != 0)
                        {
                            bools[j++] = b.GetBoolean(i);
                        }
                    }

                    return new PhysicalData { Type = physical, Logical = type, Levels = levels, Rows = rows, NonNull = nonNull, Bools = bools };
                }
                case PhysicalType.Int32:
                case PhysicalType.Float:
                {
                    var bytes = new byte[nonNull * 4];
                    var dst = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
                    switch (column)
                    {
                        case PrimitiveColumn<sbyte> c: Compact<sbyte, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<byte> c: Compact<byte, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<short> c: Compact<short, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<ushort> c: Compact<ushort, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<int> c: Compact<int, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<uint> c: Compact<uint, int>(c.Values, levels, dst); break;
                        case PrimitiveColumn<float> c: Compact<int, int>(MemoryMarshal.Cast<float, int>(c.Values), levels, dst); break;
                        case DecimalColumn c: Compact<Int128, int>(c.Values, levels, dst); break;
                        case NullColumn: break;
                        default: throw new NotSupportedException($"Cannot write column of {column.GetType().Name} as Parquet {physical}.");
                    }

                    return new PhysicalData { Type = physical, Logical = type, Width = 4, Levels = levels, Rows = rows, NonNull = nonNull, Fixed = bytes };
                }
                case PhysicalType.Int64:
                case PhysicalType.Double:
                {
                    var bytes = new byte[nonNull * 8];
                    var dst = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
                    switch (column)
                    {
                        case PrimitiveColumn<long> c:
                            Compact<long, long>(c.Values, levels, dst);
                            if (type is TimestampType { Unit: TimeUnit.Second })
                            {
                                for (var i = 0; i < dst.Length; i++)
                                {
                                    dst[i] = checked(dst[i] * 1000);
                                }
                            }

                            break;
                        case PrimitiveColumn<ulong> c: Compact<ulong, long>(c.Values, levels, dst); break;
                        case PrimitiveColumn<double> c: Compact<long, long>(MemoryMarshal.Cast<double, long>(c.Values), levels, dst); break;
                        case DecimalColumn c: Compact<Int128, long>(c.Values, levels, dst); break;
                        default: throw new NotSupportedException($"Cannot write column of {column.GetType().Name} as Parquet {physical}.");
                    }

                    return new PhysicalData { Type = physical, Logical = type, Width = 8, Levels = levels, Rows = rows, NonNull = nonNull, Fixed = bytes };
                }
                default:
                {
                    var buffer = new ByteArrayBuffer(nonNull, 256);
                    Span<byte> tmp = stackalloc byte[16];
                    for (var i = 0; i < rows; i++)
                    {
                        if (levels[i] == 0)
                        {
                            continue;
                        }

                        switch (column)
                        {
                            case VariableBinaryColumn c:
                                buffer.Append(c.GetBytes(i));
                                break;
                            case PrimitiveColumn<Half> c:
                                BinaryPrimitives.WriteHalfLittleEndian(tmp, c[i]);
                                buffer.Append(tmp[..2]);
                                break;
                            case DecimalColumn c:
                                BinaryPrimitives.WriteInt128BigEndian(tmp, c.GetUnscaled(i));
                                buffer.Append(tmp[(16 - element.TypeLength!.Value)..]);
                                break;
                            default:
                                throw new NotSupportedException($"Cannot write column of {column.GetType().Name} as Parquet {physical}.");
                        }
                    }

                    return new PhysicalData { Type = physical, Logical = type, Levels = levels, Rows = rows, NonNull = nonNull, Bytes = buffer };
                }
            }
        }

        /// <summary>Copies the valid values, converted by two's complement truncation (unsigned reinterpret as signed).</summary>
        private static void Compact<TSource, TTarget>(ReadOnlySpan<TSource> values, int[] levels, Span<TTarget> dst)
            where TSource : unmanaged, IBinaryInteger<TSource>
            where TTarget : unmanaged, IBinaryInteger<TTarget>
        {
            if (dst.Length == values.Length)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    dst[i] = TTarget.CreateTruncating(values[i]);
                }

                return;
            }

            for (int i = 0, j = 0; i < values.Length; i++)
            {
                if (levels[i] != 0)
                {
                    dst[j++] = TTarget.CreateTruncating(values[i]);
                }
            }
        }
    }

    /// <summary>A dictionary of the distinct non-null values with one index per value.</summary>
    private sealed class DictionaryBuilder
    {
        public required GrowableBuffer Values { get; init; }
        public required int[] Indices { get; init; }
        public int Count { get; init; }

        public static DictionaryBuilder? TryBuild(PhysicalData data, ParquetWriterOptions options)
        {
            if (data.Type == PhysicalType.Boolean || data.NonNull == 0)
            {
                return null;
            }

            var indices = new int[data.NonNull];
            var values = new GrowableBuffer(1024);
            if (data.Bytes is null)
            {
                var map = new Dictionary<long, int>();
                for (var i = 0; i < data.NonNull; i++)
                {
                    var v = data.FixedValue(i);
                    long key = data.Width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(v) : BinaryPrimitives.ReadInt64LittleEndian(v);
                    if (!map.TryGetValue(key, out var index))
                    {
                        index = map.Count;
                        if (index >= options.MaxDictionaryEntries || values.Length + v.Length > options.MaxDictionaryBytes)
                        {
                            return null;
                        }

                        map.Add(key, index);
                        values.Write(v);
                    }

                    indices[i] = index;
                    if (HopelessAt(i, map.Count, data.NonNull, options))
                    {
                        return null;
                    }
                }

                return new DictionaryBuilder { Values = values, Indices = indices, Count = map.Count };
            }

            // Byte arrays: open addressing over entry ids, comparing bytes.
            var bytes = data.Bytes;
            var entries = new ByteArrayBuffer(256, 4096);
            var capacity = 1024;
            var slots = new int[capacity];
            var hashes = new List<int>();
            for (var i = 0; i < data.NonNull; i++)
            {
                var v = bytes[i];
                var h = Hash(v);
                var mask = capacity - 1;
                var s = h & mask;
                int index;
                while (true)
                {
                    var e = slots[s] - 1;
                    if (e < 0)
                    {
                        index = entries.Count;
                        if (index >= options.MaxDictionaryEntries || values.Length + v.Length + 4 > options.MaxDictionaryBytes)
                        {
                            return null;
                        }

                        entries.Append(v);
                        hashes.Add(h);
                        slots[s] = index + 1;
                        if (data.Type == PhysicalType.ByteArray)
                        {
                            PlainEncoding.EncodeByteArray(v, values);
                        }
                        else
                        {
                            values.Write(v);
                        }

                        if (entries.Count * 2 > capacity)
                        {
                            capacity *= 2;
                            slots = Rehash(hashes, capacity);
                        }

                        break;
                    }

                    if (hashes[e] == h && entries[e].SequenceEqual(v))
                    {
                        index = e;
                        break;
                    }

                    s = (s + 1) & mask;
                }

                indices[i] = index;
                if (HopelessAt(i, entries.Count, data.NonNull, options))
                {
                    return null;
                }
            }

            return new DictionaryBuilder { Values = values, Indices = indices, Count = entries.Count };
        }

        /// <summary>
        /// At checkpoints, gives up early when nearly every value so far was new and the projected dictionary would
        /// exceed the entry limit anyway, so high-cardinality columns do not pay for a dictionary they cannot use.
        /// </summary>
        private static bool HopelessAt(int i, int distinct, int total, ParquetWriterOptions options)
        {
            const int Checkpoint = 4096;
            var seen = i + 1;
            if (seen % Checkpoint != 0)
            {
                return false;
            }

            return distinct > seen * 0.9 && (long)distinct * total / seen > options.MaxDictionaryEntries;
        }

        private static int Hash(ReadOnlySpan<byte> v)
        {
            var h = new HashCode();
            h.AddBytes(v);
            return h.ToHashCode() & int.MaxValue;
        }

        private static int[] Rehash(List<int> hashes, int capacity)
        {
            var slots = new int[capacity];
            for (var e = 0; e < hashes.Count; e++)
            {
                var s = hashes[e] & (capacity - 1);
                while (slots[s] != 0)
                {
                    s = (s + 1) & (capacity - 1);
                }

                slots[s] = e + 1;
            }

            return slots;
        }
    }

    /// <summary>Column chunk statistics: null count and min/max by the column's sort order.</summary>
    private static class StatisticsBuilder
    {
        public static Statistics Build(PhysicalData data, DataType logical)
        {
            var stats = new Statistics { NullCount = data.Rows - data.NonNull };
            if (data.NonNull == 0 || logical.Kind == TypeKind.Null)
            {
                return stats;
            }

            var (min, max) = MinMax(data, logical);
            if (min < 0)
            {
                return stats; // all NaN: no bounds may be written
            }

            var minBytes = ValueBytes(data, min);
            var maxBytes = ValueBytes(data, max);
            if (minBytes.Length > MaxStatisticsBytes || maxBytes.Length > MaxStatisticsBytes)
            {
                return stats;
            }

            FixZeros(logical, minBytes, maxBytes);
            stats.MinValue = minBytes;
            stats.MaxValue = maxBytes;
            stats.IsMinValueExact = true;
            stats.IsMaxValueExact = true;
            return stats;
        }

        private static (int Min, int Max) MinMax(PhysicalData data, DataType logical)
        {
            var f = data.Fixed.AsSpan();
            return logical.Kind switch
            {
                TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32 => MinMaxOf(MemoryMarshal.Cast<byte, uint>(f)),
                TypeKind.UInt64 => MinMaxOf(MemoryMarshal.Cast<byte, ulong>(f)),
                TypeKind.Float32 => MinMaxOf(MemoryMarshal.Cast<byte, float>(f)),
                TypeKind.Float64 => MinMaxOf(MemoryMarshal.Cast<byte, double>(f)),
                _ when data.Type == PhysicalType.Int32 => MinMaxOf(MemoryMarshal.Cast<byte, int>(f)),
                _ when data.Type == PhysicalType.Int64 => MinMaxOf(MemoryMarshal.Cast<byte, long>(f)),
                _ => MinMaxByComparison(data, logical),
            };
        }

        /// <summary>Indices of the smallest and largest values, NaN skipped (-1 when all are NaN).</summary>
        private static (int Min, int Max) MinMaxOf<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
        {
            int min = -1, max = -1;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (T.IsNaN(v))
                {
                    continue;
                }

                if (min < 0)
                {
                    min = max = i;
                }
                else if (v < values[min])
                {
                    min = i;
                }
                else if (v > values[max])
                {
                    max = i;
                }
            }

            return (min, max);
        }

        private static (int Min, int Max) MinMaxByComparison(PhysicalData data, DataType logical)
        {
            int min = -1, max = -1;
            for (var i = 0; i < data.NonNull; i++)
            {
                if (IsNaN(data, logical, i))
                {
                    continue;
                }

                if (min < 0)
                {
                    min = max = i;
                    continue;
                }

                if (Compare(data, logical, i, min) < 0)
                {
                    min = i;
                }
                else if (Compare(data, logical, i, max) > 0)
                {
                    max = i;
                }
            }

            return (min, max);
        }

        private static byte[] ValueBytes(PhysicalData data, int i) => data.Type switch
        {
            PhysicalType.Boolean => [data.Bools[i] ? (byte)1 : (byte)0],
            PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => data.Bytes![i].ToArray(),
            _ => data.FixedValue(i).ToArray(),
        };

        /// <summary>Per the spec a zero min is written as -0 and a zero max as +0.</summary>
        private static void FixZeros(DataType logical, byte[] min, byte[] max)
        {
            if (logical.Kind == TypeKind.Float32)
            {
                if (BitConverter.ToSingle(min) == 0) BitConverter.TryWriteBytes(min, -0.0f);
                if (BitConverter.ToSingle(max) == 0) BitConverter.TryWriteBytes(max, 0.0f);
            }
            else if (logical.Kind == TypeKind.Float64)
            {
                if (BitConverter.ToDouble(min) == 0) BitConverter.TryWriteBytes(min, -0.0);
                if (BitConverter.ToDouble(max) == 0) BitConverter.TryWriteBytes(max, 0.0);
            }
        }

        private static bool IsNaN(PhysicalData data, DataType logical, int i) => logical.Kind switch
        {
            TypeKind.Float32 => float.IsNaN(BitConverter.ToSingle(data.FixedValue(i))),
            TypeKind.Float64 => double.IsNaN(BitConverter.ToDouble(data.FixedValue(i))),
            TypeKind.Float16 => Half.IsNaN(BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![i])),
            _ => false,
        };

        private static int Compare(PhysicalData data, DataType logical, int a, int b)
        {
            switch (logical.Kind)
            {
                case TypeKind.Bool:
                    return data.Bools[a].CompareTo(data.Bools[b]);
                case TypeKind.UInt8 or TypeKind.UInt16 or TypeKind.UInt32:
                    return BinaryPrimitives.ReadUInt32LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadUInt32LittleEndian(data.FixedValue(b)));
                case TypeKind.UInt64:
                    return BinaryPrimitives.ReadUInt64LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadUInt64LittleEndian(data.FixedValue(b)));
                case TypeKind.Float32:
                    return BitConverter.ToSingle(data.FixedValue(a)).CompareTo(BitConverter.ToSingle(data.FixedValue(b)));
                case TypeKind.Float64:
                    return BitConverter.ToDouble(data.FixedValue(a)).CompareTo(BitConverter.ToDouble(data.FixedValue(b)));
                case TypeKind.Float16:
                    return BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![a]).CompareTo(BinaryPrimitives.ReadHalfLittleEndian(data.Bytes![b]));
                case TypeKind.String or TypeKind.Binary:
                    return data.Bytes![a].SequenceCompareTo(data.Bytes![b]);
                case TypeKind.Decimal when data.Type == PhysicalType.FixedLenByteArray:
                    return CompareSignedBigEndian(data.Bytes![a], data.Bytes![b]);
                default:
                    return data.Width == 4
                        ? BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(b)))
                        : BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(b)));
            }
        }

        /// <summary>Orders equal-length big-endian two's complement values: sign first, then bytes unsigned.</summary>
        private static int CompareSignedBigEndian(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            var first = ((sbyte)a[0]).CompareTo((sbyte)b[0]);
            return first != 0 ? first : a[1..].SequenceCompareTo(b[1..]);
        }
    }
}
