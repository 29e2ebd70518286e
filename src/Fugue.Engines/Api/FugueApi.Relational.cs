using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Api;

// Joins, set operations and the other relational operations (spec 1.3): each resolves the engine, converts the inputs to
// its frames and calls the engine's method. Joins and set operations over several frames fold left to right, pairwise,
// with the same arguments, as fa.join and fa.union do. Every method also takes engine, engineConf and asLocal (see FugueApi).
public static partial class FugueApi
{
    /// <summary>
    /// Joins two frames (Fugue's <c>fa.join</c>): keys are <paramref name="on"/>, else the columns both share; null
    /// keys never match; the output is df1's columns then df2's non-key ones (only df1's for semi and anti joins).
    /// </summary>
    /// <param name="df1">The left data.</param>
    /// <param name="df2">The right data.</param>
    /// <param name="how">The join type.</param>
    /// <param name="on">The key columns; null for the shared columns.</param>
    /// <param name="engine">The engine (see <see cref="FugueApi"/> for the default).</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="asLocal">Return a local frame.</param>
    /// <param name="cancellationToken">Cancels the join.</param>
    /// <example>
    /// <code>
    /// var enriched = FugueApi.Join(sales, dims, JoinType.LeftOuter, on: ["key"]);
    /// </code>
    /// </example>
    public static DataFrame Join(
        AnyDataFrame df1,
        AnyDataFrame df2,
        JoinType how,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        RunFrame("join " + how.ToName(), engine, engineConf, asLocal, [df1, df2], e => e.Join(df1.On(e), df2.On(e), how, on, cancellationToken));

    /// <summary>Joins two frames with a join type name such as <c>left_outer</c> (see <see cref="JoinTypes.Parse"/>).</summary>
    public static DataFrame Join(
        AnyDataFrame df1,
        AnyDataFrame df2,
        string how,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinTypes.Parse(how), on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Joins several frames left to right, pairwise, with the same join type and keys.</summary>
    /// <exception cref="ArgumentException">Fewer than two frames.</exception>
    public static DataFrame Join(
        IReadOnlyList<AnyDataFrame> dfs,
        JoinType how,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default)
    {
        CheckMany(dfs);
        return RunFrame("join " + how.ToName(), engine, engineConf, asLocal, dfs.ToArray(), e =>
            Fold(e, dfs, (a, b) => e.Join(a, b, how, on, cancellationToken)));
    }

    /// <summary>Inner join (Fugue's <c>fa.inner_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame InnerJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.Inner, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Left outer join (Fugue's <c>fa.left_outer_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame LeftOuterJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.LeftOuter, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Right outer join (Fugue's <c>fa.right_outer_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame RightOuterJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.RightOuter, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Full outer join (Fugue's <c>fa.full_outer_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame FullOuterJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.FullOuter, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Left semi join: df1's rows with a match in df2, df1's columns (Fugue's <c>fa.semi_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame SemiJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.LeftSemi, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Left anti join: df1's rows without a match in df2, df1's columns (Fugue's <c>fa.anti_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame AntiJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        IReadOnlyList<string>? on = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.LeftAnti, on, engine, engineConf, asLocal, cancellationToken);

    /// <summary>Cross join: every pair of rows; the frames must share no column (Fugue's <c>fa.cross_join</c>); see <see cref="Join(AnyDataFrame, AnyDataFrame, JoinType, IReadOnlyList{string}?, AnyExecutionEngine?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>.</summary>
    public static DataFrame CrossJoin(
        AnyDataFrame df1,
        AnyDataFrame df2,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinType.Cross, null, engine, engineConf, asLocal, cancellationToken);

    /// <summary>UNION (distinct, the default) or UNION ALL of frames with identical schemas; nulls compare equal (Fugue's <c>fa.union</c>).</summary>
    public static DataFrame Union(
        AnyDataFrame df1,
        AnyDataFrame df2,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("union", engine, engineConf, asLocal, [df1, df2], e => e.Union(df1.On(e), df2.On(e), distinct));

    /// <summary>Union of several frames, folded left to right.</summary>
    /// <exception cref="ArgumentException">Fewer than two frames.</exception>
    public static DataFrame Union(
        IReadOnlyList<AnyDataFrame> dfs,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        CheckMany(dfs);
        return RunFrame("union", engine, engineConf, asLocal, dfs.ToArray(), e => Fold(e, dfs, (a, b) => e.Union(a, b, distinct)));
    }

    /// <summary>EXCEPT DISTINCT (or EXCEPT ALL where the engine supports it) of frames with identical schemas (Fugue's <c>fa.subtract</c>).</summary>
    public static DataFrame Subtract(
        AnyDataFrame df1,
        AnyDataFrame df2,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("subtract", engine, engineConf, asLocal, [df1, df2], e => e.Subtract(df1.On(e), df2.On(e), distinct));

    /// <summary>Subtract of several frames, folded left to right.</summary>
    /// <exception cref="ArgumentException">Fewer than two frames.</exception>
    public static DataFrame Subtract(
        IReadOnlyList<AnyDataFrame> dfs,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        CheckMany(dfs);
        return RunFrame("subtract", engine, engineConf, asLocal, dfs.ToArray(), e => Fold(e, dfs, (a, b) => e.Subtract(a, b, distinct)));
    }

    /// <summary>INTERSECT DISTINCT (or INTERSECT ALL where the engine supports it) of frames with identical schemas (Fugue's <c>fa.intersect</c>).</summary>
    public static DataFrame Intersect(
        AnyDataFrame df1,
        AnyDataFrame df2,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("intersect", engine, engineConf, asLocal, [df1, df2], e => e.Intersect(df1.On(e), df2.On(e), distinct));

    /// <summary>Intersect of several frames, folded left to right.</summary>
    /// <exception cref="ArgumentException">Fewer than two frames.</exception>
    public static DataFrame Intersect(
        IReadOnlyList<AnyDataFrame> dfs,
        bool distinct = true,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        CheckMany(dfs);
        return RunFrame("intersect", engine, engineConf, asLocal, dfs.ToArray(), e => Fold(e, dfs, (a, b) => e.Intersect(a, b, distinct)));
    }

    /// <summary>SELECT DISTINCT * (Fugue's <c>fa.distinct</c>); nulls compare equal.</summary>
    public static DataFrame Distinct(AnyDataFrame df, AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("distinct", engine, engineConf, asLocal, [df], e => e.Distinct(df.On(e)));

    /// <summary>
    /// Drops rows with nulls (Fugue's <c>fa.dropna</c>): with <see cref="DropNaHow.Any"/> a row with any null in
    /// <paramref name="subset"/> (all columns by default), with <see cref="DropNaHow.All"/> an entirely null row;
    /// <paramref name="thresh"/> keeps rows with at least that many non-nulls and overrides <paramref name="how"/>.
    /// </summary>
    public static DataFrame DropNa(
        AnyDataFrame df,
        DropNaHow how = DropNaHow.Any,
        int? thresh = null,
        IReadOnlyList<string>? subset = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("dropna", engine, engineConf, asLocal, [df], e => e.DropNa(df.On(e), how, thresh, subset));

    /// <summary>Fills nulls in <paramref name="subset"/> (all columns by default) with <paramref name="value"/> (Fugue's <c>fa.fillna</c>).</summary>
    public static DataFrame FillNa(
        AnyDataFrame df,
        object value,
        IReadOnlyList<string>? subset = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("fillna", engine, engineConf, asLocal, [df], e => e.FillNa(df.On(e), value, subset));

    /// <summary>Fills nulls per column: the dictionary maps column name to its fill value.</summary>
    public static DataFrame FillNa(
        AnyDataFrame df,
        IReadOnlyDictionary<string, object?> values,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("fillna", engine, engineConf, asLocal, [df], e => e.FillNa(df.On(e), values));

    /// <summary>Samples <paramref name="n"/> rows or a fraction <paramref name="frac"/> of them, exactly one of the two (Fugue's <c>fa.sample</c>).</summary>
    public static DataFrame Sample(
        AnyDataFrame df,
        int? n = null,
        double? frac = null,
        bool replace = false,
        int? seed = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("sample", engine, engineConf, asLocal, [df], e => e.Sample(df.On(e), n, frac, replace, seed));

    /// <summary>
    /// The first <paramref name="n"/> rows overall, or per partition of <paramref name="partition"/>'s keys, after
    /// sorting by <paramref name="presort"/> (overrides the spec's presort) with nulls at <paramref name="nullPosition"/>
    /// (Fugue's <c>fa.take</c>).
    /// </summary>
    public static DataFrame Take(
        AnyDataFrame df,
        int n,
        string? presort = null,
        NullPosition nullPosition = NullPosition.Last,
        PartitionSpec? partition = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("take", engine, engineConf, asLocal, [df], e => e.Take(df.On(e), n, presort, nullPosition, partition));

    /// <summary>Physically repartitions the frame for the next operation (a no-op on in-process engines; Fugue's <c>fa.repartition</c>).</summary>
    public static DataFrame Repartition(AnyDataFrame df, PartitionSpec partition, AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return RunFrame("repartition", engine, engineConf, asLocal, [df], e => e.Repartition(df.On(e), partition));
    }

    /// <summary>Makes the frame available to every worker (Fugue's <c>fa.broadcast</c>).</summary>
    public static DataFrame Broadcast(AnyDataFrame df, AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false) =>
        RunFrame("broadcast", engine, engineConf, asLocal, [df], e => e.Broadcast(df.On(e)));

    /// <summary>Materializes the frame now (unless <paramref name="lazy"/>) so later uses don't recompute it (Fugue's <c>fa.persist</c>).</summary>
    public static DataFrame Persist(
        AnyDataFrame df,
        bool lazy = false,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false,
        CancellationToken cancellationToken = default) =>
        RunFrame("persist", engine, engineConf, asLocal, [df], e => e.Persist(df.On(e), lazy, cancellationToken));

    private static void CheckMany(IReadOnlyList<AnyDataFrame> dfs)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        if (dfs.Count < 2)
        {
            throw new ArgumentException($"at least two frames are needed, got {dfs.Count}", nameof(dfs));
        }
    }

    private static DataFrame Fold(ExecutionEngine engine, IReadOnlyList<AnyDataFrame> dfs, Func<DataFrame, DataFrame, DataFrame> step)
    {
        var result = dfs[0].On(engine);
        for (var i = 1; i < dfs.Count; i++)
        {
            result = step(result, dfs[i].On(engine));
        }

        return result;
    }
}
