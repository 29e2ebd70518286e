using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Fugue.Dask;

/// <summary>
/// Partitions handed between an executor and its Dask worker in memory files (Linux <c>memfd</c>) instead of through
/// the pipe: a pipe copies every byte twice with a context switch per buffer, while a memory file is written once by
/// the producer and mapped (not copied) by the worker, which holds only the file handle for Dask. Inputs the worker
/// holds that way come back as <c>/proc/&lt;worker pid&gt;/fd/&lt;n&gt;</c> paths the executor maps read-only.
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
    /// until the task's outputs are encoded (<see cref="ReleaseInputs"/>): as with every engine, a function must not
    /// keep a partition's data beyond its call.
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

            if (length == 0)
            {
                result[index] = Array.Empty<byte>();
                continue;
            }

            var mapped = MappedMemory.Map(path, (int)length);
            Mapped.Add(mapped);
            result[index] = mapped.Memory;
        }

        return result;
    }

    /// <summary>
    /// Encodes the outputs for the reply: those of at least the request's <c>shm_out</c> bytes straight into memory files
    /// (their blobs on the pipe are empty and the reply's <c>shm_out</c> names the descriptors), the others into arrays.
    /// </summary>
    public static List<byte[]> HandOver(JsonObject request, JsonObject reply, IReadOnlyList<DaskOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(outputs);
        var threshold = IsSupported && request["shm_out"] is JsonNode min ? (long)min : long.MaxValue;
        var blobs = new List<byte[]>(outputs.Count);
        JsonArray? handed = null;
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            int fd;
            if (output.EstimatedLength < threshold || (fd = MemfdCreate("fugue-part", MfdCloexec)) < 0)
            {
                // small, or no memory files (not Linux, an old kernel, a sandbox): through the pipe
                blobs.Add(output.ToArray());
                continue;
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            Pending.Add(handle);
            var stream = new FileWriter(handle);
            output.WriteTo(stream);
            (handed ??= []).Add(new JsonArray(i, fd, stream.Position));
            blobs.Add([]);
        }

        if (handed is not null)
        {
            reply["shm_out"] = handed;
        }

        return blobs;
    }

    /// <summary>Unmaps the inputs of the current task; its decoded columns must not be used after this.</summary>
    public static void ReleaseInputs()
    {
        foreach (var m in Mapped)
        {
            m.Dispose();
        }

        Mapped.Clear();
    }

    /// <summary>Closes the descriptors of the memory files handed over with the previous reply and unmaps the previous request's inputs.</summary>
    public static void ReleasePending()
    {
        ReleaseInputs();
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

    /// <summary>
    /// Writes at the end of a file by positional writes; does not own the handle (a <see cref="FileStream"/> would close
    /// it when disposed or finalized, before the worker has opened the file).
    /// </summary>
    private sealed class FileWriter(SafeFileHandle handle) : Stream
    {
        private long position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => position;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            RandomAccess.Write(handle, buffer, position);
            position += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A read-only shared mapping of a memory file as <see cref="Memory{T}"/>; unmapped by <see cref="ReleaseInputs"/>.</summary>
    private sealed unsafe class MappedMemory : MemoryManager<byte>
    {
        private const int ProtRead = 1;
        private const int MapShared = 1;

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
            // no MAP_POPULATE: a task touches only the columns it reads (a count by key maps the key column only)
            var p = Mmap(null, (nuint)length, ProtRead, MapShared, (int)handle.DangerousGetHandle(), 0);
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
                Quarantine(pointer, length);
                pointer = null;
            }
        }

        /// <summary>The address of the mapping (tests: a released range is not handed out again).</summary>
        internal nint Address => (nint)pointer;
    }

    private const int ProtNone = 0;
    private const int MapPrivateAnonymousFixedNoReserve = 0x02 | 0x20 | 0x10 | 0x4000;
    private const long QuarantineLimit = 1L << 40;
    private static readonly Queue<(nint Address, int Length)> Quarantined = new();
    private static long s_quarantinedBytes;

    /// <summary>
    /// Releases a mapping's file pages but keeps its address range reserved and inaccessible (an anonymous
    /// <c>PROT_NONE</c> mapping over it): a function that wrongly kept a reference into a released input then faults
    /// instead of reading whatever a later task's mapping put at the same address. The oldest reservations are
    /// returned once they exceed 1 TiB of address space (costless until then: no pages, no commit).
    /// </summary>
    private static unsafe void Quarantine(byte* pointer, int length)
    {
        if (Mmap(pointer, (nuint)length, ProtNone, MapPrivateAnonymousFixedNoReserve, -1, 0) == (void*)-1)
        {
            _ = Munmap(pointer, (nuint)length);
            return;
        }

        Quarantined.Enqueue(((nint)pointer, length));
        s_quarantinedBytes += length;
        while (s_quarantinedBytes > QuarantineLimit && Quarantined.TryDequeue(out var old))
        {
            _ = Munmap((void*)old.Address, (nuint)old.Length);
            s_quarantinedBytes -= old.Length;
        }
    }

    /// <summary>Maps <paramref name="path"/> as a task input would be (tests).</summary>
    internal static IDisposable MapForTest(string path, int length, out nint address)
    {
        var mapped = MappedMemory.Map(path, length);
        address = mapped.Address;
        return mapped;
    }
}
