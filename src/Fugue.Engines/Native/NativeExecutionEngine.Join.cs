using System.Buffers;
using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Native;

public sealed partial class NativeExecutionEngine
{
    /// <summary>
    /// Joins two frames with a hash join that builds its table on the smaller side (cross joins pair every row).
    /// Keys and the output schema follow <see cref="JoinSchemas.Resolve"/>; null (and NaN) keys never match, so
    /// outer joins keep such rows unmatched. When the sides' key types differ, the right keys are converted to the
    /// left's types. Outer joins keep the declared column types (an unmatched int or bool column is null, not a
    /// double or object). Right and full outer joins take the key values of unmatched right rows from the right
    /// side. The row order of the result is unspecified (deterministic for given inputs).
    /// </summary>
    public override DataFrame Join(DataFrame df1, DataFrame df2, JoinType how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df1);
        ArgumentNullException.ThrowIfNull(df2);
        var left = ToDf(df1);
        var right = ToDf(df2);
        var schemas = JoinSchemas.Resolve(left.Schema, right.Schema, how, on);
        var keys = schemas.Keys.Names.ToArray();
        var alter = schemas.Keys.Fields.Where(f => !right.Schema[f.Name].Type.Equals(f.Type)).ToArray();
        if (alter.Length > 0)
        {
            right = right.AlterColumns(new Schema(alter));
        }

        if (how != JoinType.Cross && keys.Length == 1 && IntegerKeyIndex.Supports(schemas.Keys[0].Type))
        {
            return NativeFrames.Lazy(schemas.Output, () => IntegerKeyJoin(left, right, how, keys[0], schemas.Output, cancellationToken));
        }

