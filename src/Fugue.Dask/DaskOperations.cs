using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.IO.Ipc;
using Fugue.Native;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// What an executor does with one task: decode the input partitions (Arrow IPC streams, in groups: one frame per
/// group), run the fused stages on them with an in-process <see cref="NativeExecutionEngine"/> (whose semantics every
/// stage inside one partition reuses), and encode the output (one partition, or several buckets for a shuffle split).
/// </summary>
public static class DaskOperations
{
    /// <summary>Runs one task: <paramref name="header"/> has <c>groups</c>, <c>schemas</c>, <c>stages</c> and <c>conf</c>.</summary>
    public static (bool Multi, List<DaskOutput> Outputs) Execute(JsonObject header, IReadOnlyList<ReadOnlyMemory<byte>> inputs)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(inputs);
        var conf = DaskJson.ToConf(header["conf"]?.AsObject());
        conf[NativeExecutionEngine.ParallelismKey] = 1;
        using var native = new NativeExecutionEngine(conf);
        // the task's engine is the ambient one, so functions and transformers on the worker see the driver's conf
        using var context = native.AsContext();
        var groups = header["groups"]!.AsArray().Select(n => (int)n!).ToArray();
        var schemas = header["schemas"]!.AsArray().Select(n => Schema.Parse((string)n!)).ToArray();
        var sideGroups = header["sides"]?.AsArray().Select(n => (int)n!).ToHashSet() ?? [];
        var frames = new List<DataFrame>();
        var sides = new Dictionary<int, DataFrame>();
        var next = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            var batches = new List<RecordBatch>();
            for (var i = 0; i < groups[g]; i++)
            {
                var (schema, bs) = ArrowIpc.Deserialize(inputs[next++]);
                if (schema != schemas[g])
                {
                    throw new InvalidDataException($"an input partition has schema '{schema}' where '{schemas[g]}' was expected");
                }

                batches.AddRange(bs.Where(b => b.Length > 0));
            }

