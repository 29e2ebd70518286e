using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Compression;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Thrift;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Decodes the pages of one flat column chunk (dictionary page, v1 and v2 data pages) into physical values plus a
/// validity bitmap, then builds the Fugue column. Values are decoded densely into the tail of the output and
/// spread in place over the null slots, so no per-value scratch is needed for fixed-width types.
/// </summary>
internal sealed class ColumnChunkReader
{
    /// <summary>Pages larger than this (uncompressed) are rejected as corrupt rather than allocated.</summary>
    private const int MaxPageSize = 1 << 30;

    private readonly SchemaElement _leaf;
    private readonly PhysicalType _physical;
    private readonly int _typeLength;
    private readonly int _maxDef;
    private readonly CompressionCodec _codec;
    private readonly string? _file;
    private readonly int _width; // bytes per fixed-width physical value, 0 for byte arrays and booleans

    private Memory<byte> _fixed = Memory<byte>.Empty;

    /// <summary>Bytes of head room before <see cref="_fixed"/> in bulk loads (the longest level section decompressed in place).</summary>
    private const int InPlaceHead = 64;

    private Memory<byte> _fixedWithHead = Memory<byte>.Empty; // _fixed plus its head room, when it has one

    private static long s_inPlacePages;

    /// <summary>Pages decompressed in place so far in this process (lets tests see that the path is taken).</summary>
    internal static long InPlacePages => Interlocked.Read(ref s_inPlacePages);
    private bool[] _bools = [];
    private ByteArrayBuffer? _bytes;
    private byte[] _validity = [];
    private int _count;
    private int _nullCount;
    private long _entries;

    // Nested leaves: the repetition/definition level of every entry, kept for NestedColumnAssembler.
    private readonly ParquetSchemaNode? _node;
    private readonly int _maxRep;
    private int[] _repLevels = [];
    private int[] _defLevels = [];

    // Bulk loads: output buffers come from the arena; with huge pages, byte-array values are decoded into a
    // per-thread scratch buffer (reused, so its pages are already mapped) and copied into the arena once the chunk
    // is complete.
    private readonly ColumnBufferArena? _arena;
    private byte[]? _rentedValidity;

    [ThreadStatic]
    private static ByteArrayBuffer? t_scratchBytes;

    private byte[]? _dictFixed;
    private ByteArrayBuffer? _dictBytes;
    private bool[]? _dictBools;
    private int _dictCount = -1;

    /// <summary>A reader for a nested leaf: levels are decoded with the node's maxima and kept for assembly.</summary>
    public ColumnChunkReader(ParquetSchemaNode node, CompressionCodec codec, string? file)
        : this(node.Element!, codec, file)
    {
        _node = node;
        _maxDef = node.DefLevel;
        _maxRep = node.MaxRep;
    }

    public ColumnChunkReader(SchemaElement leaf, CompressionCodec codec, string? file, ColumnBufferArena? arena = null)
    {
        _arena = arena;
        _leaf = leaf;
        _physical = leaf.Type ?? throw new ParquetFormatException($"Leaf column '{leaf.Name}' has no physical type", file, -1);
        _typeLength = leaf.TypeLength ?? 0;
        _maxDef = leaf.RepetitionType == FieldRepetitionType.Optional ? 1 : 0;
        _codec = codec;
        _file = file;
        _width = _physical switch
        {
            PhysicalType.Int32 or PhysicalType.Float => 4,
            PhysicalType.Int64 or PhysicalType.Double => 8,
            PhysicalType.Int96 => 12,
            _ => 0,
        };
        if (_physical == PhysicalType.FixedLenByteArray && _typeLength <= 0)
        {
            throw new ParquetFormatException($"FIXED_LEN_BYTE_ARRAY column '{leaf.Name}' has invalid type_length {_typeLength}", file, -1);
        }

        if (_physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray)
        {
            if (arena is not null && ColumnBufferArena.UsesHugePages && t_scratchBytes is { } scratch)
            {
                t_scratchBytes = null;
                scratch.Clear();
                _bytes = scratch;
            }
            else
            {
                _bytes = new ByteArrayBuffer();
            }
        }
    }

