using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// Where each input row goes when a frame (one or more batches, never concatenated) is laid out group by group, each
/// group sorted by a presort: the map's partitioning. Moving the columns is done cache-friendly in two passes instead
/// of one random gather: a scatter reads the input sequentially and appends each row to its group's region (one write
/// stream per group; groups keep input order), then each group's small region is permuted locally by the presort.
/// Presort keys are laid out by the same scatter first, so the per-group sorts also read contiguous memory. Both
/// passes run on up to <c>parallelism</c> threads (input chunks, then group chunks).
/// </summary>
internal sealed class GroupedLayout
{
    private const int ChunkRows = 1 << 16;

    private readonly RecordBatch[] _sources;
    private readonly int[] _sourceStart;
    private readonly int[] _inv;
    private readonly int[]? _local;
    private readonly int _parallelism;
    private readonly int[] _groupChunks;

    /// <summary>Fixed-width columns (without nulls) already scattered by group, by column index: the presort keys.</summary>
    private readonly Dictionary<int, byte[]>? _scattered;

    /// <summary>The partition key columns: equal within a group, so an integer-like one needs no presort permutation.</summary>
    private readonly int[] _keys;

    private GroupedLayout(RecordBatch[] sources, int[] sourceStart, int[] starts, int groupCount, int[] inv, int[]? local, int parallelism, Dictionary<int, byte[]>? scattered = null, int[]? keys = null)
    {
        _scattered = scattered;
        _keys = keys ?? [];
        _sources = sources;
        _sourceStart = sourceStart;
        Starts = starts;
        GroupCount = groupCount;
        _inv = inv;
        _local = local;
        _parallelism = parallelism;
        _groupChunks = NativeParallel.Chunks(starts, parallelism * 4);
    }

    /// <summary>The number of groups.</summary>
    public int GroupCount { get; }

    /// <summary><see cref="GroupCount"/> + 1 output positions: group g is rows [Starts[g], Starts[g + 1]).</summary>
    public int[] Starts { get; }

    /// <summary>The number of rows.</summary>
    public int Length => _inv.Length;

