using System.Runtime.InteropServices;

namespace Fugue.IO.Parquet;

/// <summary>
/// Hands out exact-size column buffers carved from large shared arrays, for loads that materialise a whole file.
/// Fresh memory costs a page fault per 4 KiB on first touch, which is a large part of a bulk load; the arena's
/// chunks are big enough for the kernel to back them with transparent huge pages (asked for with
/// <c>madvise(MADV_HUGEPAGE)</c> where the system leaves that to the program), so the output is faulted in 2 MiB
/// at a time. A buffer is a slice of its chunk (<see cref="Memory{T}"/>), so the chunk lives as long as any column
/// of the load; the streaming reads do not use an arena.
/// </summary>
internal sealed partial class ColumnBufferArena
{
    private const int MaxChunkSize = 32 << 20;
    private const int MinChunkSize = 64 << 10;
    private const int Align = 64;
    private const int HugePage = 2 << 20;
    private const int MadvHugePage = 14;

    private static bool s_adviseHugePages = ReadThpMode();

    private readonly Lock _lock = new();
    private readonly int _chunkSize;
    private byte[]? _chunk;
    private int _used;

    /// <summary>
    /// True when the arena's chunks are backed by huge pages (opt-in with <c>FUGUE_HUGE_PAGES=1</c> on Linux with THP in
    /// <c>madvise</c> mode: on a VM whose balloon reports free huge blocks to the host, faulting them back in can cost
    /// more than 4 KiB faults, so it is not the default).
    /// </summary>
    public static bool UsesHugePages => s_adviseHugePages;

    /// <summary>An arena for about <paramref name="expectedBytes"/> bytes of buffers (sizes its chunks; any amount can be allocated).</summary>
    public ColumnBufferArena(long expectedBytes)
    {
        _chunkSize = (int)Math.Clamp(expectedBytes + expectedBytes / 8, MinChunkSize, MaxChunkSize);
    }

    /// <summary>An exact-size buffer of <paramref name="bytes"/> bytes (uninitialised: the caller writes all of it).</summary>
    public Memory<byte> Allocate(int bytes)
    {
        if (bytes <= 0)
        {
            return Memory<byte>.Empty;
        }

        if (bytes > _chunkSize / 4)
        {
            return NewArray(bytes); // big buffers get their own array: no chunk tail is wasted
        }

        lock (_lock)
        {
            if (_chunk is null || bytes > _chunk.Length - _used)
            {
                _chunk = NewArray(_chunkSize);
                _used = 0;
            }

            var memory = _chunk.AsMemory(_used, bytes);
            _used = (int)Math.Min(_chunk.Length, (_used + (long)bytes + Align - 1) & ~(long)(Align - 1));
            return memory;
        }
    }

    private static byte[] NewArray(int bytes)
    {
        // Pinned (the pinned heap never moves it) so the advice stays on the array's pages.
        var array = GC.AllocateUninitializedArray<byte>(bytes, pinned: s_adviseHugePages);
        if (s_adviseHugePages && bytes >= 2 * HugePage)
        {
            Advise(array);
        }

        return array;
    }

    private static unsafe void Advise(byte[] array)
    {
        fixed (byte* p = array)
        {
            var start = ((nuint)p + HugePage - 1) & ~(nuint)(HugePage - 1);
            var end = ((nuint)p + (nuint)array.Length) & ~(nuint)(HugePage - 1);
            if (end > start)
            {
                try
                {
                    _ = Madvise((void*)start, end - start, MadvHugePage); // only a hint: failure leaves normal pages
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    s_adviseHugePages = false;
                }
            }
        }
    }

    /// <summary>True when transparent huge pages are granted only to regions that ask (mode <c>madvise</c>).</summary>
    private static bool ReadThpMode()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Environment.GetEnvironmentVariable("FUGUE_HUGE_PAGES") == "1"
                && File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);
}
