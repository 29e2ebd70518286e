using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Benchmarks;

/// <summary>
/// Issue 2: builds an N-row batch of <c>id:long,key:int,a:double,b:str,ts:datetime</c> through the typed
/// builders, scans every column, and compares the memory held with the raw Arrow buffer size.
/// </summary>
public static class ColumnarBenchmark
{
    private static readonly Schema Schema = new(
        new Field("id", DataType.Int64),
        new Field("key", DataType.Int32),
        new Field("a", DataType.Float64),
        new Field("b", DataType.String),
        new Field("ts", DataType.DateTime));

    /// <summary>SplitMix64: a tiny deterministic PRNG.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }

    private static byte[][] StringPool()
    {
        var rng = new SplitMix64(7);
        var pool = new byte[10_000][];
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var i = 0; i < pool.Length; i++)
        {
            var len = 8 + (int)(rng.Next() % 5);
            var chars = new char[len];
            for (var k = 0; k < len; k++)
            {
                chars[k] = alphabet[(int)(rng.Next() % (ulong)alphabet.Length)];
            }

            pool[i] = Encoding.UTF8.GetBytes(chars);
        }

        return pool;
    }

    // Full optimization up front: these run once or a few times, too few for tiered compilation to reach tier 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RecordBatch Build(int n, byte[][] pool, bool hints)
    {
        var cap = hints ? n : 0;
        var id = new PrimitiveColumnBuilder<long>(DataType.Int64, cap);
        var key = new PrimitiveColumnBuilder<int>(DataType.Int32, cap);
        var a = new PrimitiveColumnBuilder<double>(DataType.Float64, cap);
        // Strings average 10 bytes; hint 10.5 per row so the data buffer rarely has to grow.
        var b = new StringColumnBuilder(cap, hints ? (int)Math.Min(10.5 * n, Array.MaxLength) : 0);
        var ts = new PrimitiveColumnBuilder<long>(DataType.DateTime, cap);
        var rng = new SplitMix64(42);
        var baseTs = TemporalConversions.ToTimestamp(new DateTime(2024, 1, 1), TimeUnit.Microsecond);
        for (var i = 0; i < n; i++)
        {
            var r = rng.Next();
            id.Append(10_000_000_000L + i);
            var u = rng.NextDouble();
            key.Append((int)Math.Floor(1000 * u * Math.Sqrt(u))); // 1000 * u^1.5
            a.Append(((long)(r % 32000) - 16000) / 16.0);
            b.Append(pool[(int)((r >> 20) % (ulong)pool.Length)].AsSpan());
            ts.Append(baseTs + (long)((r >> 40) % (366UL * 86400)) * 1_000_000);
        }

        return new RecordBatch(Schema, [id.Build(), key.Build(), a.Build(), b.Build(), ts.Build()], n);
    }

    /// <summary>The same value generation as <see cref="Build"/> without the builders, to separate their cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long GenerateOnly(int n, byte[][] pool)
    {
        var rng = new SplitMix64(42);
        var baseTs = TemporalConversions.ToTimestamp(new DateTime(2024, 1, 1), TimeUnit.Microsecond);
        long check = 0;
        double a = 0;
        for (var i = 0; i < n; i++)
        {
            var r = rng.Next();
            check += 10_000_000_000L + i;
            var u = rng.NextDouble();
            check += (int)Math.Floor(1000 * u * Math.Sqrt(u));
            a += ((long)(r % 32000) - 16000) / 16.0;
            check += pool[(int)((r >> 20) % (ulong)pool.Length)].Length;
            check += baseTs + (long)((r >> 40) % (366UL * 86400)) * 1_000_000;
        }

        return check + (long)a;
    }

    private static (long Ids, long Keys, double A, long StrBytes, long Ts) Scan(RecordBatch batch)
    {
        var ids = SumLongs(((PrimitiveColumn<long>)batch.Column("id")).Values);
        var keys = SumInts(((PrimitiveColumn<int>)batch.Column("key")).Values);
        var a = SumDoubles(((PrimitiveColumn<double>)batch.Column("a")).Values);
        var str = SumLengths(((StringColumn)batch.Column("b")).Offsets);
        var ts = SumLongs(((PrimitiveColumn<long>)batch.Column("ts")).Values);
        return (ids, keys, a, str, ts);
    }

    /// <summary>Total string bytes, row by row from the offsets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long SumLengths(ReadOnlySpan<int> offsets)
    {
        long total = 0;
        for (var i = 0; i + 1 < offsets.Length; i++)
        {
            total += offsets[i + 1] - offsets[i];
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumDoubles(ReadOnlySpan<double> values)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        var i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            s0 += vectors[i];
            s1 += vectors[i + 1];
            s2 += vectors[i + 2];
            s3 += vectors[i + 3];
        }

        for (; i < vectors.Length; i++)
        {
            s0 += vectors[i];
        }

        var sum = Vector.Sum(s0 + s1 + s2 + s3);
        for (var k = vectors.Length * Vector<double>.Count; k < values.Length; k++)
        {
            sum += values[k];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long SumLongs(ReadOnlySpan<long> values)
    {
        var vectors = MemoryMarshal.Cast<long, Vector<long>>(values);
        Vector<long> s = default;
        foreach (var v in vectors)
        {
            s += v;
        }

        var sum = Vector.Sum(s);
        for (var k = vectors.Length * Vector<long>.Count; k < values.Length; k++)
        {
            sum += values[k];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long SumInts(ReadOnlySpan<int> values)
    {
        long sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Builder-only cost with warm memory: best ns per value over repeated 1M-value builds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double LongNs, double StringNs) AppendMicro(byte[][] pool)
    {
        const int m = 1_000_000;
        var lb = new PrimitiveColumnBuilder<long>(DataType.Int64, m);
        var sb = new StringColumnBuilder(m, 21 * m / 2); // ~10 B average, as in Build
        double bestLong = double.MaxValue, bestString = double.MaxValue;
        long check = 0;
        for (var rep = 0; rep < 12; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < m; i++)
            {
                lb.Append(i);
            }

            check += lb.Build().Length;
            bestLong = Math.Min(bestLong, Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1e6 / m);
            t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < m; i++)
            {
                sb.Append(pool[i % pool.Length].AsSpan());
            }

            check += sb.Build().Length;
            bestString = Math.Min(bestString, Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1e6 / m);
        }

        GC.KeepAlive(check);
        return (bestLong, bestString);
    }

    public static void Run(int n)
    {
        Console.WriteLine($"Columnar benchmark: {n:N0} rows of {Schema}  (.NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, Vector<double>.Count={Vector<double>.Count})");
        var pool = StringPool();

        // Warm-up on a small batch so the timed build runs tier-1 code.
        var warm = Build(200_000, pool, true);
        for (var w = 0; w < 2; w++)
        {
            warm = Build(200_000, pool, true);
        }

        var sw = Stopwatch.StartNew();
        var genCheck = GenerateOnly(n, pool);
        var genOnly = sw.Elapsed;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var wsBefore = Process.GetCurrentProcess().WorkingSet64;
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var user0 = proc.UserProcessorTime;
        sw.Restart();
        var batch = Build(n, pool, hints: true);
        var buildHinted = sw.Elapsed;
        proc.Refresh();
        var buildCpu = proc.TotalProcessorTime - cpu0;
        var buildUser = proc.UserProcessorTime - user0;
        var after = GC.GetTotalMemory(true);
        var wsAfter = Process.GetCurrentProcess().WorkingSet64;

        var strBytes = ((StringColumn)batch.Column("b")).DataLength;
        var raw = 8L * n + 4L * n + 8L * n + 4L * (n + 1) + strBytes + 8L * n;
        var byteSize = batch.ByteSize;
        var gcDelta = after - before;

        // Scan every column (warmed up on a small batch first so no JIT time is measured).
        _ = Scan(warm);
        sw.Restart();
        var (sumId, sumKey, sumA, totalStr, sumTs) = Scan(batch);
        var scanAll = sw.Elapsed;

        // Double column throughput: best of several passes.
        var aValues = ((PrimitiveColumn<double>)batch.Column("a")).Values;
        var best = double.MaxValue;
        double check = 0;
        for (var rep = 0; rep < 15; rep++)
        {
            var t0 = Stopwatch.GetTimestamp();
            check += SumDoubles(aValues);
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }

        var gbps = aValues.Length * 8.0 / best / 1e9;

        // Same build without capacity hints: buffers grow through ArrayPool and are trimmed at Build.
        batch = null!;
        aValues = default;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before2 = GC.GetTotalMemory(true);
        sw.Restart();
        var batch2 = Build(n, pool, hints: false);
        var buildNoHints = sw.Elapsed;
        var after2 = GC.GetTotalMemory(true);
        var byteSize2 = batch2.ByteSize;
        var gcDelta2 = after2 - before2;

        // A second unhinted build reuses the scratch arrays the pool kept from the first one.
        sw.Restart();
        var batch3 = Build(n, pool, hints: false);
        var buildNoHints2 = sw.Elapsed;
        var after3 = GC.GetTotalMemory(true);
        var gcDelta3 = after3 - after2;
        GC.KeepAlive(batch2);
        GC.KeepAlive(batch3);

        var (longNs, stringNs) = AppendMicro(pool);

        static string Mb(long bytes) => $"{bytes / 1e6:N1} MB";
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| rows | {n:N0} |");
        Console.WriteLine($"| raw Arrow buffer size (8+4+8+4(n+1)+strbytes+8) | {Mb(raw)} ({raw / (double)n:N2} B/row; string data {Mb(strBytes)}) |");
        Console.WriteLine($"| build time, typed appends with capacity hints | {buildHinted.TotalSeconds:N2} s ({n / buildHinted.TotalSeconds / 1e6:N1} M rows/s) |");
        Console.WriteLine($"| build CPU time (user + kernel; kernel is mostly first-touch page faults) | {buildCpu.TotalSeconds:N2} s ({buildUser.TotalSeconds:N2} s user) |");
        Console.WriteLine($"| of which value generation alone (same loop, no builders) | {genOnly.TotalSeconds:N2} s |");
        Console.WriteLine($"| sum of Column.ByteSize | {Mb(byteSize)} (ratio {byteSize / (double)raw:N3}) |");
        Console.WriteLine($"| GC.GetTotalMemory delta holding the batch | {Mb(gcDelta)} (ratio {gcDelta / (double)raw:N3}) |");
        Console.WriteLine($"| process working set delta | {Mb(wsAfter - wsBefore)} (ratio {(wsAfter - wsBefore) / (double)raw:N3}; total {Mb(wsAfter)}) |");
        Console.WriteLine($"| build time, no capacity hints (pool growth) | {buildNoHints.TotalSeconds:N2} s |");
        Console.WriteLine($"| no hints: ByteSize / GC delta | {Mb(byteSize2)} / {Mb(gcDelta2)} (ratio {gcDelta2 / (double)raw:N3}) |");
        Console.WriteLine($"| no hints, second build (pool scratch reused): time / GC delta | {buildNoHints2.TotalSeconds:N2} s / {Mb(gcDelta3)} (ratio {gcDelta3 / (double)raw:N3}) |");
        Console.WriteLine($"| builder-only cost, warm memory (best of 12 x 1M values, incl. Build) | Append(long) {longNs:N1} ns, Append(utf8 8..12 B) {stringNs:N1} ns per value |");
        Console.WriteLine($"| scan all 5 columns | {scanAll.TotalMilliseconds:N1} ms |");
        Console.WriteLine($"| double column sum, one core (best of 15) | {best * 1e3:N2} ms = {gbps:N2} GB/s |");
        Console.WriteLine();
        Console.WriteLine($"checksums: ids={sumId} keys={sumKey} a={sumA:R} strbytes={totalStr} ts={sumTs} ({check:G6}, {genCheck})");
        Console.WriteLine($"goals: memory ratio <= 1.2x: {(gcDelta / (double)raw <= 1.2 ? "met" : "NOT met")}; double scan >= 2 GB/s: {(gbps >= 2 ? "met" : "NOT met")}");
    }
}
