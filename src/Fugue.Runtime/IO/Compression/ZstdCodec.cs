using System.Globalization;
using System.Runtime.InteropServices;
using Fugue.IO.Parquet;

namespace Fugue.IO.Compression;

/// <summary>
/// Zstandard through the system library (<c>libzstd.so.1</c>) with source-generated P/Invoke, so it works under
/// NativeAOT. Decompression accepts concatenated frames, as Parquet writers may emit.
/// </summary>
public static partial class ZstdCodec
{
    private const string Library = "libzstd.so.1";

    /// <summary>The default compression level.</summary>
    public const int DefaultLevel = 3;

    /// <summary>Whether the native library can be loaded.</summary>
    public static bool IsAvailable => Availability.Value;

    private static readonly Lazy<bool> Availability = new(() =>
    {
        try
        {
            return NativeMethods.ZSTD_versionNumber() > 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>An upper bound of the compressed size of <paramref name="sourceLength"/> bytes.</summary>
    public static int GetMaxCompressedLength(int sourceLength)
    {
        EnsureAvailable();
        var bound = NativeMethods.ZSTD_compressBound((nuint)sourceLength);
        return bound > int.MaxValue ? int.MaxValue : (int)bound;
    }

    /// <summary>Decompresses into <paramref name="destination"/>; returns bytes written.</summary>
    public static unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        EnsureAvailable();
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = NativeMethods.ZSTD_decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        if (NativeMethods.ZSTD_isError(result) != 0)
        {
            throw new ParquetFormatException("Corrupt ZSTD data: " + ErrorName(result));
        }

        return (int)result;
    }

    /// <summary>Compresses into <paramref name="destination"/> (at least <see cref="GetMaxCompressedLength"/>); returns bytes written.</summary>
    public static unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level = DefaultLevel)
    {
        EnsureAvailable();
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = NativeMethods.ZSTD_compress(dst, (nuint)destination.Length, src, (nuint)source.Length, level);
        }

        if (NativeMethods.ZSTD_isError(result) != 0)
        {
            throw new InvalidOperationException("ZSTD compression failed: " + ErrorName(result));
        }

        return (int)result;
    }

    private static unsafe string ErrorName(nuint code) =>
        Marshal.PtrToStringUTF8((nint)NativeMethods.ZSTD_getErrorName(code)) ?? string.Create(CultureInfo.InvariantCulture, $"error {code}");

    private static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new NotSupportedException($"ZSTD requires the native library '{Library}' (e.g. apt-get install libzstd1).");
        }
    }

    private static unsafe partial class NativeMethods
    {
        [LibraryImport(Library)]
        internal static partial uint ZSTD_versionNumber();

        [LibraryImport(Library)]
        internal static partial nuint ZSTD_compressBound(nuint srcSize);

        [LibraryImport(Library)]
        internal static partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

        [LibraryImport(Library)]
        internal static partial nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint compressedSize);

        [LibraryImport(Library)]
        internal static partial uint ZSTD_isError(nuint code);

        [LibraryImport(Library)]
        internal static partial byte* ZSTD_getErrorName(nuint code);
    }
}
