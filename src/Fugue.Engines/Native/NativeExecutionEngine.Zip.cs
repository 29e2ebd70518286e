using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Native;

public sealed partial class NativeExecutionEngine
{
    /// <summary>
    /// Co-partitions frames on the same keys for <see cref="Comap"/> (spec 5.3) and returns a <see cref="ZippedDataFrame"/>.
    /// Keys are the spec's partition keys, or else (several frames, not cross) the columns all frames share, in the first
    /// frame's order; a single frame without keys is one group. Frames may share non-key columns. Key types must be the
    /// same in every frame. The spec's presort applies inside each frame's groups (each frame uses the presort columns it
    /// has); its num and algo do not matter here.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, or no common columns to infer keys from.</exception>
    /// <exception cref="NotSupportedException"><paramref name="how"/> is semi or anti (Fugue's NotImplementedError).</exception>
    /// <exception cref="InvalidOperationException">A cross zip with partition keys.</exception>
    /// <exception cref="FugueSchemaException">A frame lacks a key, or the key types differ between frames.</exception>
    public override DataFrame Zip(DataFrames dfs, JoinType how = JoinType.Inner, PartitionSpec? partitionSpec = null)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        if (dfs.Count == 0)
        {
            throw new ArgumentException("zip needs at least one frame", nameof(dfs));
        }

        if (how is JoinType.LeftSemi or JoinType.LeftAnti)
        {
            throw new NotSupportedException($"zip does not support {how.ToName()}; use inner, left_outer, right_outer, full_outer or cross");
        }

        var spec = partitionSpec ?? PartitionSpec.Empty;
        if (how == JoinType.Cross && spec.HasPartitionKeys)
        {
            throw new InvalidOperationException($"a cross zip takes no partition keys, got [{string.Join(", ", spec.PartitionBy)}]");
        }

        var inputs = dfs.Convert(ToDf);
        IReadOnlyList<string> keys;
        if (how == JoinType.Cross)
        {
            keys = [];
        }
        else if (spec.HasPartitionKeys)
        {
            keys = spec.PartitionBy;
        }
        else if (inputs.Count > 1)
        {
            keys = inputs[0].Schema.Names.Where(name => inputs.All(f => f.Schema.Contains(name))).ToList();
            if (keys.Count == 0)
            {
                throw new ArgumentException(
                    $"zip found no common columns to use as keys in [{string.Join("; ", inputs.Select(f => f.Schema.ToString()))}]", nameof(dfs));
            }
        }
        else
        {
            keys = [];
        }

        var keySchema = new Schema(keys.Select(k => Field(inputs[0].Schema, k, inputs.Keys[0])));
        for (var i = 1; i < inputs.Count; i++)
        {
            var other = new Schema(keys.Select(k => Field(inputs[i].Schema, k, inputs.Keys[i])));
            if (other != keySchema)
            {
                throw new FugueSchemaException(
                    $"zip keys must have the same types in every frame: frame '{inputs.Keys[0]}' has '{keySchema}', frame '{inputs.Keys[i]}' has '{other}'");
            }
        }

        return new ZippedDataFrame(inputs, keys, how, spec.Presort, keySchema, GetCurrentParallelism());
    }

    /// <summary>
    /// Runs <paramref name="mapFunc"/> once per group of a zipped frame, in key order (nulls last), on up to
    /// <see cref="GetCurrentParallelism"/> threads. Each call gets a <see cref="DataFrames"/> of the zip's shape
    /// (names kept, or positional <c>_0</c>, <c>_1</c>, ...), with an empty frame of the original schema for a side missing
    /// from an outer zip. The cursor is built on the first frame's schema and keys; its row is that frame's first row of
    /// the group, or, when the first frame is empty in that group, a row of the first frame's schema holding the group's
    /// key values and nulls elsewhere (Fugue cannot read keys then; this is the clear behaviour). <c>PartitionNo</c> counts
    /// groups from 1, as Fugue's does. <paramref name="onInit"/> runs once, before the first call, with empty frames of the
    /// zipped schemas. Only num and algo of <paramref name="partitionSpec"/> would matter, and this engine needs neither.
    /// The result is lazy, like <see cref="NativeMapEngine.MapDataFrame"/>'s.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="df"/> is not a zipped frame.</exception>
    public override DataFrame Comap(
        DataFrame df,
        CoMapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec? partitionSpec = null,
        CoMapInitFunc? onInit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(mapFunc);
        ArgumentNullException.ThrowIfNull(outputSchema);
        if (ToDf(df) is not ZippedDataFrame zipped)
        {
            throw new ArgumentException($"comap needs a zipped frame (from Zip), got a {df.GetType().Name} with schema '{df.Schema}'", nameof(df));
        }

        return NativeFrames.Lazy(outputSchema, () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plan = zipped.GetPlan(cancellationToken);
            var inputs = zipped.Inputs;
            var n = inputs.Count;
            var empties = inputs.Convert(f => new EmptyDataFrame(f.Schema));
            onInit?.Invoke(0, empties);
            var first = inputs[0].Schema;
            var keyPositions = zipped.Keys.Select(first.IndexOf).ToArray();
            var cursorSpec = new PartitionSpec(by: zipped.Keys);
            var results = NativeParallel.Run(
                plan.GroupCount,
                GetCurrentParallelism(),
                () => cursorSpec.GetCursor(first, 0),
                (cursor, g) =>
                {
                    var frames = new DataFrame[n];
                    for (var f = 0; f < n; f++)
                    {
                        var len = plan.Length[(g * n) + f];
                        frames[f] = len == 0 ? new EmptyDataFrame(inputs[f].Schema) : plan.Frame(g, f);
                    }

                    if (plan.Length[g * n] > 0)
                    {
                        cursor.Set(plan.FirstRow(g, 0), g + 1, 0);
                    }
                    else
                    {
                        var row = new object?[first.Count];
                        for (var k = 0; k < keyPositions.Length; k++)
                        {
                            row[keyPositions[k]] = plan.KeyRows.GetValue(g, k);
                        }

                        cursor.Set(row, g + 1, 0);
                    }

                    var dfs = inputs.HasKey
                        ? new DataFrames(inputs.Keys.Select((key, f) => new KeyValuePair<string, DataFrame>(key, frames[f])))
                        : new DataFrames(frames);
                    return NativeFrames.Conform(mapFunc(cursor, dfs), outputSchema, "the comap function");
                },
                cancellationToken);
            return results.SelectMany(r => r).ToList();
        });
    }

    private static Field Field(Schema schema, string key, string frame)
    {
        var i = schema.TryIndexOf(key);
        return i >= 0 ? schema[i] : throw new FugueSchemaException($"zip key '{key}' is not in frame '{frame}' with schema '{schema}'");
    }
}
