// C# twins of the examples on Fugue's "Execution Engine" page (fugue-execution-engine.txt), run on the
// in-process NativeExecutionEngine. Each section prints its tables with a title.
using System.Diagnostics;
using System.Globalization;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Sql;

Section("Native engine from config");
using (var configured = new NativeExecutionEngine(new Dictionary<string, object?> { ["myconfig"] = "abc" }))
{
    Console.WriteLine($"myconfig = {configured.Conf.GetOrThrow<string>("myconfig")}");
    Console.WriteLine($"parallelism = {configured.GetCurrentParallelism()}, distributed = {configured.IsDistributed}");
}

using var engine = new NativeExecutionEngine();

Section("Create DataFrame (ToDf)");
var df1 = engine.ToDf([[0]], Schema.Parse("a:int"));
// A frame from elsewhere (here a stream standing in for another engine's frame) becomes a local frame.
var df2 = DataFrame.FromStream([[0]], Schema.Parse("a:int"));
var df3 = engine.ToDf(df2);
Console.WriteLine($"df1 rows == df3 rows: {Same(df1, df3)}");
df3.Show(title: "df3");

Section("Repartition");
var repartitioned = engine.Repartition(new ArrayDataFrame([[0], [1]], Schema.Parse("a:int")), PartitionSpec.By("a"));
repartitioned.Show(title: "repartition is a no-op in process");

Section("Map");
var random = new Random(0);
var ints = new ArrayDataFrame(
    Enumerable.Range(0, 20).Select(_ => new object?[] { (long)random.Next(4), (long)random.Next(4), (long)random.Next(4) }),
    Schema.Parse("a:long,b:long,c:long"));
var keyData = Schema.Parse("key:str,data:str");
engine.Map(
        ints,
        (cursor, df) => new ArrayDataFrame([[Repr(cursor.KeyValueDict), Repr(df.AsArray())]], keyData),
        keyData,
        new PartitionSpec(by: ["a", "b"], presort: "c DESC"))
    .Show(n: 100, title: "map by a,b presort c DESC");

Section("Persist & Broadcast");
LocalDataFrame Slow(PartitionCursor cursor, LocalDataFrame df)
{
    Thread.Sleep(100);
    return df;
}

double Run(bool persist)
{
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < 3; i++)
    {
        var df = engine.Map(new ArrayDataFrame([[0]], Schema.Parse("a:int")), Slow, Schema.Parse("a:int"));
        if (persist)
        {
            df = engine.Persist(df);
        }

        df.AsArray();
        df.AsArray(); // without persist, this runs the map again
    }

    return sw.Elapsed.TotalSeconds;
}

Console.WriteLine($"without persist: {Run(false).ToString("F2", CultureInfo.InvariantCulture)} s (6 map runs of 0.1 s)");
Console.WriteLine($"with persist:    {Run(true).ToString("F2", CultureInfo.InvariantCulture)} s (3 map runs of 0.1 s)");

Section("Join");
var j1 = new ArrayDataFrame([["k1", "a"], ["k2", "b"]], Schema.Parse("a:str,b:str"));
var j2 = new ArrayDataFrame([["k2", "c"], ["k3", "d"]], Schema.Parse("a:str,c:str"));
var j3 = new ArrayDataFrame([["k4", "c"], ["k5", "d"]], Schema.Parse("d:str,e:str"));
engine.Join(j1, j2, "semi", ["a"]).Show(title: "LEFT SEMI");
engine.Join(j1, j2, "anti", ["a"]).Show(title: "LEFT ANTI");
engine.Join(j1, j2, "left_outer", ["a"]).Show(title: "LEFT OUTER");
engine.Join(j1, j2, "right_outer", ["a"]).Show(title: "RIGHT OUTER");
engine.Join(j1, j2, "full_outer", ["a"]).Show(title: "FULL OUTER");
engine.Join(j1, j3, "cross").Show(title: "CROSS");

// `on` can be inferred from the common columns.
engine.Join(j1, j2, "semi").Show(title: "LEFT SEMI (inferred keys)");
engine.Join(j1, j2, "anti").Show(title: "LEFT ANTI (inferred keys)");
engine.Join(j1, j2, "left_outer").Show(title: "LEFT OUTER (inferred keys)");
engine.Join(j1, j2, "right_outer").Show(title: "RIGHT OUTER (inferred keys)");
engine.Join(j1, j2, "full_outer").Show(title: "FULL OUTER (inferred keys)");

// Common non-key columns must be renamed first (the engine says so otherwise).
var j1Renamed = j1.Rename(new Dictionary<string, string> { ["b"] = "c" });
engine.Join(j1, j1Renamed, "inner").Show(title: "INNER after renaming b to c");
try
{
    engine.Join(j1, j1Renamed.Rename(new Dictionary<string, string> { ["c"] = "b" }), "inner", ["a"]);
}
catch (FugueSchemaException ex)
{
    Console.WriteLine($"shared non-key column: {ex.Message}");
}

