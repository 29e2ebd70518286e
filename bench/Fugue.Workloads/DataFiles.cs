using Fugue.Columnar;
using Fugue.Frames;
using Fugue.IO.Parquet.Metadata;
using Fugue.IO.Csv;
using Fugue.IO.Parquet;
using Fugue.Schemas;

namespace Fugue.Workloads;

/// <summary>Loads and saves the benchmark files with the project's own codecs (all columns materialised).</summary>
public static class DataFiles
{
    /// <summary>The fact schema of WORKLOADS.md; the CSV load gives it explicitly.</summary>
    public static readonly Schema FactSchema = Schema.Parse("id:long,key:int,a:double,b:str,ts:datetime");

    /// <summary>
    /// Reads every row group of a Parquet file into a columnar frame (one batch per row group, file order), decoding
    /// the column chunks on up to <paramref name="threads"/> threads into large shared buffers (<see cref="ParquetReader.ReadAll"/>).
    /// </summary>
    public static ColumnarDataFrame LoadParquet(string path, int threads)
    {
        using var reader = ParquetReader.Open(path);
        return new ColumnarDataFrame(reader.Schema, reader.ReadAll(parallelism: Math.Max(1, threads)));
    }

    /// <summary>Reads the fact CSV with the explicit schema (header line, no inference), parsing on <paramref name="parallelism"/> threads.</summary>
    public static ColumnarDataFrame LoadFactCsv(string path, int parallelism)
    {
        var options = new CsvReadOptions { Header = true, Schema = FactSchema, Parallelism = parallelism };
        using var reader = CsvReader.Open(path, options);
        return new ColumnarDataFrame(reader.Schema, reader.ReadBatches().ToList());
    }

    /// <summary>
    /// Writes the frame's batches to a snappy-compressed Parquet file (deleted first). The writer gathers the batches
    /// into row groups of its target size (2^20 rows) itself and encodes the column chunks on the thread pool.
    /// </summary>
    public static void SaveParquet(DataFrame df, string path)
    {
        File.Delete(path);
        var options = new ParquetWriterOptions { Compression = CompressionCodec.Snappy };
        using var writer = ParquetWriter.Create(path, df.Schema, options);
        foreach (var batch in df.AsBatches())
        {
            writer.Write(batch);
        }

        writer.Close();
    }
}
