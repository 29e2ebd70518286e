using System.Runtime.CompilerServices;
using Fugue.Columnar;

namespace Fugue.Native.Kernels;

/// <summary>
/// Typed bulk gathers (take by row indices) for fixed-width columns: one pass into an exact-size array, the validity
/// bitmap built alongside, no builder and no per-row virtual call. Other column kinds go through
/// <see cref="ColumnKernels.Take(Column, ReadOnlySpan{int})"/>. A negative index produces a null (the missing side of
/// an outer join).
/// </summary>
internal static class Gather
{
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
