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
}
