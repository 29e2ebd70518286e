using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// A column in Parquet physical form: definition levels per entry (rows for flat columns), repetition levels for
/// nested leaves, plus dense non-null values.
/// </summary>
internal sealed class PhysicalColumnData
{
    public required PhysicalType Type { get; init; }
    public required DataType Logical { get; init; }
    public int Width { get; init; }
    /// <summary>Definition levels, one per entry.</summary>
    public required int[] Levels { get; set; }

    /// <summary>Repetition levels of a nested leaf (null: every entry starts a row).</summary>
    public int[]? RepLevels { get; set; }

    /// <summary>Maximum definition level (a value is present at this level).</summary>
    public int MaxDef { get; set; } = 1;

    /// <summary>Maximum repetition level.</summary>
    public int MaxRep { get; set; }

    /// <summary>Entries (level pairs); equals rows for flat columns.</summary>
    public int Rows { get; set; }
    public int NonNull { get; init; }

    /// <summary>
    /// True when every entry is defined (a flat column without nulls): <see cref="Levels"/> is then empty and every
    /// level is <see cref="MaxDef"/>, so no per-row level array is built.
    /// </summary>
    public bool AllDefined { get; init; }

    private ReadOnlyMemory<byte> _fixed;
    private ReadOnlyMemory<byte>[]? _segments;

    /// <summary>
    /// Dense fixed-width values (little-endian); for columns without nulls a view of the column's own buffer. Data
    /// made of several pieces (<see cref="SegmentCount"/> above 1) is copied into one pooled array on first use here;
    /// the hot paths (dictionary, PLAIN pages, min/max) read the pieces through <see cref="Segment"/> instead.
    /// </summary>
    public ReadOnlyMemory<byte> Fixed
    {
        get
        {
            if (_segments is not null && _fixed.IsEmpty && NonNull > 0)
            {
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(16, NonNull * Width));
                var at = 0;
                foreach (var seg in _segments)
                {
                    seg.Span.CopyTo(rented.AsSpan(at));
                    at += seg.Length;
                }

                _rentedBytes = rented;
                _fixed = rented.AsMemory(0, at);
            }

            return _fixed;
        }

