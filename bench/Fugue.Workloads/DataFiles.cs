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
    /// row groups on up to <paramref name="threads"/> threads, each with its own reader on its own file stream.
    /// </summary>
    public static ColumnarDataFrame LoadParquet(string path, int threads)
    {
        using var first = ParquetReader.Open(path);
        var groups = first.RowGroupCount;
        var schema = first.Schema;
        var batches = new RecordBatch[groups];
        if (threads <= 1 || groups <= 1)
        {
            for (var g = 0; g < groups; g++)
            {
                batches[g] = first.ReadRowGroup(g);
            }
        }
        else
        {
            var next = -1;
            var workers = new Thread[Math.Min(threads, groups)];
            Exception? failure = null;
            for (var t = 0; t < workers.Length; t++)
            {
                workers[t] = new Thread(() =>
                {
                    try
                    {
                        using var reader = ParquetReader.Open(path);
                        int g;
                        while ((g = Interlocked.Increment(ref next)) < groups)
                        {
                            batches[g] = reader.ReadRowGroup(g);
                        }
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                    }
                });
                workers[t].Start();
            }

            foreach (var w in workers)
            {
                w.Join();
            }

            if (failure is not null)
            {
                throw new InvalidOperationException($"reading {path} failed: {failure.Message}", failure);
            }
        }

        return new ColumnarDataFrame(schema, batches);
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