    /// <summary>Decodes all pages of the chunk in <paramref name="chunk"/> (which starts at file offset <paramref name="chunkOffset"/>).</summary>
    public void ReadChunk(ReadOnlySpan<byte> chunk, long chunkOffset, long expectedValues)
    {
        Presize(chunk.Length, expectedValues);
        var pos = 0;
        while (_entries < expectedValues)
        {
            if (pos >= chunk.Length)
            {
                throw new ParquetFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Column '{_leaf.Name}' chunk ended after {_entries} of {expectedValues} values"), _file, chunkOffset + pos);
            }

            var reader = new ThriftCompactReader(chunk[pos..], _file, chunkOffset + pos);
            var header = PageHeader.Read(ref reader);
            pos += reader.Position;
            var pageOffset = chunkOffset + pos;
            if (header.CompressedPageSize > chunk.Length - pos)
            {
                throw new ParquetFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Column '{_leaf.Name}' page of {header.CompressedPageSize} bytes overruns its column chunk"), _file, pageOffset);
            }

            if (header.UncompressedPageSize > MaxPageSize)
            {
                throw new ParquetFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Column '{_leaf.Name}' page claims {header.UncompressedPageSize} uncompressed bytes (limit {MaxPageSize})"), _file, pageOffset);
            }

            var body = chunk.Slice(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            try
            {
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, body);
                        break;
                    case PageType.DataPage:
                        ReadDataPageV1(header, body, expectedValues);
                        break;
                    case PageType.DataPageV2:
                        ReadDataPageV2(header, body, expectedValues);
                        break;
                    default:
                        break; // index pages carry nothing we need
                }
            }
            catch (ParquetFormatException e) when (e.FilePath is null && e.Offset < 0)
            {
                throw new ParquetFormatException($"{e.Message} (column '{_leaf.Name}', {header.Type} page)", _file, pageOffset, e);
            }
        }
    }

    /// <summary>
    /// Sizes the outputs of a flat chunk for its known value count at once (exact arrays: no regrowth, and the
    /// column can take them without a copy), unless the count is implausible for the chunk's bytes (a corrupt count
    /// must not drive a huge allocation; the outputs then grow as pages are decoded).
    /// </summary>
    private void Presize(int chunkBytes, long expectedValues)
    {
        if (_node is not null || _count != 0 || expectedValues <= 0 || expectedValues > 64L * chunkBytes + (1 << 16)
            || expectedValues * Math.Max(_width, 4) > Array.MaxLength)
        {
            return;
        }

        var n = (int)expectedValues;
        if (_arena is null)
        {
            _validity = new byte[(n + 7) >> 3];
        }
        else
        {
            // Usually all valid (then dropped): a rented bitmap spares fresh pages; copied out only when it has nulls.
            _validity = _rentedValidity = ArrayPool<byte>.Shared.Rent((n + 7) >> 3);
            _validity.AsSpan(0, (n + 7) >> 3).Clear();
        }

        if (_width > 0)
        {
            // every slot is written (values, or zeros for nulls)
            if (_arena is null)
            {
                _fixed = GC.AllocateUninitializedArray<byte>(n * _width);
            }
            else
            {
                // A head room before the values lets a PLAIN page be decompressed in place (its level section lands there).
                _fixedWithHead = _arena.Allocate(InPlaceHead + n * _width);
                _fixed = _fixedWithHead[InPlaceHead..];
            }
        }
        else
        {
            _bytes?.ReserveValues(n);
        }
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body)
    {
        var h = header.DictionaryPageHeader!;
        if (h.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new ParquetFormatException($"Dictionary page encoding {h.Encoding} is not PLAIN");
        }

        if (_dictCount >= 0)
        {
            throw new ParquetFormatException("Column chunk has more than one dictionary page");
        }

        var rented = Decompress(body, header.UncompressedPageSize, out var data);
        try
        {
            var n = h.NumValues;
            if (_width > 0)
            {
                if ((long)n * _width > data.Length)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Dictionary of {n} values needs {(long)n * _width} bytes, page has {data.Length}"));
                }

                _dictFixed = data[..(n * _width)].ToArray();
            }
            else if (_physical == PhysicalType.Boolean)
            {
                _dictBools = new bool[Math.Min(n, data.Length * 8)];
                PlainEncoding.DecodeBooleans(data, _dictBools.AsSpan(0, n));
            }
            else
            {
                _dictBytes = new ByteArrayBuffer(Math.Min(n, data.Length / 4 + 1), data.Length);
                if (_physical == PhysicalType.ByteArray)
                {
                    PlainEncoding.DecodeByteArrays(data, n, _dictBytes);
                }
                else
                {
                    PlainEncoding.DecodeFixedLenByteArrays(data, n, _typeLength, _dictBytes);
                }
            }

            _dictCount = n;
        }
        finally
        {
            Return(rented);
        }
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body, long expectedValues)
    {
        var h = header.DataPageHeader!;
        var n = CheckPageValues(h.NumValues, expectedValues);
        if (_node is not null)
        {
            var nestedRented = Decompress(body, header.UncompressedPageSize, out var nestedData);
            try
            {
                var p = 0;
                ReadOnlySpan<byte> repData = default, defData = default;
                if (_maxRep > 0)
                {
                    RequireRle(h.RepetitionLevelEncoding, "repetition");
                    p += RleBitPackedHybrid.SplitLengthPrefixed(nestedData, out repData);
                }

                if (_maxDef > 0)
                {
                    RequireRle(h.DefinitionLevelEncoding, "definition");
                    p += RleBitPackedHybrid.SplitLengthPrefixed(nestedData[p..], out defData);
                }

                DecodeNested(h.Encoding, repData, defData, nestedData[p..], n, -1);
            }
            finally
            {
                Return(nestedRented);
            }

            return;
        }

        Span<byte> saved = stackalloc byte[InPlaceHead];
        byte[]? rented = null;
        if (!TryDecompressInPlace(header, h, body, saved, out var data, out var savedLength))
        {
            rented = Decompress(body, header.UncompressedPageSize, out data);
            savedLength = -1;
        }

        var levels = _maxDef > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(n, 1)) : null;
        try
        {
            var pos = 0;
            var nonNull = n;
            if (levels is not null)
            {
                if (h.DefinitionLevelEncoding == ParquetEncoding.Rle)
                {
                    pos += RleBitPackedHybrid.SplitLengthPrefixed(data, out var payload);
                    if (IsAllValid(payload, n))
                    {
                        goto Values; // one run of level 1: every value is present, no levels to expand or count
                    }

                    RleBitPackedHybrid.Decode(payload, 1, levels.AsSpan(0, n));
                }
                else if (h.DefinitionLevelEncoding == ParquetEncoding.BitPacked)
                {
                    // Deprecated MSB-first packing; with max level 1 each level is one bit.
                    var bytes = (n + 7) / 8;
                    if (bytes > data.Length)
                    {
                        throw new ParquetFormatException("BIT_PACKED definition levels are truncated");
                    }

                    for (var i = 0; i < n; i++)
                    {
                        levels[i] = (data[i >> 3] >> (7 - (i & 7))) & 1;
                    }

                    pos += bytes;
                }
                else
                {
                    throw new ParquetFormatException($"Unsupported definition level encoding {h.DefinitionLevelEncoding}");
                }

                nonNull = CountValid(levels.AsSpan(0, n));
            }

        Values:
            if (savedLength >= 0)
            {
                // The levels are read: give the bytes before the values (head room or earlier values) back.
                saved[..savedLength].CopyTo(_fixedWithHead.Span.Slice(InPlaceHead + _count * _width - savedLength));
            }

            DecodeValues(h.Encoding, data[pos..], n, nonNull, levels is null || nonNull == n ? default : levels.AsSpan(0, n));
            _entries += n;
        }
        finally
        {
            Return(rented);
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, long expectedValues)
    {
        var h = header.DataPageHeaderV2!;
        var n = CheckPageValues(h.NumValues, expectedValues);
        var levelBytes = (long)h.RepetitionLevelsByteLength + h.DefinitionLevelsByteLength;
        if (levelBytes > body.Length || levelBytes > header.UncompressedPageSize)
        {
            throw new ParquetFormatException("v2 page level lengths exceed the page size");
        }

        var defData = body.Slice(h.RepetitionLevelsByteLength, h.DefinitionLevelsByteLength);
        var valuesBody = body[(int)levelBytes..];
        if (_node is not null)
        {
            byte[]? nestedRented = null;
            try
            {
                ReadOnlySpan<byte> values = valuesBody;
                if (h.IsCompressed && _codec != CompressionCodec.Uncompressed)
                {
                    nestedRented = Decompress(valuesBody, header.UncompressedPageSize - (int)levelBytes, out values);
                }

                DecodeNested(h.Encoding, body[..h.RepetitionLevelsByteLength], defData, values, n, h.NumNulls);
            }
            finally
            {
                Return(nestedRented);
            }

            return;
        }

        var levels = _maxDef > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(n, 1)) : null;
        byte[]? rented = null;
        try
        {
            var nonNull = n;
            if (levels is not null)
            {
                if ((defData.IsEmpty && h.NumNulls == 0) || IsAllValid(defData, n))
                {
                    // One run of level 1 (or, tolerated, all-valid levels omitted): every value is present.
                }
                else
                {
                    RleBitPackedHybrid.Decode(defData, 1, levels.AsSpan(0, n));
                    nonNull = CountValid(levels.AsSpan(0, n));
                }
            }

            if (nonNull != n - h.NumNulls)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"v2 page says {h.NumNulls} nulls, definition levels give {n - nonNull}"));
            }

            ReadOnlySpan<byte> data;
            if (h.IsCompressed && _codec != CompressionCodec.Uncompressed)
            {
                rented = Decompress(valuesBody, header.UncompressedPageSize - (int)levelBytes, out data);
            }
            else
            {
                data = valuesBody;
            }

            DecodeValues(h.Encoding, data, n, nonNull, levels is null || nonNull == n ? default : levels.AsSpan(0, n));
            _entries += n;
        }
        finally
        {
            Return(rented);
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    /// <summary>
    /// Decompresses a PLAIN fixed-width v1 page of a bulk load straight into the column: placed so that its values
    /// land in their slots and its level section just before them (in the head room or over earlier values, which
    /// are saved in <paramref name="saved"/> and put back once the levels are read). False (nothing done) unless the
    /// page is Snappy, its level section is short and learnt from the first literal, and everything fits.
    /// </summary>
    private bool TryDecompressInPlace(PageHeader header, DataPageHeader h, ReadOnlySpan<byte> body, Span<byte> saved, out ReadOnlySpan<byte> data, out int savedLength)
    {
        data = default;
        savedLength = 0;
        if (_fixedWithHead.IsEmpty || _codec != CompressionCodec.Snappy || h.Encoding != ParquetEncoding.Plain || _width == 0
            || (_maxDef > 0 && h.DefinitionLevelEncoding != ParquetEncoding.Rle))
        {
            return false;
        }

        var size = header.UncompressedPageSize;
        var head = 0;
        if (_maxDef > 0)
        {
            Span<byte> prefix = stackalloc byte[4];
            if (!SnappyCodec.TryReadPrefix(body, prefix))
            {
                return false;
            }

            var levelBytes = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (levelBytes < 0 || levelBytes > saved.Length - 4)
            {
                return false;
            }

            head = 4 + levelBytes;
        }

        var at = InPlaceHead + (long)_count * _width - head;
        if (head > saved.Length || size < head || at < 0 || at + size > _fixedWithHead.Length
            || size > MaxExpansion(_codec) * body.Length + (64L << 10))
        {
            return false;
        }

        var target = _fixedWithHead.Span.Slice((int)at, size);
        target[..head].CopyTo(saved);
        try
        {
            ParquetCompression.Decompress(_codec, body, target);
        }
        catch
        {
            saved[..head].CopyTo(target);
            throw;
        }

        data = target;
        savedLength = head;
        Interlocked.Increment(ref s_inPlacePages);
        return true;
    }

    private static void RequireRle(ParquetEncoding encoding, string what)
    {
        if (encoding != ParquetEncoding.Rle)
        {
            throw new NotSupportedException($"Parquet {what} level encoding {encoding} is not supported for nested columns (only RLE).");
        }
    }

    /// <summary>Repetition levels of the entries read so far (nested leaves).</summary>
    public ReadOnlySpan<int> RepLevels => _repLevels.AsSpan(0, (int)_entries);

    /// <summary>Definition levels of the entries read so far (nested leaves).</summary>
    public ReadOnlySpan<int> DefLevels => _defLevels.AsSpan(0, (int)_entries);

    /// <summary>
    /// Decodes one nested page: keeps all levels, validates them against the schema (so assembly cannot go out of
    /// bounds), and decodes the values of the entries that are leaf slots (definition level at least the slot level).
    /// </summary>
    private void DecodeNested(ParquetEncoding encoding, ReadOnlySpan<byte> repData, ReadOnlySpan<byte> defData, ReadOnlySpan<byte> values, int n, int numNulls)
    {
        var node = _node!;
        var start = (int)_entries;
        var need = start + n;
        if (_defLevels.Length < need)
        {
            var size = (int)Math.Min(Array.MaxLength, Math.Max(need, _defLevels.Length * 2L));
            Array.Resize(ref _defLevels, size);
            Array.Resize(ref _repLevels, size);
        }

        var rep = _repLevels.AsSpan(start, n);
        var def = _defLevels.AsSpan(start, n);
        if (_maxRep > 0)
        {
            RleBitPackedHybrid.Decode(repData, BitPacking.BitWidth((ulong)_maxRep), rep);
        }
        else
        {
            rep.Clear();
        }

        if (_maxDef > 0)
        {
            RleBitPackedHybrid.Decode(defData, BitPacking.BitWidth((ulong)_maxDef), def);
        }
        else
        {
            def.Clear();
        }

        var slotDef = node.SlotDef;
        var repDefs = node.RepeatedDefs;
        var slots = 0;
        var nonNull = 0;
        for (var i = 0; i < n; i++)
        {
            int r = rep[i], d = def[i];
            if ((uint)r > (uint)_maxRep || (uint)d > (uint)_maxDef)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Levels (repetition {r}, definition {d}) exceed the maxima ({_maxRep}, {_maxDef})"));
            }

            if (r > 0 && d < repDefs[r])
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Entry repeats at level {r} but its definition level {d} is below that list's element level {repDefs[r]}"));
            }

            if (d >= slotDef)
            {
                slots++;
            }

            if (d == _maxDef)
            {
                nonNull++;
            }
        }

        if (start == 0 && n > 0 && rep[0] != 0)
        {
            throw new ParquetFormatException("The first entry of a column chunk must start a row (repetition level 0)");
        }

        if (numNulls >= 0 && numNulls != n - nonNull)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"v2 page says {numNulls} nulls, definition levels give {n - nonNull}"));
        }

        var compact = ArrayPool<int>.Shared.Rent(Math.Max(1, slots));
        try
        {
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                var d = def[i];
                if (d >= slotDef)
                {
                    compact[k++] = d == _maxDef ? 1 : 0;
                }
            }

            DecodeValues(encoding, values, slots, nonNull, compact.AsSpan(0, slots));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(compact);
        }

        _entries += n;
    }

    private int CheckPageValues(int n, long expectedValues)
    {
        if (n < 0 || n > expectedValues - _entries)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Page has {n} values but only {expectedValues - _entries} of the chunk's {expectedValues} remain"));
        }

        return n;
    }

    private void DecodeValues(ParquetEncoding encoding, ReadOnlySpan<byte> src, int n, int nonNull, ReadOnlySpan<int> levels)
    {
        CheckMinimumSize(encoding, src.Length, nonNull);
        EnsureCapacity(_count + n);
        var start = _count;
        switch (_physical)
        {
            case PhysicalType.Boolean:
                DecodeBooleans(encoding, src, _bools.AsSpan(start, nonNull));
                Spread(_bools.AsSpan(start, n), nonNull, levels);
                break;
            case PhysicalType.ByteArray:
            case PhysicalType.FixedLenByteArray:
                if (nonNull == n)
                {
                    DecodeBytes(encoding, src, n, _bytes!);
                }
                else
                {
                    var dense = new ByteArrayBuffer(nonNull, 64);
                    DecodeBytes(encoding, src, nonNull, dense);
                    var j = 0;
                    for (var i = 0; i < n; i++)
                    {
                        if (levels[i] != 0)
                        {
                            _bytes!.Append(dense[j++]);
                        }
                        else
                        {
                            _bytes!.AppendEmpty();
                        }
                    }
                }

                break;
            default:
            {
                var slots = _fixed.Span.Slice(start * _width, n * _width);
                DecodeFixed(encoding, src, slots[..(nonNull * _width)], nonNull);
                SpreadFixed(slots, nonNull, levels);
                break;
            }
        }

        if (nonNull == n)
        {
            SetValidRange(start, n);
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                if (levels[i] != 0)
                {
                    _validity[(start + i) >> 3] |= (byte)(1 << ((start + i) & 7));
                }
            }
        }

        _nullCount += n - nonNull;
        _count += n;
    }

    /// <summary>
    /// Rejects pages whose value section cannot hold the claimed values, before any output is grown, for the
    /// encodings whose size is a fixed function of the count (corrupt counts must not drive huge allocations).
    /// </summary>
    private void CheckMinimumSize(ParquetEncoding encoding, int available, int nonNull)
    {
        long need = encoding switch
        {
            ParquetEncoding.Plain or ParquetEncoding.ByteStreamSplit => _physical switch
            {
                PhysicalType.Boolean => ((long)nonNull + 7) / 8,
                PhysicalType.ByteArray => 4L * nonNull,
                PhysicalType.FixedLenByteArray => (long)_typeLength * nonNull,
                _ => (long)_width * nonNull,
            },
            ParquetEncoding.RleDictionary or ParquetEncoding.PlainDictionary => nonNull > 0 ? 2 : 0,
            _ => 0,
        };
        if (need > available)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{encoding} data of {available} bytes cannot hold {nonNull} {_physical} values (needs at least {need})"));
        }
    }

    private void SetValidRange(int start, int count)
    {
        var i = start;
        var end = start + count;
        for (; i < end && (i & 7) != 0; i++)
        {
            _validity[i >> 3] |= (byte)(1 << (i & 7));
        }

        var fullBytes = (end - i) >> 3;
        // A plain loop, not Span.Fill: Fill's vectorized body is not precompiled and would be JIT-compiled mid-load.
        var set = _validity.AsSpan(i >> 3, fullBytes);
        var k = 0;
        for (; k + 8 <= set.Length; k += 8)
        {
            Unsafe.WriteUnaligned(ref set[k], ulong.MaxValue);
        }

        for (; k < set.Length; k++)
        {
            set[k] = 0xFF;
        }

        i += fullBytes * 8;
        for (; i < end; i++)
        {
            _validity[i >> 3] |= (byte)(1 << (i & 7));
        }
    }

    private void DecodeFixed(ParquetEncoding encoding, ReadOnlySpan<byte> src, Span<byte> dst, int count)
    {
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                if ((long)count * _width > src.Length)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"PLAIN data of {src.Length} bytes is too short for {count} values"));
                }

                if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst)))
                {
                    src[..dst.Length].CopyTo(dst); // (a page decompressed in place already holds its values there)
                }
                break;
            case ParquetEncoding.RleDictionary:
            case ParquetEncoding.PlainDictionary:
            {
                var dict = _dictFixed ?? throw new ParquetFormatException("Dictionary-encoded page without a dictionary page");
                var indices = DecodeIndices(src, count);
                try
                {
                    switch (_width)
                    {
                        case 4:
                            Gather(MemoryMarshal.Cast<byte, int>(dict.AsSpan()), indices.AsSpan(0, count), MemoryMarshal.Cast<byte, int>(dst));
                            break;
                        case 8:
                            Gather(MemoryMarshal.Cast<byte, long>(dict.AsSpan()), indices.AsSpan(0, count), MemoryMarshal.Cast<byte, long>(dst));
                            break;
                        default:
                            Gather(MemoryMarshal.Cast<byte, Int96>(dict.AsSpan()), indices.AsSpan(0, count), MemoryMarshal.Cast<byte, Int96>(dst));
                            break;
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(indices);
                }

                break;
            }
            case ParquetEncoding.DeltaBinaryPacked when _physical == PhysicalType.Int32:
                DeltaBinaryPackedDecoder.Decode(src, MemoryMarshal.Cast<byte, int>(dst));
                break;
            case ParquetEncoding.DeltaBinaryPacked when _physical == PhysicalType.Int64:
                DeltaBinaryPackedDecoder.Decode(src, MemoryMarshal.Cast<byte, long>(dst));
                break;
            case ParquetEncoding.ByteStreamSplit when _physical != PhysicalType.Int96:
                ByteStreamSplit.Decode(src, count, _width, dst);
                break;
            default:
                throw new NotSupportedException($"Parquet encoding {encoding} is not supported for {_physical} column '{_leaf.Name}'.");
        }
    }

    private void DecodeBooleans(ParquetEncoding encoding, ReadOnlySpan<byte> src, Span<bool> dst)
    {
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                PlainEncoding.DecodeBooleans(src, dst);
                break;
            case ParquetEncoding.Rle:
            {
                RleBitPackedHybrid.SplitLengthPrefixed(src, out var payload);
                var bits = ArrayPool<int>.Shared.Rent(Math.Max(1, dst.Length));
                try
                {
                    RleBitPackedHybrid.Decode(payload, 1, bits.AsSpan(0, dst.Length));
                    for (var i = 0; i < dst.Length; i++)
                    {
                        dst[i] = bits[i] != 0;
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(bits);
                }

                break;
            }
            case ParquetEncoding.RleDictionary:
            case ParquetEncoding.PlainDictionary:
            {
                var dict = _dictBools ?? throw new ParquetFormatException("Dictionary-encoded page without a dictionary page");
                var indices = DecodeIndices(src, dst.Length);
                try
                {
                    for (var i = 0; i < dst.Length; i++)
                    {
                        dst[i] = dict[indices[i]];
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(indices);
                }

                break;
            }
            default:
                throw new NotSupportedException($"Parquet encoding {encoding} is not supported for BOOLEAN column '{_leaf.Name}'.");
        }
    }

    private void DecodeBytes(ParquetEncoding encoding, ReadOnlySpan<byte> src, int count, ByteArrayBuffer dst)
    {
        var before = dst.Count;
        switch (encoding)
        {
            case ParquetEncoding.Plain when _physical == PhysicalType.ByteArray:
                PlainEncoding.DecodeByteArrays(src, count, dst);
                break;
            case ParquetEncoding.Plain:
                PlainEncoding.DecodeFixedLenByteArrays(src, count, _typeLength, dst);
                break;
            case ParquetEncoding.RleDictionary:
            case ParquetEncoding.PlainDictionary:
            {
                var dict = _dictBytes ?? throw new ParquetFormatException("Dictionary-encoded page without a dictionary page");
                var indices = DecodeIndices(src, count);
                try
                {
                    dst.AppendGather(dict, indices.AsSpan(0, count));
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(indices);
                }

                break;
            }
            case ParquetEncoding.DeltaLengthByteArray when _physical == PhysicalType.ByteArray:
                DeltaLengthByteArray.Decode(src, count, dst);
                break;
            case ParquetEncoding.DeltaByteArray:
                DeltaByteArray.Decode(src, count, dst);
                break;
            case ParquetEncoding.ByteStreamSplit when _physical == PhysicalType.FixedLenByteArray:
            {
                // CheckMinimumSize has already proven count * typeLength <= src.Length.
                var tmp = ArrayPool<byte>.Shared.Rent(Math.Max(1, count * _typeLength));
                try
                {
                    ByteStreamSplit.Decode(src, count, _typeLength, tmp);
                    PlainEncoding.DecodeFixedLenByteArrays(tmp.AsSpan(0, count * _typeLength), count, _typeLength, dst);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(tmp);
                }

                break;
            }
            default:
                throw new NotSupportedException($"Parquet encoding {encoding} is not supported for {_physical} column '{_leaf.Name}'.");
        }

        if (_physical == PhysicalType.FixedLenByteArray)
        {
            var offsets = dst.Offsets;
            for (var i = before; i < dst.Count; i++)
            {
                if (offsets[i + 1] - offsets[i] != _typeLength)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"FIXED_LEN_BYTE_ARRAY value has {offsets[i + 1] - offsets[i]} bytes, expected {_typeLength}"));
                }
            }
        }
    }

    /// <summary>Decodes <paramref name="count"/> dictionary indices (bit width byte, then RLE hybrid) into a rented, validated array.</summary>
    private int[] DecodeIndices(ReadOnlySpan<byte> src, int count)
    {
        var indices = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        if (count == 0)
        {
            return indices;
        }

        try
        {
            if (src.IsEmpty)
            {
                throw new ParquetFormatException("Dictionary index data is empty");
            }

            RleBitPackedHybrid.Decode(src[1..], src[0], indices.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                if ((uint)indices[i] >= (uint)_dictCount)
                {
                    throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Dictionary index {indices[i]} is out of range for {_dictCount} entries"));
                }
            }

            return indices;
        }
        catch
        {
            ArrayPool<int>.Shared.Return(indices);
            throw;
        }
    }

    // One overload per width instead of a generic method: ReadyToRun does not precompile constrained generic
    // instantiations over primitives, so a generic gather ran JIT-compiled at tier 0 in every fresh process.
    private static void Gather(ReadOnlySpan<int> dictionary, ReadOnlySpan<int> indices, Span<int> dst)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            dst[i] = dictionary[indices[i]];
        }
    }

    private static void Gather(ReadOnlySpan<long> dictionary, ReadOnlySpan<int> indices, Span<long> dst)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            dst[i] = dictionary[indices[i]];
        }
    }

    private static void Gather(ReadOnlySpan<Int96> dictionary, ReadOnlySpan<int> indices, Span<Int96> dst)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            dst[i] = dictionary[indices[i]];
        }
    }

    /// <summary>True when RLE/bit-packed definition levels (bit width 1) are one RLE run of 1 covering at least <paramref name="n"/> values.</summary>
    private static bool IsAllValid(ReadOnlySpan<byte> levels, int n)
    {
        ulong header = 0;
        var i = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (i >= levels.Length)
            {
                return false;
            }

            var b = levels[i++];
            header |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (header & 1) == 0 && (header >> 1) >= (ulong)n && i < levels.Length && levels[i] == 1;
            }
        }

        return false;
    }

    private static int CountValid(ReadOnlySpan<int> levels)
    {
        var n = 0;
        foreach (var l in levels)
        {
            if (l > 1)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Definition level {l} exceeds the maximum 1 of a flat column"));
            }

            n += l;
        }

        return n;
    }

    /// <summary>Moves densely decoded values to their slots (from the back, so nothing is overwritten early).</summary>
    private static void Spread<T>(Span<T> slots, int nonNull, ReadOnlySpan<int> levels)
    {
        if (nonNull == slots.Length)
        {
            return;
        }

        var j = nonNull - 1;
        for (var i = slots.Length - 1; i >= 0; i--)
        {
            slots[i] = levels[i] != 0 ? slots[j--] : default!;
        }
    }

    private void SpreadFixed(Span<byte> slots, int nonNull, ReadOnlySpan<int> levels)
    {
        var n = slots.Length / _width;
        if (nonNull == n)
        {
            return;
        }

        var j = nonNull - 1;
        for (var i = n - 1; i >= 0; i--)
        {
            var dst = slots.Slice(i * _width, _width);
            if (levels[i] != 0)
            {
                if (j != i)
                {
                    slots.Slice(j * _width, _width).CopyTo(dst);
                }

                j--;
            }
            else
            {
                dst.Clear();
            }
        }
    }

    private void EnsureCapacity(int count)
    {
        var validityBytes = (count + 7) >> 3;
        if (_validity.Length < validityBytes)
        {
            Array.Resize(ref _validity, Math.Max(validityBytes, _validity.Length * 2));
        }

        if (_width > 0 && _fixed.Length < (long)count * _width)
        {
            var grown = new byte[(int)Math.Min(Array.MaxLength, Math.Max((long)count * _width, _fixed.Length * 2L))];
            _fixed.Span.CopyTo(grown);
            _fixed = grown;
            _fixedWithHead = Memory<byte>.Empty;
        }
        else if (_physical == PhysicalType.Boolean && _bools.Length < count)
        {
            Array.Resize(ref _bools, Math.Max(count, _bools.Length * 2));
        }
    }

    private byte[]? Decompress(ReadOnlySpan<byte> body, int uncompressedSize, out ReadOnlySpan<byte> data)
    {
        if (_codec == CompressionCodec.Uncompressed)
        {
            if (body.Length != uncompressedSize)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Uncompressed page has {body.Length} bytes, header says {uncompressedSize}"));
            }

            data = body;
            return null;
        }

        if (uncompressedSize < 0)
        {
            throw new ParquetFormatException("Negative uncompressed page size");
        }

        // A corrupt header must not drive a huge allocation: no codec expands beyond its format's maximum ratio.
        var limit = MaxExpansion(_codec) * body.Length + (64L << 10);
        if (uncompressedSize > limit)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Page claims {uncompressedSize} uncompressed bytes from {body.Length} {_codec} bytes, more than the codec can expand to ({limit})"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, uncompressedSize));
        try
        {
            ParquetCompression.Decompress(_codec, body, buffer.AsSpan(0, uncompressedSize));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        data = buffer.AsSpan(0, uncompressedSize);
        return buffer;
    }

    /// <summary>An upper bound of the codec's expansion ratio (Snappy copies 3 bytes into 64, DEFLATE 1:1032, ZSTD RLE blocks 4 bytes into 128 KiB).</summary>
    private static long MaxExpansion(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Snappy => 24,
        CompressionCodec.Lz4Raw or CompressionCodec.Lz4 => 256,
        CompressionCodec.Gzip => 1040,
        _ => 1 << 16,
    };

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The decoded values as a column of <paramref name="type"/>.</summary>
    public Column BuildColumn(DataType type)
    {
        var n = _count;
        var validity = TakeValidity(n);
        switch (type.Kind)
        {
            case TypeKind.Null:
                return new NullColumn(n);
            case TypeKind.Bool:
            {
                var bits = new byte[(n + 7) >> 3];
                for (var i = 0; i < n; i++)
                {
                    if (_bools[i])
                    {
                        bits[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }

                return new BooleanColumn(n, bits, validity, _nullCount);
            }
            case TypeKind.Int8:
                return Narrow<sbyte>(type, n, validity, v => (sbyte)v);
            case TypeKind.UInt8:
                return Narrow<byte>(type, n, validity, v => (byte)v);
            case TypeKind.Int16:
                return Narrow<short>(type, n, validity, v => (short)v);
            case TypeKind.UInt16:
                return Narrow<ushort>(type, n, validity, v => (ushort)v);
            case TypeKind.Int32:
                return new PrimitiveColumn<int>(type, n, Exact(_fixed, n * 4), validity, _nullCount);
            case TypeKind.UInt32:
                return new PrimitiveColumn<uint>(type, n, Exact(_fixed, n * 4), validity, _nullCount);
            case TypeKind.Date:
                return new PrimitiveColumn<int>(type, n, Exact(_fixed, n * 4), validity, _nullCount);
            case TypeKind.Int64:
                return new PrimitiveColumn<long>(type, n, Exact(_fixed, n * 8), validity, _nullCount);
            case TypeKind.UInt64:
                return new PrimitiveColumn<ulong>(type, n, Exact(_fixed, n * 8), validity, _nullCount);
            case TypeKind.Float32:
                return new PrimitiveColumn<float>(type, n, Exact(_fixed, n * 4), validity, _nullCount);
            case TypeKind.Float64:
                return new PrimitiveColumn<double>(type, n, Exact(_fixed, n * 8), validity, _nullCount);
            case TypeKind.Timestamp when _physical == PhysicalType.Int96:
            {
                var values = new long[n];
                var src = MemoryMarshal.Cast<byte, Int96>(_fixed.Span[..(n * 12)]);
                for (var i = 0; i < n; i++)
                {
                    values[i] = src[i].ToUnixNanoseconds();
                }

                return new PrimitiveColumn<long>(type, n, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), validity, _nullCount);
            }
            case TypeKind.Timestamp:
                return new PrimitiveColumn<long>(type, n, Exact(_fixed, n * 8), validity, _nullCount);
            case TypeKind.Float16:
            {
                var values = new byte[n * 2];
                for (var i = 0; i < n; i++)
                {
                    var b = _bytes![i];
                    if (b.Length == 2)
                    {
                        b.CopyTo(values.AsSpan(i * 2));
                    }
                }

                return new PrimitiveColumn<Half>(type, n, values, validity, _nullCount);
            }
            case TypeKind.Decimal:
                return new DecimalColumn((DecimalType)type, n, BuildDecimals(n), validity, _nullCount);
            case TypeKind.String:
            {
                var (offsets, data) = TakeByteArrays();
                return new StringColumn(n, offsets, data, validity, _nullCount);
            }
            case TypeKind.Binary:
            {
                var (offsets, data) = TakeByteArrays();
                return new BinaryColumn(n, offsets, data, validity, _nullCount);
            }
            default:
                throw new NotSupportedException($"Reading Parquet column '{_leaf.Name}' as {type} is not supported.");
        }
    }

    /// <summary>The validity bitmap (empty without nulls); a rented bitmap is copied into the arena and returned.</summary>
    private ArrowBuffer TakeValidity(int n)
    {
        var bytes = (n + 7) >> 3;
        ArrowBuffer validity = default;
        if (_nullCount != 0)
        {
            if (_rentedValidity is not null)
            {
                var memory = _arena!.Allocate(bytes);
                _validity.AsSpan(0, bytes).CopyTo(memory.Span);
                validity = new ArrowBuffer(memory);
            }
            else
            {
                validity = Exact(_validity, bytes);
            }
        }

        if (_rentedValidity is not null)
        {
            ArrayPool<byte>.Shared.Return(_rentedValidity);
            _rentedValidity = null;
            _validity = [];
        }

        return validity;
    }

    /// <summary>
    /// The offsets and data of the byte-array values: the buffer's own arrays, or (bulk loads) copies in the arena,
    /// the scratch buffer going back to this thread for the next chunk.
    /// </summary>
    private (ArrowBuffer Offsets, ArrowBuffer Data) TakeByteArrays()
    {
        var bytes = _bytes!;
        if (_arena is null || !ColumnBufferArena.UsesHugePages)
        {
            return (ArrowBuffer.Wrap(bytes.TakeOffsets()), bytes.TakeData());
        }

        var offsets = MemoryMarshal.AsBytes(bytes.Offsets);
        var offsetsMemory = _arena.Allocate(offsets.Length);
        offsets.CopyTo(offsetsMemory.Span);
        var dataMemory = _arena.Allocate(bytes.DataLength);
        bytes.Data.CopyTo(dataMemory.Span);
        _bytes = null;
        t_scratchBytes = bytes;
        return (new ArrowBuffer(offsetsMemory), new ArrowBuffer(dataMemory));
    }

    private byte[] BuildDecimals(int n)
    {
        var result = new byte[n * 16];
        var dst = MemoryMarshal.Cast<byte, Int128>(result.AsSpan());
        switch (_physical)
        {
            case PhysicalType.Int32:
            {
                var src = MemoryMarshal.Cast<byte, int>(_fixed.Span[..(n * 4)]);
                for (var i = 0; i < n; i++)
                {
                    dst[i] = src[i];
                }

                break;
            }
            case PhysicalType.Int64:
            {
                var src = MemoryMarshal.Cast<byte, long>(_fixed.Span[..(n * 8)]);
                for (var i = 0; i < n; i++)
                {
                    dst[i] = src[i];
                }

                break;
            }
            default:
                Span<byte> be = stackalloc byte[16];
                for (var i = 0; i < n; i++)
                {
                    var b = _bytes![i];
                    if (b.Length > 16)
                    {
                        throw new ParquetFormatException($"Decimal value of {b.Length} bytes in column '{_leaf.Name}' exceeds 16 bytes", _file, -1);
                    }

                    if (b.IsEmpty)
                    {
                        continue;
                    }

                    // Big-endian two's complement, sign-extended to 128 bits.
                    be.Fill((b[0] & 0x80) != 0 ? (byte)0xFF : (byte)0);
                    b.CopyTo(be[(16 - b.Length)..]);
                    dst[i] = BinaryPrimitives.ReadInt128BigEndian(be);
                }

                break;
        }

        return result;
    }

    private PrimitiveColumn<T> Narrow<T>(DataType type, int n, ArrowBuffer validity, Func<int, T> convert) where T : unmanaged
    {
        var values = new T[n];
        var src = MemoryMarshal.Cast<byte, int>(_fixed.Span[..(n * 4)]);
        for (var i = 0; i < n; i++)
        {
            values[i] = convert(src[i]);
        }

        return new PrimitiveColumn<T>(type, n, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), validity, _nullCount);
    }

    private static ArrowBuffer Exact(Memory<byte> buffer, int length) =>
        new(buffer.Length == length ? buffer : buffer.Span[..length].ToArray());
}
