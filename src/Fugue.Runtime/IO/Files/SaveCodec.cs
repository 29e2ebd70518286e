using Fugue.IO.Csv;
using Fugue.IO.Ipc;
using Fugue.IO.Parquet;

namespace Fugue.IO.Files;

/// <summary>The writer options of one save.</summary>
internal sealed record SaveCodec(ParquetWriterOptions Parquet, CsvWriteOptions Csv, ArrowIpcWriteOptions Arrow);
