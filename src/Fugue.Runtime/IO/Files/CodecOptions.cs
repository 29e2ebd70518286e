using System.Globalization;
using Fugue.IO.Csv;
using Fugue.IO.Ipc;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;

namespace Fugue.IO.Files;

/// <summary>
/// Reads the codec options of a load or save from Fugue's keyword dictionary (keys case-insensitive):
/// CSV <c>header</c>, <c>infer_schema</c>, <c>delimiter</c>/<c>sep</c>, <c>quote</c>, <c>escape</c>,
/// <c>null_value</c>/<c>nullValue</c>; Parquet <c>compression</c>, <c>row_group_size</c>; Arrow <c>compression</c>;
/// every format <c>batch_size</c> (reading). Unknown keys are an error so typos do not pass silently.
/// </summary>
internal sealed class CodecOptions
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public CodecOptions(IReadOnlyDictionary<string, object?>? options)
    {
        if (options is not null)
        {
            foreach (var (k, v) in options)
            {
                _values[k.Replace("_", "", StringComparison.Ordinal)] = v;
            }
        }
    }

    public bool GetBool(string key, bool fallback)
    {
        if (!TryGet(key, out var v) || v is null)
        {
            return fallback;
        }

        return v switch
        {
            bool b => b,
            string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("yes", StringComparison.OrdinalIgnoreCase) => true,
            string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "0" || s.Equals("no", StringComparison.OrdinalIgnoreCase) => false,
            int i => i != 0,
            long l => l != 0,
            _ => throw new ArgumentException($"option '{key}' must be a boolean, got '{v}'"),
        };
    }

    /// <summary>
    /// CSV <c>header</c>: a boolean (or its text), or <c>0</c> as in pandas (the header is row 0), as Fugue accepts.
    /// </summary>
    public bool GetHeader()
    {
        if (!TryGet("header", out var v) || v is null)
        {
            return false;
        }

        return v switch
        {
            bool b => b,
            int or long when Convert.ToInt64(v, CultureInfo.InvariantCulture) == 0 => true,
            string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "0" => true,
            string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new ArgumentException($"option 'header' must be true or false (or 0: the header is the first row), got '{v}'"),
        };
    }

    public char? GetChar(string key)
    {
        if (!TryGet(key, out var v) || v is null)
        {
            return null;
        }

        return v switch
        {
            char c => c,
            string { Length: 1 } s => s[0],
            string s when s == "\\t" => '\t',
            _ => throw new ArgumentException($"option '{key}' must be a single character, got '{v}'"),
        };
    }

    public string? GetString(string key) =>
        TryGet(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    public int? GetInt(string key)
    {
        if (!TryGet(key, out var v) || v is null)
        {
            return null;
        }

        try
        {
            var i = Convert.ToInt32(v, CultureInfo.InvariantCulture);
            return i > 0 ? i : throw new ArgumentException($"option '{key}' must be positive, got {i}");
        }
        catch (FormatException)
        {
            throw new ArgumentException($"option '{key}' must be an integer, got '{v}'");
        }
    }

    /// <summary>The <c>parallelism</c> option: threads that decode one file (default 1, the calling thread).</summary>
    public int ReadParallelism() => GetInt("parallelism") ?? 1;

    /// <summary>Fails on keys no codec option used.</summary>
    public void CheckAllUsed(FileFormat format)
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"unknown {format.ToString().ToLowerInvariant()} option(s) {string.Join(", ", unknown.Select(k => "'" + k + "'"))}");
        }
    }

    public CsvReadOptions CsvRead()
    {
        var o = new CsvReadOptions
        {
            Header = GetHeader(),
            InferSchema = GetBool("infer_schema", false) || GetBool("inferSchema", false),
            Delimiter = GetChar("delimiter") ?? GetChar("sep") ?? ',',
            Quote = GetChar("quote") ?? '"',
            Escape = GetChar("escape"),
            NullValue = GetString("null_value") ?? GetString("nullValue") ?? "",
        };
        return GetInt("batch_size") is { } size ? o with { BatchSize = size } : o;
    }

    public CsvWriteOptions CsvWrite() => new()
    {
        Header = GetHeader(),
        Delimiter = GetChar("delimiter") ?? GetChar("sep") ?? ',',
        Quote = GetChar("quote") ?? '"',
        NullValue = GetString("null_value") ?? GetString("nullValue") ?? "",
    };

    public int? BatchSize() => GetInt("batch_size");

    public ParquetWriterOptions ParquetWrite()
    {
        var compression = GetString("compression");
        var rowGroup = GetInt("row_group_size");
        var codec = compression?.ToLowerInvariant() switch
        {
            null => CompressionCodec.Snappy,
            "snappy" => CompressionCodec.Snappy,
            "gzip" => CompressionCodec.Gzip,
            "zstd" => CompressionCodec.Zstd,
            "lz4" or "lz4_raw" => CompressionCodec.Lz4Raw,
            "none" or "uncompressed" => CompressionCodec.Uncompressed,
            _ => throw new ArgumentException($"parquet compression '{compression}' is not supported (snappy, gzip, zstd, lz4, none)"),
        };
        return rowGroup is { } rows
            ? new ParquetWriterOptions { Compression = codec, RowGroupRowCount = rows }
            : new ParquetWriterOptions { Compression = codec };
    }

    public ArrowIpcWriteOptions ArrowWrite()
    {
        var compression = GetString("compression");
        return compression?.ToLowerInvariant() switch
        {
            null or "none" or "uncompressed" => ArrowIpcWriteOptions.Default,
            "zstd" => new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd },
            _ => throw new ArgumentException($"arrow compression '{compression}' is not supported (zstd, none)"),
        };
    }

    private bool TryGet(string key, out object? value)
    {
        var k = key.Replace("_", "", StringComparison.Ordinal);
        _used.Add(k);
        return _values.TryGetValue(k, out value);
    }
}
