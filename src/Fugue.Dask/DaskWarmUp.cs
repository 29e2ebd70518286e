using System.Text.Json.Nodes;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.IO.Ipc;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// Runs the executor's common task paths once on a few rows (a Parquet load, select, shuffle split, broadcast joins,
/// a shipped map, a zip and a co-map), so a fresh executor (a worker restarted after a loss) has them compiled before
/// its first real tasks: executors compile every method fully optimized, which makes a cold path's first run slow.
/// </summary>
public static class DaskWarmUp
{
    private const string FactSchema = "id:long,key:int,a:double,b:str,ts:datetime";

    /// <summary>Runs the warm-up; every failure is swallowed (it only saves time later).</summary>
    public static void Run()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fugue-warmup-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var schema = Schema.Parse(FactSchema);
            var rows = Enumerable.Range(0, 64).Select(i => new object?[]
            {
                (long)i, i % 5 == 0 ? null : i % 7, i * 0.5, i % 3 == 0 ? null : "b" + i, new DateTime(2024, 1, 1).AddSeconds(i),
            });
            var fact = new ArrayDataFrame(rows, schema).ToColumnar();
            var dim = new ArrayDataFrame(Enumerable.Range(0, 6).Select(i => new object?[] { i, i * 1.5 }), Schema.Parse("key:int,weight:double")).ToColumnar();
            var factBlob = ArrowIpc.Serialize(fact.AsBatches(), schema);
            var dimBlob = ArrowIpc.Serialize(dim.AsBatches(), dim.Schema);

            // a Parquet file to load (loads are recomputed on a restarted worker after a loss)
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "fact.parquet");
            using (var native = new Fugue.Native.NativeExecutionEngine())
            {
                native.SaveDf(fact, path);
            }

            var load = new JsonObject
            {
                ["op"] = "load", ["path"] = path, ["format"] = "parquet", ["fileSchema"] = FactSchema, ["output"] = FactSchema,
                ["options"] = new JsonObject(), ["keys"] = new JsonObject(), ["rowGroups"] = new JsonArray(0, 1),
            };
            Execute([], [], [load], []);
            Execute([1], [FactSchema], [Stage("select", ("columns", new JsonArray("key", "a"))), Stage("split", ("keys", new JsonArray("key")), ("n", 4))], [factBlob]);
            Execute([1], [FactSchema], [Stage("split", ("keys", new JsonArray("key", "b")), ("n", 4))], [factBlob]);
            var map = DelegateShipping.Serialize((MapFunc)Identity);
            foreach (var how in new[] { "inner", "left_outer" })
            {
                var join = Stage("join", ("how", how), ("on", new JsonArray("key")), ("side", 1), ("sideLeft", false));
                var mapStage = Stage("map", ("func", map.DeepClone()), ("init", null), ("output", "key:int,a:double,weight:double"), ("spec", DaskJson.Spec(PartitionSpec.Empty)));
                Execute([1, 1], [FactSchema, "key:int,weight:double"], [Stage("select", ("columns", new JsonArray("key", "a"))), join, mapStage], [factBlob, dimBlob], sides: [1]);
            }

            var zipSpec = DaskJson.Spec(PartitionSpec.By("key"));
            var zip = Stage("zip", ("names", new JsonArray("fact", "dim")), ("how", "full_outer"), ("zipSpec", zipSpec));
            Execute([1, 1], [FactSchema, "key:int,weight:double"], [zip], [factBlob, dimBlob]);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"executor warm-up skipped: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }
    }

    private static LocalDataFrame Identity(PartitionCursor cursor, LocalDataFrame df) => df;

    private static JsonObject Stage(string op, params (string Key, JsonNode? Value)[] fields)
    {
        var stage = new JsonObject { ["op"] = op };
        foreach (var (k, v) in fields)
        {
            stage[k] = v;
        }

        return stage;
    }

    private static void Execute(int[] groups, string[] schemas, JsonObject[] stages, byte[][] inputs, int[]? sides = null)
    {
        var header = new JsonObject
        {
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
            ["schemas"] = DaskJson.Strings(schemas),
            ["stages"] = new JsonArray(stages.Select(s => (JsonNode)s).ToArray()),
            ["conf"] = new JsonObject(),
        };
        if (sides is not null)
        {
            header["sides"] = new JsonArray(sides.Select(g => (JsonNode)g).ToArray());
        }

        // outputs are encoded where they go (DaskOutput): encode them, so that path is compiled too
        foreach (var output in DaskOperations.Execute(header, [.. inputs.Select(b => (ReadOnlyMemory<byte>)b)]).Outputs)
        {
            output.WriteTo(Stream.Null);
        }
    }
}