    /// <summary>
    /// Groups the rows of <paramref name="sources"/> (one frame's batches) by the columns at <paramref name="keys"/>
    /// (none = one group) in key order, nulls last, and orders each group by <paramref name="presort"/> stably.
    /// </summary>
    /// <exception cref="NotSupportedException">A key or presort column is nested.</exception>
    public static GroupedLayout Build(IReadOnlyList<RecordBatch> sources, int[] keys, IReadOnlyList<SortKey> presort, int parallelism, CancellationToken cancellationToken)
    {
        var batches = sources.Where(b => b.Length > 0).ToArray();
        var sourceStart = new int[batches.Length + 1];
        for (var b = 0; b < batches.Length; b++)
        {
            var next = (long)sourceStart[b] + batches[b].Length;
            if (next > int.MaxValue)
            {
                throw new InvalidOperationException($"the native engine partitions at most {int.MaxValue} rows at once, got more");
            }

            sourceStart[b + 1] = (int)next;
        }

        var n = sourceStart[^1];
        if (n == 0)
        {
            return new GroupedLayout(batches, sourceStart, [0], 0, [], null, parallelism);
        }

        int[] inv;
        int[] starts;
        var dense = keys.Length == 1 ? DenseGrouping.TryGroup(batches, sourceStart, keys[0], parallelism, cancellationToken) : null;
        if (dense is { } d)
        {
            // One dense integer key: a parallel counting sort gives the grouped positions directly.
            (inv, starts) = d;
        }
        else
        {
            // Group on the key columns alone, concatenated (no copy for a single batch): one permutation over all rows,
            // so the bookkeeping is proportional to the rows and the groups, never to batches times groups.
            var keySchema = new Schema(keys.Select((k, i) => new Field("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), batches[0].Column(k).Type)));
            var keyBatch = ColumnKernels.Concat(keySchema, batches.Select(b => new RecordBatch(keySchema, keys.Select(k => b.Column(k)).ToArray(), b.Length)).ToList());
            var grouped = KeyGroups.Group([keyBatch], [Enumerable.Range(0, keys.Length).ToArray()], cancellationToken);
            starts = grouped.Starts[0];

            // inv[input row] = grouped position (groups keep the input order).
            inv = GC.AllocateUninitializedArray<int>(n);
            Invert(grouped.Perm[0], inv);
        }

        var groupCount = starts.Length - 1;
        cancellationToken.ThrowIfCancellationRequested();
        var layout = new GroupedLayout(batches, sourceStart, starts, groupCount, inv, null, parallelism);
        if (presort.Count == 0)
        {
            return layout;
        }

        // Lay out the presort columns by group, then sort each group's positions by them. Fixed-width presort columns
        // without nulls are kept as scattered, so gathering them later only permutes.
        var keyColumns = new Column[presort.Count];
        var fields = new Field[presort.Count];
        var remapped = new SortKey[presort.Count];
        var scattered = new Dictionary<int, byte[]>();
        for (var k = 0; k < presort.Count; k++)
        {
            var index = presort[k].Column;
            var parts = layout.Parts(index);
            var type = parts[0].Type;
            var width = FixedWidth.Width(type);
            if (width > 0 && !HasNulls(parts))
            {
                if (!scattered.TryGetValue(index, out var bytes))
                {
                    bytes = layout.Scatter(parts, width, pooled: false, null, cancellationToken);
                    scattered[index] = bytes;
                }

                keyColumns[k] = FixedWidth.Create(type, n, bytes, default, 0);
            }
            else
            {
                keyColumns[k] = layout.Column(index, cancellationToken);
            }

            fields[k] = new Field("k" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), keyColumns[k].Type);
            remapped[k] = presort[k] with { Column = k };
        }

        var presortBatch = new RecordBatch(new Schema(fields), keyColumns, n);
        var local = KeyGroups.Identity(n);
        SegmentSorter.Sort(presortBatch, local, starts, remapped, parallelism, cancellationToken);
        return new GroupedLayout(batches, sourceStart, starts, groupCount, inv, local, parallelism, scattered, keys);
    }

    private static bool IsIntegerLike(TypeKind kind) => kind is TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16
        or TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Date or TypeKind.Timestamp;

    private static bool HasNulls(Column[] parts)
    {
        foreach (var p in parts)
        {
            if (p.NullCount > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Column <paramref name="index"/> of each source batch.</summary>
    private Column[] Parts(int index)
    {
        var parts = new Column[_sources.Length];
        for (var b = 0; b < parts.Length; b++)
        {
            parts[b] = _sources[b].Column(index);
        }

        return parts;
    }

    private static void Invert(int[] perm, int[] inv)
    {
        for (var j = 0; j < perm.Length; j++)
        {
            inv[perm[j]] = j;
        }
    }

    /// <summary>All columns laid out: one batch of <paramref name="schema"/> whose groups are contiguous and presorted.</summary>
    public RecordBatch Gather(Schema schema, CancellationToken cancellationToken)
    {
        var columns = new Column[schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = Column(c, cancellationToken);
        }

        return new RecordBatch(schema, columns, Length);
    }

    /// <summary>Column <paramref name="index"/> of the sources, laid out.</summary>
    private Column Column(int index, CancellationToken cancellationToken)
    {
        if (_sources.Length == 0)
        {
            return ColumnBuilder.Create(DataType.Null).Build();
        }

        var parts = Parts(index);
        var type = parts[0].Type;
        var width = FixedWidth.Width(type);
        if (width > 0)
        {
            return Fixed(index, parts, width, cancellationToken);
        }

        return type.Kind is TypeKind.String or TypeKind.Binary ? Bytes(parts, cancellationToken) : Other(type, parts);
    }

    /// <summary>Work items over the input: (source, first row, end row) chunks.</summary>
    private List<(int Source, int Start, int End)> InputChunks()
    {
        var items = new List<(int, int, int)>();
        for (var b = 0; b < _sources.Length; b++)
        {
            var len = _sources[b].Length;
            for (var s = 0; s < len; s += ChunkRows)
            {
                items.Add((b, s, Math.Min(len, s + ChunkRows)));
            }
        }

        return items;
    }

    /// <summary>
    /// The values (<paramref name="width"/> bytes each) of the parts scattered to their grouped positions, in a new
    /// exact-size array or a pooled one; <paramref name="groupedValid"/>, when given, gets the validity likewise.
    /// </summary>
    private byte[] Scatter(Column[] parts, int width, bool pooled, bool[]? groupedValid, CancellationToken cancellationToken)
    {
        var size = checked(Length * width);
        var grouped = pooled ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        var chunks = InputChunks();
        NativeParallel.For(
            chunks.Count,
            _parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                var col = parts[b];
                var inv = _inv.AsSpan(_sourceStart[b]);
                var values = FixedWidth.Bytes(col);
                switch (width)
                {
                    case 8: ScatterValues(MemoryMarshal.Cast<byte, ulong>(values), inv, MemoryMarshal.Cast<byte, ulong>(grouped.AsSpan()), s, e); break;
                    case 4: ScatterValues(MemoryMarshal.Cast<byte, uint>(values), inv, MemoryMarshal.Cast<byte, uint>(grouped.AsSpan()), s, e); break;
                    case 2: ScatterValues(MemoryMarshal.Cast<byte, ushort>(values), inv, MemoryMarshal.Cast<byte, ushort>(grouped.AsSpan()), s, e); break;
                    default: ScatterValues(values, inv, grouped.AsSpan(), s, e); break;
                }

                if (groupedValid is not null)
                {
                    ScatterValidity(col, inv, groupedValid, s, e);
                }
            },
            cancellationToken);
        return grouped;
    }

    private Column Fixed(int index, Column[] parts, int width, CancellationToken cancellationToken)
    {
        var n = Length;
        var type = parts[0].Type;
        var hasNulls = HasNulls(parts);

        // An integer-like partition key without nulls holds one value (and one bit pattern) per group: its scattered
        // layout already is the presorted one.
        var isKey = false;
        foreach (var k in _keys)
        {
            isKey |= k == index;
        }

        if (_local is not null && !hasNulls && isKey && IsIntegerLike(type.Kind))
        {
            var laid = _scattered is not null && _scattered.TryGetValue(index, out var done) ? done : Scatter(parts, width, pooled: false, null, cancellationToken);
            return FixedWidth.Create(type, n, laid, default, 0);
        }

        // With a presort the grouped values are scratch (pooled, so later columns reuse the memory already touched),
        // unless the presort already scattered this column.
        byte[] grouped;
        bool[]? groupedValid = null;
        var pooled = false;
        if (_scattered is not null && _scattered.TryGetValue(index, out var ready))
        {
            grouped = ready;
        }
        else
        {
            pooled = _local is not null;
            groupedValid = hasNulls ? ArrayPool<bool>.Shared.Rent(n) : null;
            grouped = Scatter(parts, width, pooled, groupedValid, cancellationToken);
        }

        var values = grouped;
        var valid = groupedValid;
        if (_local is not null)
        {
            values = GC.AllocateUninitializedArray<byte>(n * width);
            valid = hasNulls ? ArrayPool<bool>.Shared.Rent(n) : null;
            var local = _local;
            var source = grouped;
            NativeParallel.For(
                _groupChunks.Length - 1,
                _parallelism,
                c =>
                {
                    var (s, e) = (Starts[_groupChunks[c]], Starts[_groupChunks[c + 1]]);
                    switch (width)
                    {
                        case 8: PermuteValues(MemoryMarshal.Cast<byte, ulong>(source.AsSpan()), local, MemoryMarshal.Cast<byte, ulong>(values.AsSpan()), s, e); break;
                        case 4: PermuteValues(MemoryMarshal.Cast<byte, uint>(source.AsSpan()), local, MemoryMarshal.Cast<byte, uint>(values.AsSpan()), s, e); break;
                        case 2: PermuteValues(MemoryMarshal.Cast<byte, ushort>(source.AsSpan()), local, MemoryMarshal.Cast<byte, ushort>(values.AsSpan()), s, e); break;
                        default: PermuteValues<byte>(source.AsSpan(), local, values.AsSpan(), s, e); break;
                    }

                    if (valid is not null)
                    {
                        Permute(groupedValid!, local, valid, s, e);
                    }
                },
                cancellationToken);
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(grouped);
            }
        }

        var (bitmap, nulls) = Pack(valid, n);
        Return(groupedValid);
        if (!ReferenceEquals(valid, groupedValid))
        {
            Return(valid);
        }

        return FixedWidth.Create(type, n, values, bitmap, nulls);
    }

    private Column Bytes(Column[] parts, CancellationToken cancellationToken)
    {
        var n = Length;
        var hasNulls = parts.Any(p => p.NullCount > 0);
        var chunks = InputChunks();

        // Lengths by grouped position, their offsets, then the bytes (each group's region filled in input order).
        var lengths = ArrayPool<int>.Shared.Rent(n);
        var groupedValid = hasNulls ? ArrayPool<bool>.Shared.Rent(n) : null;
        NativeParallel.For(
            chunks.Count,
            _parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                var col = (VariableBinaryColumn)parts[b];
                ScatterLengths(col.Offsets, _inv.AsSpan(_sourceStart[b]), lengths, s, e);
                if (groupedValid is not null)
                {
                    ScatterValidity(col, _inv.AsSpan(_sourceStart[b]), groupedValid, s, e);
                }
            },
            cancellationToken);
        var offsets = PrefixOffsets(lengths, n, parts[0].Type, pooled: _local is not null);
        var data = _local is null ? GC.AllocateUninitializedArray<byte>(offsets[n]) : ArrayPool<byte>.Shared.Rent(offsets[n]);
        NativeParallel.For(
            chunks.Count,
            _parallelism,
            i =>
            {
                var (b, s, e) = chunks[i];
                var col = (VariableBinaryColumn)parts[b];
                ScatterBytes(col.Offsets, col.Data, _inv.AsSpan(_sourceStart[b]), offsets, data, s, e);
            },
            cancellationToken);

        var valid = groupedValid;
        if (_local is not null)
        {
            var local = _local;
            var outValid = hasNulls ? ArrayPool<bool>.Shared.Rent(n) : null;

            // The permuted lengths go straight into the output offsets (shifted by one), summed up in place after.
            var outOffsets = GC.AllocateUninitializedArray<int>(n + 1);
            NativeParallel.For(
                _groupChunks.Length - 1,
                _parallelism,
                c =>
                {
                    var (s, e) = (Starts[_groupChunks[c]], Starts[_groupChunks[c + 1]]);
                    for (var p = s; p < e; p++)
                    {
                        outOffsets[p + 1] = lengths[local[p]];
                    }

                    if (outValid is not null)
                    {
                        Permute(groupedValid!, local, outValid, s, e);
                    }
                },
                cancellationToken);
            outOffsets[0] = 0;
            for (var p = 1; p <= n; p++)
            {
                // No overflow check needed: the same lengths summed to at most offsets[n] above.
                outOffsets[p] += outOffsets[p - 1];
            }
            var outData = GC.AllocateUninitializedArray<byte>(outOffsets[n]);
            var srcOffsets = offsets;
            var srcData = data;
            NativeParallel.For(
                _groupChunks.Length - 1,
                _parallelism,
                c =>
                {
                    var (s, e) = (Starts[_groupChunks[c]], Starts[_groupChunks[c + 1]]);
                    PermuteBytes(srcOffsets, srcData, local, outOffsets, outData, s, e);
                },
                cancellationToken);
            ArrayPool<int>.Shared.Return(srcOffsets);
            ArrayPool<byte>.Shared.Return(srcData);
            offsets = outOffsets;
            data = outData;
            valid = outValid;
        }

        ArrayPool<int>.Shared.Return(lengths);
        var (bitmap, nulls) = Pack(valid, n);
        Return(groupedValid);
        if (!ReferenceEquals(valid, groupedValid))
        {
            Return(valid);
        }

        return parts[0].Type.Kind == TypeKind.String
            ? new StringColumn(n, ArrowBuffer.Wrap(offsets), data, bitmap, nulls)
            : new BinaryColumn(n, ArrowBuffer.Wrap(offsets), data, bitmap, nulls);
    }

    /// <summary>Other types (bools, decimals, nested): the sources concatenated, then gathered by the final source row of each position.</summary>
    private Column Other(DataType type, Column[] parts)
    {
        var all = ColumnKernels.Concat(type, parts);
        var rowAt = GC.AllocateUninitializedArray<int>(Length);
        for (var r = 0; r < _inv.Length; r++)
        {
            rowAt[_inv[r]] = r;
        }

        if (_local is not null)
        {
            var final = GC.AllocateUninitializedArray<int>(Length);
            for (var p = 0; p < final.Length; p++)
            {
                final[p] = rowAt[_local[p]];
            }

            rowAt = final;
        }

        return ColumnKernels.Take(all, rowAt);
    }

    // Generic without constraints (instantiated over byte/ushort/uint/ulong from non-generic code): precompiled by ReadyToRun.
    private static void ScatterValues<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> inv, Span<T> grouped, int start, int end)
    {
        ref var dst = ref MemoryMarshal.GetReference(grouped);
        for (var i = start; i < end; i++)
        {
            Unsafe.Add(ref dst, inv[i]) = values[i];
        }
    }

    private static void PermuteValues<T>(ReadOnlySpan<T> grouped, int[] local, Span<T> output, int start, int end)
    {
        for (var p = start; p < end; p++)
        {
            output[p] = grouped[local[p]];
        }
    }

    private static void ScatterValidity(Column column, ReadOnlySpan<int> inv, bool[] grouped, int start, int end)
    {
        if (column.NullCount == 0)
        {
            for (var i = start; i < end; i++)
            {
                grouped[inv[i]] = true;
            }

            return;
        }

        var bits = column.ValidityBuffer.Span;
        var offset = column.Offset;
        for (var i = start; i < end; i++)
        {
            var bit = offset + i;
            grouped[inv[i]] = (bits[bit >> 3] & (1 << (bit & 7))) != 0;
        }
    }

    private static void ScatterLengths(ReadOnlySpan<int> offsets, ReadOnlySpan<int> inv, int[] lengths, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            lengths[inv[i]] = offsets[i + 1] - offsets[i];
        }
    }