            var frame = new ColumnarDataFrame(schemas[g], batches);
            if (sideGroups.Contains(g))
            {
                sides[g] = frame;
            }
            else
            {
                frames.Add(frame);
            }
        }

        foreach (var node in header["stages"]!.AsArray())
        {
            var stage = node!.AsObject();
            var op = (string)stage["op"]!;
            if (op == "split")
            {
                return (true, Split(frames[0], DaskJson.ToStrings(stage["keys"]), (int)stage["n"]!));
            }

            if (op == "chunk")
            {
                return (true, Chunk(frames[0], (int)stage["n"]!));
            }

            if (op == "numbering")
            {
                return (true, [.. DaskGroupNumbering.Number(frames, Ascending(stage)).Select(DaskOutput.Encoded)]);
            }

            frames = [op == "join" && stage["side"] is JsonNode side ? BroadcastJoin(native, stage, frames[0], sides[(int)side]) : Apply(native, op, stage, frames)];
        }

        var result = frames[0];
        return (false, [DaskOutput.Of(result.Schema, result.AsBatches())]);
    }

    /// <summary>The handle of a transformer shipped by name; loading its assembly runs the generated module initializer, which fills the registry.</summary>
    private static Fugue.Transformers.TransformerHandle ShippedHandle(JsonObject s)
    {
        var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName((string)s["asm"]!));
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return Fugue.Transformers.TransformerHandle.FromName((string)s["name"]!);
    }

    private static Dictionary<string, object?> ShippedParams(JsonObject s) =>
        s["params"]!.AsObject().ToDictionary(kv => kv.Key, kv => DelegateShipping.DecodeValue(kv.Value!.AsObject()));

    private static List<Type> ShippedIgnore(JsonObject s) =>
        [.. (s["ignore"]?.AsArray() ?? []).Select(n => Type.GetType((string)n!, throwOnError: false)
            ?? throw new TypeLoadException($"the executor cannot load the ignored error type '{(string)n!}': ship the assembly that defines it"))];

    /// <summary>The bucket's zipped frame, rebuilt from its inputs as the "comap" stage does.</summary>
    private static DataFrame ShippedZip(NativeExecutionEngine native, JsonObject s, List<DataFrame> f)
    {
        var names = DaskJson.ToStrings(s["names"]);
        var dfs = names is null ? new DataFrames(f) : new DataFrames(names.Zip(f, KeyValuePair.Create));
        return native.Zip(dfs, JoinTypes.Parse((string)s["how"]!), DaskJson.ToSpec(s["zipSpec"]!.AsObject()));
    }

    private static DataFrame Apply(NativeExecutionEngine native, string op, JsonObject s, List<DataFrame> f)
    {
        switch (op)
        {
            case "map":
                {
                    var func = (MapFunc)DelegateShipping.Deserialize(s["func"]!.AsObject());
                    var init = s["init"] is JsonObject i ? (MapInitFunc)DelegateShipping.Deserialize(i) : null;
                    if (Numbers(s, f) is { } numbers)
                    {
                        var inner = func;
                        func = (cursor, df) =>
                        {
                            DaskGroupNumbering.Renumber(cursor, numbers);
                            return inner(cursor, df);
                        };
                    }

                    return native.Map(f[0], func, Schema.Parse((string)s["output"]!), DaskJson.ToSpec(s["spec"]!.AsObject()), init).AsLocalBounded();
                }

            case "transform":
                {
                    var handle = ShippedHandle(s);
                    var spec = DaskJson.ToSpec(s["spec"]!.AsObject());
                    return Numbers(s, f) is { } numbers
                        ? native.Transform(f[0], new GroupNumberedTransformer(handle.Registration.CreateTransformer(ShippedParams(s)), numbers), spec, ShippedIgnore(s)).AsLocalBounded()
                        : native.Transform(f[0], handle, spec, ShippedParams(s), ShippedIgnore(s)).AsLocalBounded();
                }

            case "outtransform":
                native.OutTransform(f[0], ShippedHandle(s), DaskJson.ToSpec(s["spec"]!.AsObject()), ShippedParams(s), ShippedIgnore(s));
                return new EmptyDataFrame(Schema.Parse((string)s["output"]!));

            case "cotransform":
                return native.CoTransform(ShippedZip(native, s, f), ShippedHandle(s), DaskJson.ToSpec(s["spec"]!.AsObject()), ShippedParams(s), ShippedIgnore(s)).AsLocalBounded();

            case "outcotransform":
                native.OutCoTransform(ShippedZip(native, s, f), ShippedHandle(s), DaskJson.ToSpec(s["spec"]!.AsObject()), ShippedParams(s), ShippedIgnore(s));
                return new EmptyDataFrame(Schema.Parse((string)s["output"]!));

            case "comap":
                {
                    var func = (CoMapFunc)DelegateShipping.Deserialize(s["func"]!.AsObject());
                    var init = s["init"] is JsonObject i ? (CoMapInitFunc)DelegateShipping.Deserialize(i) : null;
                    var names = DaskJson.ToStrings(s["names"]);
                    var dfs = names is null ? new DataFrames(f) : new DataFrames(names.Zip(f, KeyValuePair.Create));
                    var zipped = native.Zip(dfs, JoinTypes.Parse((string)s["how"]!), DaskJson.ToSpec(s["zipSpec"]!.AsObject()));
                    return native.Comap(zipped, func, Schema.Parse((string)s["output"]!), DaskJson.ToSpec(s["spec"]!.AsObject()), init).AsLocalBounded();
                }

            case "zip":
                {
                    var names = DaskJson.ToStrings(s["names"]);
                    var dfs = names is null ? new DataFrames(f) : new DataFrames(names.Zip(f, KeyValuePair.Create));
                    return native.Zip(dfs, JoinTypes.Parse((string)s["how"]!), DaskJson.ToSpec(s["zipSpec"]!.AsObject())).AsLocalBounded().ToColumnar();
                }

            case "join":
                return native.Join(f[0], f[1], JoinTypes.Parse((string)s["how"]!), DaskJson.ToStrings(s["on"])).AsLocalBounded();
            case "union":
                return native.Union(f[0], f[1], (bool)s["distinct"]!).AsLocalBounded();
            case "subtract":
                return native.Subtract(f[0], f[1], (bool)s["distinct"]!).AsLocalBounded();
            case "intersect":
                return native.Intersect(f[0], f[1], (bool)s["distinct"]!).AsLocalBounded();
            case "distinct":
                return native.Distinct(f[0]).AsLocalBounded();
            case "dropna":
                return native.DropNa(f[0], Enum.Parse<DropNaHow>((string)s["how"]!), (int?)s["thresh"], DaskJson.ToStrings(s["subset"])).AsLocalBounded();
            case "fillna":
                {
                    if (s["values"] is JsonObject values)
                    {
                        var d = values.ToDictionary(kv => kv.Key, kv => DelegateShipping.DecodeValue(kv.Value!.AsObject()));
                        return native.FillNa(f[0], d).AsLocalBounded();
                    }

                    return native.FillNa(f[0], DelegateShipping.DecodeValue(s["value"]!.AsObject())!, DaskJson.ToStrings(s["subset"])).AsLocalBounded();
                }

            case "sample":
                return native.Sample(f[0], (int?)s["n"], (double?)s["frac"], (bool)s["replace"]!, (int?)s["seed"]).AsLocalBounded();
            case "take":
                {
                    var spec = s["spec"] is JsonObject p ? DaskJson.ToSpec(p) : null;
                    return native.Take(f[0], (int)s["n"]!, (string?)s["presort"], Enum.Parse<NullPosition>((string)s["nulls"]!), spec).AsLocalBounded();
                }

            case "groupkeys":
                return DaskGroupNumbering.DistinctSortedKeys(native, f[0], DaskJson.ToStrings(s["keys"])!, Ascending(s));
            case "select":
                return f[0].SelectColumns(DaskJson.ToStrings(s["columns"])!).AsLocalBounded();
            case "rename":
                {
                    var names = DaskJson.ToStrings(s["names"])!;
                    var from = f[0].Schema.Names;
                    return f[0].Rename(Enumerable.Range(0, names.Length).Where(i => from[i] != names[i]).ToDictionary(i => from[i], i => names[i])).AsLocalBounded();
                }

            case "alter":
                return f[0].AlterColumns(Schema.Parse((string)s["schema"]!)).AsLocalBounded();
            case "load":
                return DaskFileTasks.Load(s);
            case "save":
                return DaskFileTasks.Save(f[0], s);
            case "concat":
                return new ColumnarDataFrame(f[0].Schema, f.SelectMany(x => x.AsBatches()).Where(b => b.Length > 0).ToList());
            default:
                throw new InvalidDataException($"unknown task stage '{op}'");
        }
    }

    /// <summary>
    /// A broadcast join: this task's partition joined with the whole small frame (the side input), which is on the left
    /// when <c>sideLeft</c> (a right outer join, or an inner join with the small frame first), so columns come out in the
    /// native engine's order.
    /// </summary>
    private static DataFrame BroadcastJoin(NativeExecutionEngine native, JsonObject s, DataFrame partition, DataFrame side)
    {
        var how = JoinTypes.Parse((string)s["how"]!);
        var on = DaskJson.ToStrings(s["on"]);
        var sideLeft = s["sideLeft"] is JsonNode l && (bool)l;
        return (sideLeft ? native.Join(side, partition, how, on) : native.Join(partition, side, how, on)).AsLocalBounded();
    }

    /// <summary>The frame-wide group numbers of a keyed stage's bucket (its last input group), when the stage is numbered.</summary>
    private static int[]? Numbers(JsonObject s, List<DataFrame> f) =>
        s["numbered"] is JsonNode n && (bool)n ? DaskGroupNumbering.Read(f[^1]) : null;

    private static bool[] Ascending(JsonObject s) => [.. s["asc"]!.AsArray().Select(n => (bool)n!)];

    /// <summary>
    /// Hash-partitions the rows by <paramref name="keys"/> (all columns when null) into <paramref name="n"/> buckets
    /// (<see cref="DaskHashPartitioner"/>); each bucket keeps the rows' order. Per input batch (no concatenation first):
    /// one gather of the rows grouped by bucket, then a zero-copy slice per bucket.
    /// </summary>
    internal static List<DaskOutput> Split(DataFrame df, string[]? keys, int n)
    {
        var cols = keys is null ? Enumerable.Range(0, df.Schema.Count).ToArray() : keys.Select(df.Schema.IndexOf).ToArray();
        var perBucket = Enumerable.Range(0, n).Select(_ => new List<RecordBatch>()).ToList();
        foreach (var batch in df.AsBatches())
        {
            if (batch.Length == 0)
            {
                continue;
            }

            if (n == 1)
            {
                perBucket[0].Add(batch);
                continue;
            }

            var ids = DaskHashPartitioner.Buckets(batch, cols, n);
            var starts = new int[n + 1];
            foreach (var b in ids)
            {
                starts[b + 1]++;
            }

            for (var b = 0; b < n; b++)
            {
                starts[b + 1] += starts[b];
            }

            var order = new int[ids.Length];
            var next = starts[..n];
            for (var r = 0; r < ids.Length; r++)
            {
                order[next[ids[r]]++] = r;
            }

            var grouped = ColumnKernels.Take(batch, order);
            for (var b = 0; b < n; b++)
            {
                var len = starts[b + 1] - starts[b];
                if (len > 0)
                {
                    perBucket[b].Add(grouped.Slice(starts[b], len));
                }
            }
        }

        return perBucket.Select(batches => DaskOutput.Of(df.Schema, batches)).ToList();
    }

    /// <summary>Cuts the rows into <paramref name="n"/> contiguous chunks (repartition without keys).</summary>
    internal static List<DaskOutput> Chunk(DataFrame df, int n)
    {
        var batch = NativeBatch(df);
        var outputs = new List<DaskOutput>(n);
        var q = batch.Length / n;
        var rem = batch.Length % n;
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var len = q + (i < rem ? 1 : 0);
            outputs.Add(DaskOutput.Of(df.Schema, len == 0 ? [] : [batch.Slice(start, len)]));
            start += len;
        }

        return outputs;
    }

    private static RecordBatch NativeBatch(DataFrame df) => ColumnKernels.Concat(df.Schema, df.AsBatches().ToList());
}
