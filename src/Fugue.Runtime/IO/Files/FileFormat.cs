namespace Fugue.IO.Files;

/// <summary>The file formats <see cref="FileLoader"/> and <see cref="FileSaver"/> read and write.</summary>
public enum FileFormat
{
    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,

    /// <summary>CSV text (<c>.csv</c>, gzip-compressed <c>.csv.gz</c>).</summary>
    Csv,

    /// <summary>JSON Lines (<c>.json</c>, gzip-compressed <c>.json.gz</c>).</summary>
    Json,

    /// <summary>Arrow IPC file format, Feather v2 (<c>.arrow</c>, <c>.feather</c>).</summary>
    Arrow,
}