    private static void ScatterBytes(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> source, ReadOnlySpan<int> inv, int[] groupedOffsets, byte[] data, int start, int end)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(data);
        for (var i = start; i < end; i++)
        {
            var from = offsets[i];
            var len = offsets[i + 1] - from;
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, groupedOffsets[inv[i]]), ref Unsafe.Add(ref src, from), (uint)len);
        }
    }

    private static void Permute<T>(T[] grouped, int[] local, T[] output, int start, int end)
    {
        for (var p = start; p < end; p++)
        {
            output[p] = grouped[local[p]];
        }
    }

    private static void PermuteBytes(int[] offsets, byte[] data, int[] local, int[] outOffsets, byte[] outData, int start, int end)
    {
        ref var src = ref MemoryMarshal.GetArrayDataReference(data);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(outData);
        for (var p = start; p < end; p++)
        {
            var q = local[p];
            var from = offsets[q];
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, outOffsets[p]), ref Unsafe.Add(ref src, from), (uint)(offsets[q + 1] - from));
        }
    }

    private static void Return(bool[]? array)
    {
        if (array is not null)
        {
            ArrayPool<bool>.Shared.Return(array);
        }
    }

    /// <summary>Offsets (n + 1) from the first n lengths (a pooled array when <paramref name="pooled"/>).</summary>
    private static int[] PrefixOffsets(int[] lengths, int n, DataType type, bool pooled)
    {
        var offsets = pooled ? ArrayPool<int>.Shared.Rent(n + 1) : GC.AllocateUninitializedArray<int>(n + 1);
        long pos = 0;
        offsets[0] = 0;
        for (var i = 0; i < n; i++)
        {
            pos += lengths[i];
            if (pos > Array.MaxLength)
            {
                throw new InvalidOperationException($"a {type} column would hold more than {Array.MaxLength} bytes after partitioning; at most that many fit in one column");
            }

            offsets[i + 1] = (int)pos;
        }

        return offsets;
    }

    /// <summary>A validity bitmap and null count from per-row flags (none when all are valid).</summary>
    private static (byte[]? Bitmap, int Nulls) Pack(bool[]? valid, int n)
    {
        if (valid is null)
        {
            return (null, 0);
        }

        var bitmap = new byte[BitUtility.BytesFor(n)];
        var nulls = 0;
        for (var i = 0; i < n; i++)
        {
            if (valid[i])
            {
                bitmap[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        return nulls == 0 ? (null, 0) : (bitmap, nulls);
    }
}