Section("Zip & Comap");
var z1 = new ArrayDataFrame([["k1", "a"], ["k1", "b"], ["k2", "b"], ["k2", "c"]], Schema.Parse("a:str,b:str"));
var z2 = new ArrayDataFrame([["k2", "c"], ["k2", "d"], ["k3", "d"], ["k3", "e"]], Schema.Parse("a:str,b:str"));
Console.WriteLine($"zip by a:        {engine.Zip(new DataFrames(z1, z2), JoinType.Inner, PartitionSpec.By("a")).Schema}");
Console.WriteLine($"zip inferred:    {engine.Zip(new DataFrames(z1, z2)).Schema}");
Console.WriteLine($"zip left_outer:  {engine.Zip(new DataFrames(z1, z2), JoinType.LeftOuter, PartitionSpec.By("a")).Schema}");
var keyValue = Schema.Parse("key:str,value:[str]");
LocalDataFrame Describe(PartitionCursor cursor, DataFrames dfs) =>
    new ArrayDataFrame([[Repr(cursor.KeyValueDict), dfs.Select(f => (object?)Repr(f.AsArray())).ToArray()]], keyValue);
var leftZip = engine.Zip(new DataFrames(z1, z2), JoinType.LeftOuter, PartitionSpec.By("a"));
engine.Comap(leftZip, Describe, keyValue).Show(title: "comap over a left_outer zip by a (k1 has an empty second frame)");
var innerZip = engine.Zip(new DataFrames(z1, z2));
engine.Comap(innerZip, Describe, keyValue).Show(title: "comap over an inner zip on the inferred keys a,b");

Section("Load & Save");
var folder = Directory.CreateTempSubdirectory("fugue-seed-").FullName;
try
{
    var s1 = new ArrayDataFrame([["1", "a"], ["1", "b"], ["2", "b"], ["2", "c"]], Schema.Parse("a:str,b:str"));
    var t1 = Path.Combine(folder, "t1");
    // A format hint names the format when the path has no suffix.
    engine.SaveDf(s1, t1, formatHint: "parquet");
    engine.LoadDf(t1, formatHint: "parquet").Show(title: "load_df(t1, parquet)");
    // Only some columns (Parquet reads only those).
    engine.LoadDf(t1, formatHint: "parquet", columns: ["a"]).Show(title: "load_df(t1, parquet, columns=[a])");
    // Overwrite is the default mode; append adds part files to a folder; error throws when the path exists.
    var t1Parquet = Path.Combine(folder, "t1.parquet");
    engine.SaveDf(s1, t1Parquet, partitionSpec: PartitionSpec.Num(2));
    engine.SaveDf(s1, t1Parquet, mode: SaveMode.Append);
    Console.WriteLine($"after append: {engine.LoadDf(t1Parquet).Count()} rows");
    try
    {
        engine.SaveDf(s1, t1Parquet, mode: SaveMode.Error);
    }
    catch (IOException ex)
    {
        Console.WriteLine($"mode error: {ex.Message}");
    }

    // A single file even where the engine would write a folder of part files.
    engine.SaveDf(s1, t1Parquet, partitionSpec: PartitionSpec.Num(2), forceSingle: true);
    Console.WriteLine($"force_single: {(File.Exists(t1Parquet) ? "one file" : "a folder")}");
    // CSV with a header, loaded back with and without a schema.
    var t1Csv = Path.Combine(folder, "t1.csv");
    var header = new Dictionary<string, object?> { ["header"] = true };
    engine.SaveDf(s1, t1Csv, options: header);
    engine.LoadDf(t1Csv, options: header).Show(title: "csv with header");
    engine.LoadDf(t1Csv, null, "a:int,b:str", header).Show(title: "csv with header, columns a:int,b:str");
    // Without a header the schema must be given.
    engine.SaveDf(s1, t1Csv);
    engine.LoadDf(t1Csv, null, "a:int,b:str").Show(title: "csv without header, columns a:int,b:str");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Section("SQL engine");
DataFrame x = new ArrayDataFrame([[0L, 1L], [1L, 2L]], Schema.Parse("a:long,b:long"));
DataFrame y = new ArrayDataFrame([[1L, 1L], [2L, 2L]], Schema.Parse("a:long,c:long"));
var sqlEngine = new SqliteEngine(engine); // the native engine's default SQL engine
sqlEngine.Select(DataFrames.Of(("x", x), ("y", y)), "SELECT x.*,c FROM x INNER JOIN y ON x.a=y.a").Show(title: "SqliteEngine select");

static void Section(string title) => Console.WriteLine($"{Environment.NewLine}=== {title} ===");

static bool Same(DataFrame a, DataFrame b) =>
    a.AsArray().Select(r => Repr(r)).SequenceEqual(b.AsArray().Select(r => Repr(r)));

static string Repr(object? value) => value switch
{
    null => "None",
    string s => "'" + s + "'",
    IReadOnlyDictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}",
    System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Repr)) + "]",
    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
    _ => value.ToString() ?? "",
};
