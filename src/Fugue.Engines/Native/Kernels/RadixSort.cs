using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fugue.Native.Kernels;

/// <summary>
/// A stable LSD radix sort of (64-bit word, row) pairs by word, 8 bits per pass, skipping the bytes in which all words
/// agree (e.g. the high bytes of timestamps within a year), with an insertion sort for short inputs. Stability means
/// rows with equal words keep their order, so a presort needs no tie-breaking pass for its first key.
/// </summary>
internal static class RadixSort
{
    private const int InsertionLimit = 32;

    /// <summary>Inputs up to this size take one MSD pass (see <see cref="Msd"/>); longer ones the LSD passes.</summary>
    private const int MsdLimit = 1 << 14;

    /// <summary>At most 2^MsdBits buckets in the MSD pass.</summary>
    private const int MsdBits = 11;

    /// <summary>Sorts <paramref name="words"/> ascending, moving <paramref name="rows"/> along; the scratch spans are at least as long.</summary>
    public static void Sort(Span<ulong> words, Span<int> rows, Span<ulong> scratchWords, Span<int> scratchRows)
    {
        var n = words.Length;
        if (n < 2)
        {
            return;
        }

        if (n <= InsertionLimit)
        {
            Insertion(words, rows);
            return;
        }

        var first = words[0];
        var differ = 0UL;
        for (var i = 1; i < n; i++)
        {
            differ |= words[i] ^ first;
        }

        if (differ == 0)
        {
            return;
        }

        if (n <= MsdLimit)
        {
            Msd(words, rows, scratchWords, scratchRows, differ);
            return;
        }

        Span<int> counts = stackalloc int[256];
        var srcW = words;
        var srcR = rows;
        var dstW = scratchWords[..n];
        var dstR = scratchRows[..n];
        for (var shift = 0; shift < 64; shift += 8)
        {
            if (((differ >> shift) & 0xFF) == 0)
            {
                continue;
            }

            counts.Clear();
            for (var i = 0; i < n; i++)
            {
                counts[(int)((srcW[i] >> shift) & 0xFF)]++;
            }

            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                var c = counts[b];
                counts[b] = sum;
                sum += c;
            }

            for (var i = 0; i < n; i++)
            {
                var w = srcW[i];
                var p = counts[(int)((w >> shift) & 0xFF)]++;
                dstW[p] = w;
                dstR[p] = srcR[i];
            }

            var tw = srcW;
            srcW = dstW;
            dstW = tw;
            var tr = srcR;
            srcR = dstR;
            dstR = tr;
        }

        // An odd number of passes leaves the result in the scratch spans.
        if (!Unsafe.AreSame(ref srcW[0], ref words[0]))
        {
            srcW.CopyTo(words);
            srcR.CopyTo(rows);
        }
    }

    /// <summary>
    /// One most-significant-digit pass over the highest bits in which the words differ (about four words per bucket),
    /// stable into the scratch, then each bucket sorted on its own (insertion sort when small, else recursively) and
    /// copied back. Expected linear time and a single scatter, where LSD needs one per differing byte.
    /// </summary>
    private static void Msd(Span<ulong> words, Span<int> rows, Span<ulong> scratchWords, Span<int> scratchRows, ulong differ)
    {
        var n = words.Length;
        var bits = Math.Clamp(BitOperations.Log2((uint)n) - 1, 4, MsdBits);
        var top = 63 - BitOperations.LeadingZeroCount(differ);
        var shift = Math.Max(0, top + 1 - bits);
        var buckets = 1 << bits;
        var mask = (ulong)(buckets - 1);
        Span<int> starts = stackalloc int[(1 << MsdBits) + 1];
        starts = starts[..(buckets + 1)];
        starts.Clear();
        for (var i = 0; i < n; i++)
        {
            starts[(int)((words[i] >> shift) & mask) + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            starts[b + 1] += starts[b];
        }

        // Scatter stably into the scratch; starts[b] ends as the end of bucket b, i.e. the start of bucket b + 1.
        var sw = scratchWords[..n];
        var sr = scratchRows[..n];
        for (var i = 0; i < n; i++)
        {
            var w = words[i];
            var p = starts[(int)((w >> shift) & mask)]++;
            sw[p] = w;
            sr[p] = rows[i];
        }

        // Bucket b is now [previous end, starts[b]); sort each, using the caller's spans as its scratch.
        var begin = 0;
        for (var b = 0; b < buckets; b++)
        {
            var end = starts[b];
            var len = end - begin;
            if (len > 1)
            {
                if (len <= InsertionLimit)
                {
                    Insertion(sw[begin..end], sr[begin..end]);
                }
                else
                {
                    Sort(sw[begin..end], sr[begin..end], words[begin..end], rows[begin..end]);
                }
            }

            begin = end;
        }

        sw.CopyTo(words);
        sr.CopyTo(rows);
    }

    private static void Insertion(Span<ulong> words, Span<int> rows)
    {
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            var r = rows[i];
            var j = i - 1;
            while (j >= 0 && words[j] > w)
            {
                words[j + 1] = words[j];
                rows[j + 1] = rows[j];
                j--;
            }

            words[j + 1] = w;
            rows[j + 1] = r;
        }
    }
}
