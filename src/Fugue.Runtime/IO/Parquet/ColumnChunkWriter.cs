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
                data.WritePlain(valueStart, nonNull, values);
            }

            var encoding = dictionary is not null ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain;
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
            Encoding = dictionary is not null ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain,
            Count = pages,
        });

        var metadata = new ColumnMetaData
        {
            Type = element.Type!.Value,
            Encodings = dictionary is not null
                ? [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary]
                : [ParquetEncoding.Plain, ParquetEncoding.Rle],
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
            for (var i = 0; i < rows; i++)
            {
                if (!column.IsNull(i))
                {
                    levels[i] = 1;
                    nonNull++;
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
                case PhysicalType.Int64:
                case PhysicalType.Float:
                case PhysicalType.Double:
                {
                    var width = physical is PhysicalType.Int32 or PhysicalType.Float ? 4 : 8;
                    var bytes = new byte[nonNull * width];
                    var ints = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
                    var longs = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
                    var j = 0;
                    for (var i = 0; i < rows; i++)
                    {
                        if (levels[i] == 0)
                        {
                            continue;
                        }

                        switch (column)
                        {
                            case PrimitiveColumn<sbyte> c: ints[j] = c[i]; break;
                            case PrimitiveColumn<byte> c: ints[j] = c[i]; break;
                            case PrimitiveColumn<short> c: ints[j] = c[i]; break;
                            case PrimitiveColumn<ushort> c: ints[j] = c[i]; break;
                            case PrimitiveColumn<int> c: ints[j] = c[i]; break;
                            case PrimitiveColumn<uint> c: ints[j] = (int)c[i]; break;
                            case PrimitiveColumn<float> c: ints[j] = BitConverter.SingleToInt32Bits(c[i]); break;
                            case PrimitiveColumn<double> c: longs[j] = BitConverter.DoubleToInt64Bits(c[i]); break;
                            case PrimitiveColumn<ulong> c: longs[j] = (long)c[i]; break;
                            case PrimitiveColumn<long> c when type is TimestampType { Unit: TimeUnit.Second }: longs[j] = checked(c[i] * 1000); break;
                            case PrimitiveColumn<long> c: longs[j] = c[i]; break;
                            case DecimalColumn c when width == 4: ints[j] = (int)c.GetUnscaled(i); break;
                            case DecimalColumn c: longs[j] = (long)c.GetUnscaled(i); break;
                            case NullColumn: break;
                            default: throw new NotSupportedException($"Cannot write column of {column.GetType().Name} as Parquet {physical}.");
                        }

                        j++;
                    }

                    return new PhysicalData { Type = physical, Logical = type, Width = width, Levels = levels, Rows = rows, NonNull = nonNull, Fixed = bytes };
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
            }

            return new DictionaryBuilder { Values = values, Indices = indices, Count = entries.Count };
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

                if (Compare(data, logical, i, max) > 0)
                {
                    max = i;
                }
            }

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
                    return SignedBigEndian(data.Bytes![a]).CompareTo(SignedBigEndian(data.Bytes![b]));
                default:
                    return data.Width == 4
                        ? BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(data.FixedValue(b)))
                        : BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(a)).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(data.FixedValue(b)));
            }
        }

        private static BigInteger SignedBigEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: false, isBigEndian: true);
    }
}
