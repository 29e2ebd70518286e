using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Fugue.Dask;

/// <summary>
/// Partitions handed between an executor and its Dask worker in memory files (Linux <c>memfd</c>) instead of through
/// the pipe: a pipe copies every byte twice with a context switch per buffer, while a memory file is written once by
/// the producer and mapped (not copied) by the worker, which holds only the file handle for Dask. Inputs the worker
/// holds that way come back as <c>/proc/&lt;worker pid&gt;/fd/&lt;n&gt;</c> paths the executor reads in one call.
/// A memory file lives as long as a process holds it open, so nothing leaks when a worker or executor is killed.
/// </summary>
/// <remarks>
/// Request header keys (set by <c>fugue_dask_worker.py</c>): <c>shm_in</c> = <c>[[input index, path, length], ...]</c>
/// (those inputs' blobs on the pipe are empty) and <c>shm_out</c> = the smallest output in bytes to hand over in a
/// memory file. Reply key <c>shm_out</c> = <c>[[output index, fd, length], ...]</c> (those blobs empty on the pipe); the
/// executor keeps the descriptors open until its next request, by which time the worker has opened its own.
/// </remarks>
public static partial class DaskSharedMemory
{
    private static readonly List<SafeFileHandle> Pending = [];
    private static readonly List<IDisposable> Mapped = [];

    /// <summary>Whether this platform has memory files (Linux only; elsewhere everything goes through the pipes).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// Called with each request: closes the memory files of the previous reply (the worker has opened them by now)
    /// and the input mappings of the previous request, and returns this request's inputs, those that arrive as memory
    /// files mapped read-only (not copied). The decoded columns of a task point into its mappings, so they are valid
    /// until the next request: as with every engine, a function must not keep a partition's data beyond its call.
    /// </summary>
    public static List<ReadOnlyMemory<byte>> ResolveInputs(JsonObject header, List<byte[]> blobs)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(blobs);
        ReleasePending();
        var result = new List<ReadOnlyMemory<byte>>(blobs.Count);
        foreach (var b in blobs)
        {
            result.Add(b);
        }

        if (header["shm_in"] is not JsonArray inputs)
        {
            return result;
        }

        foreach (var node in inputs)
        {
            var entry = node!.AsArray();
            var index = (int)entry[0]!;
            var path = (string)entry[1]!;
            var length = (long)entry[2]!;
            if (length > Array.MaxLength)
            {
                throw new InvalidDataException($"an input partition of {length} bytes exceeds the 2 GB partition limit");
            }

            var mapped = MappedMemory.Map(path, (int)length);
            Mapped.Add(mapped);
            result[index] = mapped.Memory;
        }

        return result;
    }

    /// <summary>
    /// Moves the outputs of at least the request's <c>shm_out</c> bytes into memory files: their blobs become empty and
    /// the reply's <c>shm_out</c> names the descriptors. Does nothing when the request did not ask for it.
    /// </summary>
    public static void HandOver(JsonObject request, JsonObject reply, List<byte[]> outputs)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(outputs);
        if (!IsSupported || request["shm_out"] is not JsonNode min)
        {
            return;
        }

        var threshold = (long)min;
        JsonArray? handed = null;
        for (var i = 0; i < outputs.Count; i++)
        {
            var blob = outputs[i];
            if (blob.Length == 0 || blob.Length < threshold)
            {
                continue;
            }

            var fd = MemfdCreate("fugue-part", MfdCloexec);
            if (fd < 0)
            {
                // no memory files (an old kernel, a sandbox): this output goes through the pipe
                continue;
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            Pending.Add(handle);
            RandomAccess.Write(handle, blob, 0);
            (handed ??= []).Add(new JsonArray(i, fd, (long)blob.Length));
            outputs[i] = [];
        }

        if (handed is not null)
        {
            reply["shm_out"] = handed;
        }
    }

    /// <summary>Closes the descriptors of the memory files handed over with the previous reply and unmaps the previous request's inputs.</summary>
    public static void ReleasePending()
    {
        foreach (var m in Mapped)
        {
            m.Dispose();
        }

        Mapped.Clear();
        foreach (var h in Pending)
        {
            h.Dispose();
        }

        Pending.Clear();
    }

    private const uint MfdCloexec = 1;

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static unsafe partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static unsafe partial int Munmap(void* address, nuint length);

    /// <summary>A read-only shared mapping of a memory file as <see cref="Memory{T}"/>; unmapped by <see cref="ReleasePending"/>.</summary>
    private sealed unsafe class MappedMemory : MemoryManager<byte>
    {
        private const int ProtRead = 1;
        private const int MapShared = 1;
        private const int MapPopulate = 0x8000;

        private byte* pointer;
        private readonly int length;

        private MappedMemory(byte* pointer, int length)
        {
            this.pointer = pointer;
            this.length = length;
        }

        public static MappedMemory Map(string path, int length)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // populate: one call maps every page, instead of a fault per few pages while decoding
            var p = Mmap(null, (nuint)length, ProtRead, MapShared | MapPopulate, (int)handle.DangerousGetHandle(), 0);
            if (p == (void*)-1)
            {
                throw new IOException($"could not map the input memory file {path} ({length} bytes): errno {Marshal.GetLastPInvokeError()}");
            }

            return new MappedMemory((byte*)p, length);
        }

        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (pointer != null)
            {
                _ = Munmap(pointer, (nuint)length);
                pointer = null;
            }
        }
    }
}