        return NativeFrames.Lazy(schemas.Output, () =>
        {
            var l = NativeFrames.Materialize(left, cancellationToken);
            var r = NativeFrames.Materialize(right, cancellationToken);
            return [JoinBatches(l, r, how, keys, schemas.Output, cancellationToken)];
        });
    }

    private static RecordBatch JoinBatches(RecordBatch left, RecordBatch right, JoinType how, string[] keys, Schema output, CancellationToken cancellationToken)
    {
        if (how == JoinType.Cross)
        {
            var n = checked(left.Length * right.Length);
            var li = new int[n];
            var ri = new int[n];
            var k = 0;
            for (var i = 0; i < left.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var j = 0; j < right.Length; j++, k++)
                {
                    li[k] = i;
                    ri[k] = j;
                }
            }

            return Assemble(left, right, li, ri, keys, output, coalesceKeys: false);
        }

        var lk = new RowKeys(left, keys.Select(left.Schema.IndexOf).ToArray());
        var rk = new RowKeys(right, keys.Select(right.Schema.IndexOf).ToArray());
        if (how is JoinType.LeftSemi or JoinType.LeftAnti)
        {
            var index = BuildIndex(rk, out _, out _, cancellationToken);
            var keep = new List<int>();
            for (var i = 0; i < left.Length; i++)
            {
                var found = !lk.AnyNull(i) && index.Find(lk, i) >= 0;
                if (found == (how == JoinType.LeftSemi))
                {
                    keep.Add(i);
                }
            }

            return ColumnKernels.Take(left, keep.ToArray());
        }

        // Build on the smaller side, probe with the other; remember which rows of each side matched.
        var buildLeft = left.Length < right.Length;
        var (build, probe) = buildLeft ? (lk, rk) : (rk, lk);
        var keepBuild = how == JoinType.FullOuter || (buildLeft ? how == JoinType.LeftOuter : how == JoinType.RightOuter);
        var keepProbe = how == JoinType.FullOuter || (buildLeft ? how == JoinType.RightOuter : how == JoinType.LeftOuter);
        var table = BuildIndex(build, out var starts, out var rows, cancellationToken);
        var buildMatched = new bool[build.Length];
        var pb = new List<int>();
        var pp = new List<int>();
        for (var i = 0; i < probe.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var id = probe.AnyNull(i) ? -1 : table.Find(probe, i);
            if (id >= 0)
            {
                for (var e = starts[id]; e < starts[id + 1]; e++)
                {
                    pb.Add(rows[e]);
                    pp.Add(i);
                    buildMatched[rows[e]] = true;
                }
            }
            else if (keepProbe)
            {
                pb.Add(-1);
                pp.Add(i);
            }
        }

        if (keepBuild)
        {
            for (var b = 0; b < build.Length; b++)
            {
                if (!buildMatched[b])
                {
                    pb.Add(b);
                    pp.Add(-1);
                }
            }
        }

        var (leftIdx, rightIdx) = buildLeft ? (pb.ToArray(), pp.ToArray()) : (pp.ToArray(), pb.ToArray());
        return Assemble(left, right, leftIdx, rightIdx, keys, output, coalesceKeys: how is JoinType.RightOuter or JoinType.FullOuter);
    }

    /// <summary>Indexes the non-null keys of <paramref name="keys"/>; rows of key id <c>k</c> are <c>rows[starts[k]..starts[k+1]]</c>, in row order.</summary>
    private static RowIndex BuildIndex(RowKeys keys, out int[] starts, out int[] rows, CancellationToken cancellationToken)
    {
        var index = new RowIndex(keys, keys.Length);
        var ids = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ids[i] = keys.AnyNull(i) ? -1 : index.GetOrAdd(i);
        }

        // Counting sort of the rows by key id: memory proportional to the rows, no list per key.
        starts = new int[index.Count + 1];
        foreach (var id in ids)
        {
            if (id >= 0)
            {
                starts[id + 1]++;
            }
        }

        for (var k = 0; k < index.Count; k++)
        {
            starts[k + 1] += starts[k];
        }

        rows = new int[starts[index.Count]];
        var fill = (int[])starts.Clone();
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] >= 0)
            {
                rows[fill[ids[i]]++] = i;
            }
        }

        return index;
    }

    private static RecordBatch Assemble(RecordBatch left, RecordBatch right, int[] li, int[] ri, string[] keys, Schema output, bool coalesceKeys)
    {
        var columns = new Column[output.Count];
        for (var c = 0; c < output.Count; c++)
        {
            var name = output[c].Name;
            var l = left.Schema.TryIndexOf(name);
            if (l >= 0)
            {
                columns[c] = coalesceKeys && keys.Contains(name, StringComparer.Ordinal)
                    ? ColumnKernels.Coalesce(left.Column(l), li, right.Column(name), ri)
                    : ColumnKernels.Take(left.Column(l), li);
            }
            else
            {
                columns[c] = ColumnKernels.Take(right.Column(name), ri);
            }
        }

        return new RecordBatch(output, columns, li.Length);
    }

    /// <summary>Probe chunks hold at most this many rows, so the probe runs on every core and output stays chunked.</summary>
    private const int JoinChunkRows = 1 << 17;

    /// <summary>
    /// The hash join on one integer-like key (<see cref="IntegerKeyIndex"/>): the build side (the smaller; always the
    /// right for semi and anti joins) is indexed once, the probe side is looked up chunk by chunk on up to the engine's
    /// parallelism, and every chunk gathers its own output batch with typed bulk gathers (probe columns are reused as
    /// they are when each probe row yields exactly one output row). The result is the same rows in the same order as
    /// the generic path: probe order, a probe row's matches in build row order, then unmatched build rows.
    /// </summary>
    private List<RecordBatch> IntegerKeyJoin(DataFrame leftDf, DataFrame rightDf, JoinType how, string key, Schema output, CancellationToken cancellationToken)
    {
        var leftBatches = ReadBatches(leftDf, cancellationToken);
        var rightBatches = ReadBatches(rightDf, cancellationToken);
        var semi = how is JoinType.LeftSemi or JoinType.LeftAnti;
        var buildLeft = !semi && leftBatches.Sum(b => (long)b.Length) < rightBatches.Sum(b => (long)b.Length);
        var build = ColumnKernels.Concat((buildLeft ? leftDf : rightDf).Schema, buildLeft ? leftBatches : rightBatches);
        var probeSchema = (buildLeft ? rightDf : leftDf).Schema;
        var chunks = ProbeChunks(probeSchema, buildLeft ? rightBatches : leftBatches);
        var index = IntegerKeyIndex.Build(build.Column(key));
        var keepBuild = how == JoinType.FullOuter || (buildLeft ? how == JoinType.LeftOuter : how == JoinType.RightOuter);
        var keepProbe = how == JoinType.FullOuter || (buildLeft ? how == JoinType.RightOuter : how == JoinType.LeftOuter);
        var buildMatched = keepBuild ? new bool[build.Length] : null;

        // Where each output column comes from: the probe side (keys always: they equal the build's where both exist).
        var fromProbe = new bool[output.Count];
        var sourceIndex = new int[output.Count];
        for (var c = 0; c < output.Count; c++)
        {
            var name = output[c].Name;
            var inLeft = leftDf.Schema.TryIndexOf(name) >= 0;
            fromProbe[c] = name == key || inLeft != buildLeft;
            sourceIndex[c] = (fromProbe[c] ? probeSchema : build.Schema).IndexOf(name);
        }

        var results = NativeParallel.Run(
            chunks.Count,
            _parallelism,
            static () => 0,
            (_, i) => semi
                ? SemiJoinChunk(chunks[i], index, key, how == JoinType.LeftSemi)
                : JoinChunk(chunks[i], build, index, key, keepProbe, buildMatched, output, fromProbe, sourceIndex),
            cancellationToken);
        var list = results.Where(b => b.Length > 0).ToList();
        if (buildMatched is not null)
        {
            var unmatched = new List<int>();
            for (var b = 0; b < buildMatched.Length; b++)
            {
                if (!buildMatched[b])
                {
                    unmatched.Add(b);
                }
            }

            if (unmatched.Count > 0)
            {
                // unmatched build rows: the key and the build's columns, the probe side's columns null
                var pb = unmatched.ToArray();
                var columns = new Column[output.Count];
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = output[c].Name;
                    columns[c] = name == key ? Gather.Take(build.Column(build.Schema.IndexOf(key)), pb)
                        : fromProbe[c] ? ColumnFactory.Nulls(output[c].Type, pb.Length)
                        : Gather.Take(build.Column(sourceIndex[c]), pb);
                }

                list.Add(new RecordBatch(output, columns, pb.Length));
            }
        }

        if (list.Count == 0)
        {
            list.Add(RecordBatch.Empty(output));
        }

        return list;
    }

    private static List<RecordBatch> ReadBatches(DataFrame df, CancellationToken cancellationToken)
    {
        var list = new List<RecordBatch>();
        foreach (var b in df.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (b.Length > 0)
            {
                list.Add(b);
            }
        }

        return list;
    }

    /// <summary>The probe side as slices of at most <see cref="JoinChunkRows"/> rows (many tiny batches are concatenated first).</summary>
    private static List<RecordBatch> ProbeChunks(Schema schema, List<RecordBatch> batches)
    {
        var total = batches.Sum(b => (long)b.Length);
        if (batches.Count > 64 && total / batches.Count < 16384)
        {
            batches = [ColumnKernels.Concat(schema, batches)];
        }

        var chunks = new List<RecordBatch>();
        foreach (var b in batches)
        {
            for (var start = 0; start < b.Length; start += JoinChunkRows)
            {
                var length = Math.Min(JoinChunkRows, b.Length - start);
                chunks.Add(start == 0 && length == b.Length ? b : b.Slice(start, length));
            }
        }

        return chunks;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RecordBatch SemiJoinChunk(RecordBatch chunk, IntegerKeyIndex index, string key, bool semi)
    {
        var n = chunk.Length;
        var ids = ArrayPool<int>.Shared.Rent(n);
        var keep = ArrayPool<int>.Shared.Rent(n);
        try
        {
            index.FindAll(chunk.Column(key), ids.AsSpan(0, n));
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                if (ids[i] >= 0 == semi)
                {
                    keep[k++] = i;
                }
            }

            if (k == n)
            {
                return chunk;
            }

            var columns = new Column[chunk.ColumnCount];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = Gather.Take(chunk.Column(c), keep.AsSpan(0, k));
            }

            return new RecordBatch(chunk.Schema, columns, k);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<int>.Shared.Return(keep);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RecordBatch JoinChunk(
        RecordBatch chunk, RecordBatch build, IntegerKeyIndex index, string key, bool keepProbe, bool[]? buildMatched,
        Schema output, bool[] fromProbe, int[] sourceIndex)
    {
        var n = chunk.Length;
        var pool = ArrayPool<int>.Shared;
        var ids = pool.Rent(n);
        int[]? pb = null;
        int[]? pp = null;
        try
        {
            index.FindAll(chunk.Column(key), ids.AsSpan(0, n));
            var starts = index.Starts;
            var rows = index.Rows;
            long count = 0;
            var matched = 0;
            for (var i = 0; i < n; i++)
            {
                var id = ids[i];
                if (id >= 0)
                {
                    matched++;
                    count += starts[id + 1] - starts[id];
                }
            }

            if (keepProbe)
            {
                count += n - matched;
            }

            if (count > int.MaxValue)
            {
                throw new InvalidOperationException($"a join chunk of {n} rows produces {count} rows, more than one batch holds ({int.MaxValue})");
            }

            var total = (int)count;
            var identity = index.Unique && total == n;
            pb = pool.Rent(total);
            pp = identity ? null : pool.Rent(total);
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                var id = ids[i];
                if (id >= 0)
                {
                    for (var e = starts[id]; e < starts[id + 1]; e++)
                    {
                        pb[k] = rows[e];
                        if (pp is not null)
                        {
                            pp[k] = i;
                        }

                        k++;
                    }
                }
                else if (keepProbe)
                {
                    pb[k] = -1;
                    if (pp is not null)
                    {
                        pp[k] = i;
                    }

                    k++;
                }
            }

            if (buildMatched is not null)
            {
                for (var i = 0; i < n; i++)
                {
                    var id = ids[i];
                    if (id >= 0)
                    {
                        for (var e = starts[id]; e < starts[id + 1]; e++)
                        {
                            buildMatched[rows[e]] = true;
                        }
                    }
                }
            }

            var columns = new Column[output.Count];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = fromProbe[c]
                    ? (pp is null ? chunk.Column(sourceIndex[c]) : Gather.Take(chunk.Column(sourceIndex[c]), pp.AsSpan(0, total)))
                    : Gather.Take(build.Column(sourceIndex[c]), pb.AsSpan(0, total));
            }

            return new RecordBatch(output, columns, total);
        }
        finally
        {
            pool.Return(ids);
            if (pb is not null)
            {
                pool.Return(pb);
            }

            if (pp is not null)
            {
                pool.Return(pp);
            }
        }
    }
}