        init => _fixed = value;
    }

    /// <summary>Pieces of <see cref="Fixed"/> in order (1 when the values are one span).</summary>
    public int SegmentCount => _segments?.Length ?? 1;

    /// <summary>Piece <paramref name="k"/> of the fixed-width values (whole values, in order).</summary>
    public ReadOnlySpan<byte> Segment(int k) => _segments is null ? _fixed.Span : _segments[k].Span;
    public bool[] Bools { get; init; } = [];

    private ByteArrayBuffer? _bytes;
    private VariableBinaryColumn[]? _binaryPieces;

    /// <summary>
    /// Byte-array values. Dense binary/string columns are kept as their pieces (<see cref="BinarySegment"/>, read in
    /// place by the dictionary builder) and copied into one pooled buffer only when something reads them here.
    /// </summary>
    public ByteArrayBuffer? Bytes
    {
        get
        {
            if (_bytes is null && _binaryPieces is not null)
            {
                long dataLength = 0;
                foreach (var p in _binaryPieces)
                {
                    var o = p.Offsets;
                    dataLength += o[^1] - o[0];
                }

                if (dataLength > Array.MaxLength)
                {
                    throw new NotSupportedException($"A Parquet column chunk cannot hold more than {Array.MaxLength} bytes of values ({dataLength}).");
                }

                var (bytes, offsets, buffer) = PooledBytes(_binaryPieces, NonNull, (int)dataLength);
                _rentedBytes = bytes;
                _rentedOffsets = offsets;
                _bytes = buffer;
            }

            return _bytes;
        }

        init => _bytes = value;
    }

    /// <summary>Whether the values are byte arrays (<see cref="Bytes"/>), without materialising them.</summary>
    public bool IsBinary => _bytes is not null || _binaryPieces is not null;

    /// <summary>Pieces of the byte-array values (1 when they are one buffer).</summary>
    public int BinarySegmentCount => _binaryPieces?.Length ?? 1;

    /// <summary>Piece <paramref name="k"/> of the byte-array values: offsets (values + 1, not necessarily from 0) into data.</summary>
    public void BinarySegment(int k, out ReadOnlySpan<int> offsets, out ReadOnlySpan<byte> data)
    {
        if (_binaryPieces is not null)
        {
            offsets = _binaryPieces[k].Offsets;
            data = _binaryPieces[k].Data;
        }
        else
        {
            offsets = _bytes!.Offsets;
            data = _bytes.Data;
        }
    }

    /// <summary>The PLAIN size of the values (byte arrays with their 4-byte lengths), without materialising them.</summary>
    public long PlainSize
    {
        get
        {
            if (!IsBinary)
            {
                return (long)NonNull * Math.Max(1, Width);
            }

            long size = 4L * NonNull;
            for (var k = 0; k < BinarySegmentCount; k++)
            {
                BinarySegment(k, out var o, out _);
                size += o[^1] - o[0];
            }

            return size;
        }
    }

    /// <summary>Pooled arrays behind <see cref="Fixed"/> or <see cref="Bytes"/> (returned by <see cref="Release"/>).</summary>
    private byte[]? _rentedBytes;
    private int[]? _rentedOffsets;

    /// <summary>Returns the pooled arrays this data was copied into; the data must not be used afterwards.</summary>
    public void Release()
    {
        if (_rentedBytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_rentedBytes);
            _rentedBytes = null;
        }

        if (_rentedOffsets is not null)
        {
            ArrayPool<int>.Shared.Return(_rentedOffsets);
            _rentedOffsets = null;
        }
    }

    /// <summary>
    /// Physical values of a flat column given as consecutive <paramref name="pieces"/> (the batches of a row group),
    /// without concatenating them into a column first: a single piece is taken as it is, and dense fixed-width or
    /// byte-array pieces are copied once into pooled arrays (see <see cref="Release"/>); other cases concatenate.
    /// </summary>
    public static PhysicalColumnData From(IReadOnlyList<Column> pieces, SchemaElement element)
    {
        long rows = 0;
        var dense = true;
        foreach (var p in pieces)
        {
            rows += p.Length;
            dense &= p.NullCount == 0 && p is not NullColumn;
        }

        var first = pieces[0];
        var type = first.Type;
        var physical = element.Type!.Value;
        if (dense && rows <= int.MaxValue / 8)
        {
            var n = (int)rows;
            var width = physical switch
            {
                PhysicalType.Int32 or PhysicalType.Float when first is PrimitiveColumn<int> or PrimitiveColumn<uint> or PrimitiveColumn<float> => 4,
                PhysicalType.Int64 or PhysicalType.Double when first is PrimitiveColumn<ulong> or PrimitiveColumn<double>
                    || (first is PrimitiveColumn<long> && type is not TimestampType { Unit: TimeUnit.Second }) => 8,
                _ => 0,
            };
            if (width != 0 && pieces.Count == 1)
            {
                return new PhysicalColumnData
                {
                    Type = physical, Logical = type, Width = width, Levels = [], AllDefined = true, Rows = n, NonNull = n, Fixed = RawValues(first, width),
                };
            }

            if (width != 0)
            {
                // No copy: the pieces are read in place (see Segment); Fixed concatenates only if a path needs it.
                var segments = new ReadOnlyMemory<byte>[pieces.Count];
                for (var k = 0; k < segments.Length; k++)
                {
                    segments[k] = RawValues(pieces[k], width);
                }

                return new PhysicalColumnData
                {
                    Type = physical, Logical = type, Width = width, Levels = [], AllDefined = true, Rows = n, NonNull = n, _segments = segments,
                };
            }

            if (first is VariableBinaryColumn && physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray)
            {
                return new PhysicalColumnData
                {
                    Type = physical, Logical = type, Levels = [], AllDefined = true, Rows = n, NonNull = n,
                    _binaryPieces = [.. pieces.Cast<VariableBinaryColumn>()],
                };
            }
        }

        // The general path (nulls, conversions); also taken by single pieces that the cases above do not cover.
        return From(pieces.Count == 1 ? pieces[0] : Column.Concat(pieces), element);
    }

    /// <summary>The values of a dense fixed-width column piece as little-endian bytes.</summary>
    private static ReadOnlyMemory<byte> RawValues(Column column, int width) => column switch
    {
        PrimitiveColumn<int> c => ValuesMemory(c.ValuesBuffer, c, width),
        PrimitiveColumn<uint> c => ValuesMemory(c.ValuesBuffer, c, width),
        PrimitiveColumn<float> c => ValuesMemory(c.ValuesBuffer, c, width),
        PrimitiveColumn<long> c => ValuesMemory(c.ValuesBuffer, c, width),
        PrimitiveColumn<ulong> c => ValuesMemory(c.ValuesBuffer, c, width),
        PrimitiveColumn<double> c => ValuesMemory(c.ValuesBuffer, c, width),
        _ => throw new NotSupportedException($"Cannot write column of {column.GetType().Name} as {width}-byte Parquet values."),
    };

    /// <summary>Byte-array values of dense pieces copied into pooled offsets (rebased to 0) and data arrays (returned by <see cref="Release"/>).</summary>
    private static (byte[] Data, int[] Offsets, ByteArrayBuffer Buffer) PooledBytes(IEnumerable<VariableBinaryColumn> pieces, int rows, int dataLength)
    {
        var offsets = ArrayPool<int>.Shared.Rent(rows + 1);
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(16, dataLength));
        var at = 0;
        var count = 0;
        offsets[0] = 0;
        foreach (var p in pieces)
        {
            var o = p.Offsets;
            var start = o[0];
            var end = o[^1];
            p.Data[start..end].CopyTo(data.AsSpan(at));
            var shift = at - start;
            var dst = offsets.AsSpan(count + 1, o.Length - 1);
            var src = o[1..];
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = src[i] + shift;
            }

            at += end - start;
            count += o.Length - 1;
        }

        return (data, offsets, ByteArrayBuffer.Wrap(offsets, data, rows));
    }

    public void Write(ParquetEncoding encoding, int start, int count, GrowableBuffer output)
    {
        switch (encoding)
        {
            case ParquetEncoding.DeltaBinaryPacked when Width == 4:
                DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<byte, int>(Fixed.Span.Slice(start * 4, count * 4)), output);
                return;
            case ParquetEncoding.DeltaBinaryPacked:
                DeltaBinaryPackedEncoder.Encode(MemoryMarshal.Cast<byte, long>(Fixed.Span.Slice(start * 8, count * 8)), output);
                return;
            case ParquetEncoding.ByteStreamSplit when !IsBinary:
                ByteStreamSplit.Encode(Fixed.Span.Slice(start * Width, count * Width), Width, output);
                return;
            case ParquetEncoding.ByteStreamSplit:
            {
                var width = count == 0 ? 1 : Bytes![start].Length;
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
                if (_segments is null || !_fixed.IsEmpty)
                {
                    output.Write(Fixed.Span.Slice(start * Width, count * Width));
                    break;
                }

                // Values [start, start + count) across the pieces.
                var skip = (long)start * Width;
                var left = (long)count * Width;
                foreach (var seg in _segments)
                {
                    if (left == 0)
                    {
                        break;
                    }

                    if (skip >= seg.Length)
                    {
                        skip -= seg.Length;
                        continue;
                    }

                    var take = (int)Math.Min(left, seg.Length - skip);
                    output.Write(seg.Span.Slice((int)skip, take));
                    left -= take;
                    skip = 0;
                }

                break;
        }
    }

    public ReadOnlySpan<byte> FixedValue(int i)
    {
        if (_segments is null || !_fixed.IsEmpty)
        {
            return Fixed.Span.Slice(i * Width, Width);
        }

        var at = (long)i * Width;
        foreach (var seg in _segments)
        {
            if (at < seg.Length)
            {
                return seg.Span.Slice((int)at, Width);
            }

            at -= seg.Length;
        }

        throw new ArgumentOutOfRangeException(nameof(i));
    }

    /// <summary>
    /// Physical values of <paramref name="column"/>; with <paramref name="mask"/> (1 = write this slot's value) only
    /// the masked slots are taken, and <see cref="Levels"/> is the mask (the caller then sets the real levels).
    /// </summary>
    public static PhysicalColumnData From(Column column, SchemaElement element, int[]? mask = null)
    {
        var rows = column.Length;
        var nonNull = 0;
        int[] levels;
        var allDefined = false;
        if (mask is not null)
        {
            levels = mask;
            foreach (var m in mask)
            {
                nonNull += m;
            }
        }
        else if (column is NullColumn)
        {
            levels = new int[rows];
        }
        else if (column.NullCount == 0)
        {
            levels = [];
            nonNull = rows;
            allDefined = true;
        }
        else
        {
            levels = new int[rows];
            var validity = column.ValidityBuffer.Span;
            var offset = column.Offset;
            for (var i = 0; i < rows; i++)
            {
                var valid = validity.IsEmpty || BitUtility.GetBit(validity, offset + i) ? 1 : 0;
                levels[i] = valid;
                nonNull += valid;
            }
        }

        var dense = nonNull == rows; // every slot's value is written: values can be taken as they are
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
                    if (dense || levels[i] != 0)
                    {
                        bools[j++] = b.GetBoolean(i);
                    }
                }

                return new PhysicalColumnData { Type = physical, Logical = type, Levels = levels, AllDefined = allDefined, Rows = rows, NonNull = nonNull, Bools = bools };
            }
            case PhysicalType.Int32:
            case PhysicalType.Float:
            {
                ReadOnlyMemory<byte> fixedBytes;
                switch (column)
                {
                    case PrimitiveColumn<int> c when dense: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 4); break;
                    case PrimitiveColumn<uint> c when dense: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 4); break;
                    case PrimitiveColumn<float> c when dense: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 4); break;
                    default:
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

                        fixedBytes = bytes;
                        break;
                    }
                }

                return new PhysicalColumnData { Type = physical, Logical = type, Width = 4, Levels = levels, AllDefined = allDefined, Rows = rows, NonNull = nonNull, Fixed = fixedBytes };
            }
            case PhysicalType.Int64:
            case PhysicalType.Double:
            {
                ReadOnlyMemory<byte> fixedBytes;
                var seconds = type is TimestampType { Unit: TimeUnit.Second };
                switch (column)
                {
                    case PrimitiveColumn<long> c when dense && !seconds: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 8); break;
                    case PrimitiveColumn<ulong> c when dense: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 8); break;
                    case PrimitiveColumn<double> c when dense: fixedBytes = ValuesMemory(c.ValuesBuffer, c, 8); break;
                    default:
                    {
                        var bytes = new byte[nonNull * 8];
                        var dst = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
                        switch (column)
                        {
                            case PrimitiveColumn<long> c:
                                Compact<long, long>(c.Values, levels, dst);
                                if (seconds)
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

                        fixedBytes = bytes;
                        break;
                    }
                }

                return new PhysicalColumnData { Type = physical, Logical = type, Width = 8, Levels = levels, AllDefined = allDefined, Rows = rows, NonNull = nonNull, Fixed = fixedBytes };
            }
            default:
            {
                if (column is VariableBinaryColumn vb && dense)
                {
                    if (allDefined)
                    {
                        return new PhysicalColumnData
                        {
                            Type = physical, Logical = type, Levels = [], AllDefined = true, Rows = rows, NonNull = rows, _binaryPieces = [vb],
                        };
                    }

                    return new PhysicalColumnData
                    {
                        Type = physical, Logical = type, Levels = levels, AllDefined = allDefined, Rows = rows, NonNull = nonNull,
                        Bytes = ByteArrayBuffer.FromOffsets(vb.Offsets, vb.Data),
                    };
                }

                var buffer = new ByteArrayBuffer(nonNull, 256);
                Span<byte> tmp = stackalloc byte[16];
                for (var i = 0; i < rows; i++)
                {
                    if (!dense && levels[i] == 0)
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

                return new PhysicalColumnData { Type = physical, Logical = type, Levels = levels, AllDefined = allDefined, Rows = rows, NonNull = nonNull, Bytes = buffer };
            }
        }
    }

    /// <summary>The column's values as bytes, without copying (the column is immutable).</summary>
    private static ReadOnlyMemory<byte> ValuesMemory(ArrowBuffer values, Column column, int width) =>
        values.Memory.Slice(column.Offset * width, column.Length * width); // not generic: precompiled, no JIT at run time

    /// <summary>Copies the valid values, converted by two's complement truncation (unsigned reinterpret as signed).</summary>
    private static void Compact<TSource, TTarget>(ReadOnlySpan<TSource> values, int[] levels, Span<TTarget> dst)
        where TSource : unmanaged, IBinaryInteger<TSource>
        where TTarget : unmanaged, IBinaryInteger<TTarget>
    {
        if (dst.Length == values.Length) // every value written (levels may then be empty)
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
