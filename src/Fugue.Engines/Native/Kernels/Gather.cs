using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Native.Kernels;

/// <summary>
/// A parallel gather (take) of whole batches by a permutation: every column is cut into row chunks and the chunks of
/// all columns run on up to <c>parallelism</c> threads, each writing straight into the output arrays. Fixed-width
/// columns copy typed values; strings and bytes first add up each chunk's byte length, then copy offsets and bytes in a
/// second pass (one exact-size data buffer, no builder growth). Other types (bools, decimals, nested) go through
/// <see cref="ColumnKernels.Take(Column, ReadOnlySpan{int})"/>, one task per column.
/// The single-column <see cref="Take(Column, ReadOnlySpan{int})"/> is the joins' gather: one pass into an exact-size
/// array for fixed-width columns, where a negative index produces a null (the missing side of an outer join).
/// </summary>
internal static class Gather
{
    private const int ChunkRows = 1 << 16;

    /// <summary>The rows of <paramref name="batch"/> at <paramref name="indices"/> (all valid row numbers), in that order.</summary>
    public static RecordBatch Take(RecordBatch batch, int[] indices, int parallelism, CancellationToken cancellationToken = default)
    {
        var n = indices.Length;
        var chunks = Math.Max(1, (n + ChunkRows - 1) / ChunkRows);
        var gathers = new ColumnGather[batch.ColumnCount];
        for (var c = 0; c < gathers.Length; c++)
        {
            gathers[c] = ColumnGather.Create(batch.Column(c), indices);
        }

        // Phase 1 (sizes of variable-width chunks), then phase 2 (the copies); work items are (column, chunk).
        var sized = gathers.Where(g => g.NeedsSizes).ToArray();
        if (sized.Length > 0)
        {
            NativeParallel.For(sized.Length * chunks, parallelism, i => sized[i / chunks].Size(i % chunks, Range(i % chunks, n)), cancellationToken);
            foreach (var g in sized)
            {
                g.Allocate();
            }
        }

        var items = new List<(int Column, int Chunk)>();
        for (var c = 0; c < gathers.Length; c++)
        {
            var count = gathers[c].Chunked ? chunks : 1;
            for (var k = 0; k < count; k++)
            {
                items.Add((c, k));
            }
        }

        NativeParallel.For(
            items.Count,
            parallelism,
            i =>
            {
                var (c, k) = items[i];
                gathers[c].Copy(k, gathers[c].Chunked ? Range(k, n) : (0, n));
            },
            cancellationToken);
        var columns = new Column[gathers.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = gathers[c].Build();
        }

        return new RecordBatch(batch.Schema, columns, n);
    }

    private static (int Start, int End) Range(int chunk, int n) => (chunk * ChunkRows, Math.Min(n, (chunk + 1) * ChunkRows));

    private abstract class ColumnGather(int[] indices)
    {
        protected int[] Indices { get; } = indices;

        protected int Nulls;

        protected byte[]? Validity;

        public virtual bool NeedsSizes => false;

        public virtual bool Chunked => true;

        public virtual void Size(int chunk, (int Start, int End) range)
        {
        }

        public virtual void Allocate()
        {
        }

        public abstract void Copy(int chunk, (int Start, int End) range);

        public abstract Column Build();

        public static ColumnGather Create(Column column, int[] indices) => column.Type.Kind switch
        {
            TypeKind.Int8 => new Fixed<sbyte>(column, indices),
            TypeKind.UInt8 => new Fixed<byte>(column, indices),
            TypeKind.Int16 => new Fixed<short>(column, indices),
            TypeKind.UInt16 => new Fixed<ushort>(column, indices),
            TypeKind.Int32 or TypeKind.Date => new Fixed<int>(column, indices),
            TypeKind.UInt32 => new Fixed<uint>(column, indices),
            TypeKind.Int64 or TypeKind.Timestamp => new Fixed<long>(column, indices),
            TypeKind.UInt64 => new Fixed<ulong>(column, indices),
            TypeKind.Float16 => new Fixed<Half>(column, indices),
            TypeKind.Float32 => new Fixed<float>(column, indices),
            TypeKind.Float64 => new Fixed<double>(column, indices),
            TypeKind.String or TypeKind.Binary => new Bytes((VariableBinaryColumn)column, indices),
            _ => new Other(column, indices),
        };

        /// <summary>Writes the validity bits of rows [start, end) (start is a multiple of 8, so chunks never share a byte).</summary>
        protected void CopyValidity(Column source, int start, int end)
        {
            if (Validity is null)
            {
                return;
            }

            var bits = source.ValidityBuffer.Span;
            var offset = source.Offset;
            var nulls = 0;
            for (var i = start; i < end; i++)
            {
                var row = offset + Indices[i];
                if ((bits[row >> 3] & (1 << (row & 7))) != 0)
                {
                    Validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }

            Interlocked.Add(ref Nulls, nulls);
        }
    }

    private sealed class Fixed<T> : ColumnGather
        where T : unmanaged
    {
        private readonly PrimitiveColumn<T> _source;
        private readonly T[] _values;

        public Fixed(Column source, int[] indices) : base(indices)
        {
            _source = (PrimitiveColumn<T>)source;
            _values = GC.AllocateUninitializedArray<T>(indices.Length);
            if (_source.NullCount > 0)
            {
                Validity = new byte[BitUtility.BytesFor(indices.Length)];
            }
        }

        public override void Copy(int chunk, (int Start, int End) range)
        {
            var src = _source.Values;
            ref var dst = ref MemoryMarshal.GetArrayDataReference(_values);
            var idx = Indices;
            for (var i = range.Start; i < range.End; i++)
            {
                Unsafe.Add(ref dst, i) = src[idx[i]];
            }

            CopyValidity(_source, range.Start, range.End);
        }

        public override Column Build() =>
            new PrimitiveColumn<T>(_source.Type, _values.Length, ArrowBuffer.Wrap(_values), Validity, Validity is null ? 0 : Nulls);
    }

