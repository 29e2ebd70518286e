using System.IO.Compression;
using Fugue.Columnar;
using Fugue.IO.Csv;
using Fugue.IO.Ipc;
using Fugue.IO.Json;
using Fugue.IO.Parquet;
using Fugue.Schemas;

namespace Fugue.IO.Files;

/// <summary>
/// One output file of a save in any format: batches are written as they come; <see cref="Commit"/> finishes the
/// file (footer, gzip trailer) and flushes it to the disk so a later rename publishes complete data.
/// </summary>
internal sealed class PartFileWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream? _gzip;
    private readonly Action<RecordBatch> _write;
    private readonly Action _close;
    private readonly IDisposable _writer;
    private bool _done;

    private PartFileWriter(FileStream file, Stream? gzip, Action<RecordBatch> write, Action close, IDisposable writer)
    {
        _file = file;
        _gzip = gzip;
        _write = write;
        _close = close;
        _writer = writer;
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Creates <paramref name="path"/> (which must not exist) for <paramref name="schema"/>.</summary>
    public static PartFileWriter Create(string path, Schema schema, FileFormat format, bool gzip, SaveCodec codec)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        Stream? zip = null;
        try
        {
            Stream target = file;
            if (gzip)
            {
                target = zip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            }

            switch (format)
            {
                case FileFormat.Parquet:
                    var p = new ParquetWriter(target, schema, codec.Parquet, leaveOpen: true);
                    return new PartFileWriter(file, zip, p.Write, p.Close, p);
                case FileFormat.Csv:
                    var c = new CsvWriter(target, schema, codec.Csv, leaveOpen: true);
                    return new PartFileWriter(file, zip, c.Write, c.Close, c);
                case FileFormat.Json:
                    var j = new JsonLinesWriter(target, schema, leaveOpen: true);
                    return new PartFileWriter(file, zip, j.Write, j.Close, j);
                default:
                    var a = new ArrowFileWriter(target, schema, codec.Arrow, leaveOpen: true);
                    return new PartFileWriter(file, zip, a.WriteBatch, a.Close, a);
            }
        }
        catch
        {
            zip?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends a batch.</summary>
    public void Write(RecordBatch batch)
    {
        _write(batch);
        Rows += batch.Length;
    }

    /// <summary>Finishes the file and flushes it to the disk.</summary>
    public void Commit()
    {
        _close();
        _gzip?.Dispose();
        _file.Flush(flushToDisk: true);
        _done = true;
        _file.Dispose();
    }

    /// <summary>Releases the file (after a failure the half-written file is left for the caller to delete).</summary>
    public void Dispose()
    {
        if (!_done)
        {
            try
            {
                _writer.Dispose();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException or NotSupportedException)
            {
                // The save already failed; the staged file is deleted by the caller.
            }

            _gzip?.Dispose();
            _file.Dispose();
            _done = true;
        }
    }
}
