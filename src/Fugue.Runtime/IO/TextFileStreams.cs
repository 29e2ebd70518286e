using System.IO.Compression;

namespace Fugue.IO;

/// <summary>Opens the files of the text codecs (CSV, JSON Lines): gzip-wrapped when the path ends with <c>.gz</c>.</summary>
internal static class TextFileStreams
{
    /// <summary>Opens <paramref name="path"/> for reading, decompressing gzip by suffix.</summary>
    public static Stream OpenRead(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (!IsGzip(path))
        {
            return stream;
        }

        try
        {
            return new GZipStream(stream, CompressionMode.Decompress);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Creates <paramref name="path"/> for writing, compressing with gzip by suffix.</summary>
    public static Stream Create(string path)
    {
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return IsGzip(path) ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
    }

    private static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