    private sealed class Bytes : ColumnGather
    {
        private readonly VariableBinaryColumn _source;
        private readonly long[] _chunkBytes;
        private readonly int[] _offsets;
        private byte[] _data = [];

        public Bytes(VariableBinaryColumn source, int[] indices) : base(indices)
        {
            _source = source;
            _chunkBytes = new long[Math.Max(1, (indices.Length + ChunkRows - 1) / ChunkRows) + 1];
            _offsets = GC.AllocateUninitializedArray<int>(indices.Length + 1);
            _offsets[0] = 0;
            if (source.NullCount > 0)
            {
                Validity = new byte[BitUtility.BytesFor(indices.Length)];
            }
        }

        public override bool NeedsSizes => true;

        public override void Size(int chunk, (int Start, int End) range)
        {
            var offsets = _source.Offsets;
            var idx = Indices;
            long total = 0;
            for (var i = range.Start; i < range.End; i++)
            {
                var r = idx[i];
                total += offsets[r + 1] - offsets[r];
            }

            _chunkBytes[chunk + 1] = total;
        }

        public override void Allocate()
        {
            for (var c = 1; c < _chunkBytes.Length; c++)
            {
                _chunkBytes[c] += _chunkBytes[c - 1];
            }

            var total = _chunkBytes[^1];
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException($"a {_source.Type} column would hold {total} bytes after the gather; at most {Array.MaxLength} fit in one column");
            }

            _data = GC.AllocateUninitializedArray<byte>((int)total);
        }

        public override void Copy(int chunk, (int Start, int End) range)
        {
            var offsets = _source.Offsets;
            var data = _source.Data;
            var idx = Indices;
            var pos = (int)_chunkBytes[chunk];
            ref var src = ref MemoryMarshal.GetReference(data);
            ref var dst = ref MemoryMarshal.GetArrayDataReference(_data);
            for (var i = range.Start; i < range.End; i++)
            {
                var r = idx[i];
                var start = offsets[r];
                var len = offsets[r + 1] - start;
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, pos), ref Unsafe.Add(ref src, start), (uint)len);
                pos += len;
                _offsets[i + 1] = pos;
            }

            CopyValidity(_source, range.Start, range.End);
        }

        public override Column Build()
        {
            var n = Indices.Length;
            ArrowBuffer validity = Validity;
            var nulls = Validity is null ? 0 : Nulls;
            return _source.Type.Kind == TypeKind.String
                ? new StringColumn(n, ArrowBuffer.Wrap(_offsets), _data, validity, nulls)
                : new BinaryColumn(n, ArrowBuffer.Wrap(_offsets), _data, validity, nulls);
        }
    }

    private sealed class Other(Column source, int[] indices) : ColumnGather(indices)
    {
        private Column? _result;

        public override bool Chunked => false;

        public override void Copy(int chunk, (int Start, int End) range) => _result = ColumnKernels.Take(source, Indices);

        public override Column Build() => _result!;
    }

    /// <summary>The rows of <paramref name="column"/> at <paramref name="indices"/>, in that order.</summary>
    public static Column Take(Column column, ReadOnlySpan<int> indices) => column switch
    {
        PrimitiveColumn<double> c => Take(c, indices),
        PrimitiveColumn<long> c => Take(c, indices),
        PrimitiveColumn<int> c => Take(c, indices),
        PrimitiveColumn<float> c => Take(c, indices),
        PrimitiveColumn<short> c => Take(c, indices),
        PrimitiveColumn<sbyte> c => Take(c, indices),
        PrimitiveColumn<ulong> c => Take(c, indices),
        PrimitiveColumn<uint> c => Take(c, indices),
        PrimitiveColumn<ushort> c => Take(c, indices),
        PrimitiveColumn<byte> c => Take(c, indices),
        _ => ColumnKernels.Take(column, indices),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrimitiveColumn<T> Take<T>(PrimitiveColumn<T> column, ReadOnlySpan<int> indices)
        where T : unmanaged
    {
        var n = indices.Length;
        var source = column.Values;
        var values = GC.AllocateUninitializedArray<T>(n);
        var sourceHasNulls = column.NullCount > 0;
        byte[]? bits = null;
        var nulls = 0;
        if (!sourceHasNulls)
        {
            // common case: all source rows valid; only negative indices produce nulls
            for (var i = 0; i < n; i++)
            {
                var ix = indices[i];
                if (ix >= 0)
                {
                    values[i] = source[ix];
                }
                else
                {
                    values[i] = default;
                    bits ??= AllValid(n);
                    bits[i >> 3] &= (byte)~(1 << (i & 7));
                    nulls++;
                }
            }
        }
        else
        {
            bits = AllValid(n);
            for (var i = 0; i < n; i++)
            {
                var ix = indices[i];
                if (ix >= 0 && !column.IsNull(ix))
                {
                    values[i] = source[ix];
                }
                else
                {
                    values[i] = default;
                    bits[i >> 3] &= (byte)~(1 << (i & 7));
                    nulls++;
                }
            }
        }

        return new PrimitiveColumn<T>(column.Type, n, ArrowBuffer.Wrap(values), nulls == 0 ? default : new ArrowBuffer(bits!), nulls);
    }

    private static byte[] AllValid(int n)
    {
        var bits = new byte[(n + 7) >> 3];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }
}
