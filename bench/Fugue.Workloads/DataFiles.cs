using Fugue.Execution;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Workloads;

/// <summary>Loads and saves the benchmark files through the engine API a user calls (all columns materialised).</summary>
public static class DataFiles
{
    /// <summary>The fact schema of WORKLOADS.md; the CSV load gives it explicitly.</summary>
    public static readonly Schema FactSchema = Schema.Parse("id:long,key:int,a:double,b:str,ts:datetime");

    /// <summary>
    /// Loads a Parquet file the way a user does: <c>engine.LoadDf(path)</c> (lazy; the native engine decodes row groups
    /// x columns on all cores) materialised by <c>engine.Persist</c>.
    /// </summary>
    public static ColumnarDataFrame LoadParquet(ExecutionEngine engine, string path) =>
        (ColumnarDataFrame)engine.Persist(engine.LoadDf(path));

    /// <summary>Loads the fact CSV with the explicit schema (header line, no inference) through <c>engine.LoadDf</c>, parsed on all cores.</summary>
    public static ColumnarDataFrame LoadFactCsv(ExecutionEngine engine, string path) =>
        (ColumnarDataFrame)engine.Persist(engine.LoadDf([path], null, FactSchema, new Dictionary<string, object?> { ["header"] = true }));

    /// <summary>
    /// Saves the frame as one snappy-compressed Parquet file (deleted first) through <c>engine.SaveDf</c>: written to a
    /// temporary sibling and renamed into place; the writer gathers row groups of 2^20 rows and encodes column chunks in
    /// parallel.
    /// </summary>
    public static void SaveParquet(ExecutionEngine engine, DataFrame df, string path)
    {
        File.Delete(path);
        engine.SaveDf(df, path, forceSingle: true, options: new Dictionary<string, object?> { ["compression"] = "snappy" });
    }
}
