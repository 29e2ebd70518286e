using Fugue.Execution;
using Fugue.Expressions;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Api;

/// <summary>
/// A frame bound to the engine that made it: the fluent form of the functional API. Every operation runs on
/// <see cref="Engine"/> and returns a new <see cref="EngineFrame"/> of that engine, so calls chain; other data
/// (a join's right side) may be any <see cref="AnyDataFrame"/> and is converted to the engine's frames. An
/// <see cref="EngineFrame"/> converts implicitly to its <see cref="DataFrame"/>, and to <see cref="AnyDataFrame"/> (the
/// functional API then uses its engine unless another one is given or ambient). Start a chain with
/// <see cref="EngineFrameExtensions.Load(ExecutionEngine, string, string?, IReadOnlyList{string}?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>
/// or <see cref="EngineFrameExtensions.From(ExecutionEngine, AnyDataFrame)"/>.
/// </summary>
/// <example>
/// <code>
/// using var engine = new NativeExecutionEngine();
/// engine.Load("sales.parquet")
///     .Transform(Pipelines.RankWithinKey, partition: PartitionSpec.By("key").WithPresort("ts"))
///     .Join(dims, JoinType.LeftOuter)
///     .Save("out.parquet");
/// </code>
/// </example>
public sealed class EngineFrame
{
    /// <summary>Binds <paramref name="frame"/> (converted with <see cref="ExecutionEngine.ToDf(DataFrame)"/>) to <paramref name="engine"/>.</summary>
    public EngineFrame(ExecutionEngine engine, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(frame);
        Engine = engine;
        Frame = engine.ToDf(frame);
    }

    /// <summary>The engine every operation runs on.</summary>
    public ExecutionEngine Engine { get; }

    /// <summary>The frame, a frame of <see cref="Engine"/>.</summary>
    public DataFrame Frame { get; }

    /// <summary>The schema.</summary>
    public Schema Schema => Frame.Schema;

    /// <summary>The frame itself.</summary>
    public static implicit operator DataFrame(EngineFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Frame;
    }

    /// <summary>The frame itself (the named form of the implicit conversion).</summary>
    public DataFrame ToDataFrame() => Frame;

    // ---- transformers ----

    /// <summary>Runs an annotated [Transformer] method on every logical partition (see <see cref="ExecutionEngine.Transform(DataFrame, Delegate, PartitionSpec?, IReadOnlyDictionary{string, object?}?, IReadOnlyList{Type}?, CancellationToken)"/>).</summary>
    /// <param name="transformer">The annotated method as a method group, e.g. <c>Pipelines.RankWithinKey</c>.</param>
    /// <param name="partition">Keys, presort, num and algo (none = one partition).</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that make the failing partition's output empty.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public EngineFrame Transform(
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return Transform(TransformerHandle.From(transformer), partition, @params, ignoreErrors, cancellationToken);
    }

    /// <summary>Runs a [Transformer] resolved by handle.</summary>
    public EngineFrame Transform(
        TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        Next("transform", e => e.Transform(Frame, transformer, partition, @params, ignoreErrors, cancellationToken));

    /// <summary>Runs an <see cref="ITransformer"/> instance.</summary>
    public EngineFrame Transform(
        ITransformer transformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        Next("transform", e => e.Transform(Frame, transformer, partition, ignoreErrors, cancellationToken));

    /// <summary>Runs an annotated [OutputTransformer] method on every logical partition now, for its side effects.</summary>
    public void OutTransform(
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Log("out_transform");
        Engine.OutTransform(Frame, TransformerHandle.From(transformer), partition, @params, ignoreErrors, cancellationToken);
    }

    /// <summary>Runs an annotated [Processor] method on this frame (as its only input).</summary>
    public EngineFrame Process(
        [TransformerHandle] Delegate processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var handle = TransformerHandle.From(processor);
        return Next("process", e => e.Process(new DataFrames(Frame), handle, partition, @params));
    }

    /// <summary>Runs an annotated [Outputter] method on this frame now.</summary>
    public void Output(
        [TransformerHandle] Delegate outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null)
    {
        ArgumentNullException.ThrowIfNull(outputter);
        Engine.Output(new DataFrames(Frame), TransformerHandle.From(outputter), partition, @params);
    }

    // ---- joins and set operations ----

    /// <summary>Joins with <paramref name="other"/> (see <see cref="ExecutionEngine.Join(DataFrame, DataFrame, JoinType, IReadOnlyList{string}?, CancellationToken)"/>).</summary>
    public EngineFrame Join(AnyDataFrame other, JoinType how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Next("join " + how.ToName(), e => e.Join(Frame, other.On(e), how, on, cancellationToken));
    }

    /// <summary>Joins with a join type name such as <c>left_outer</c>.</summary>
    public EngineFrame Join(AnyDataFrame other, string how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinTypes.Parse(how), on, cancellationToken);

    /// <summary>Inner join with <paramref name="other"/>.</summary>
    public EngineFrame InnerJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.Inner, on, cancellationToken);

    /// <summary>Left outer join with <paramref name="other"/>.</summary>
    public EngineFrame LeftOuterJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.LeftOuter, on, cancellationToken);

    /// <summary>Right outer join with <paramref name="other"/>.</summary>
    public EngineFrame RightOuterJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.RightOuter, on, cancellationToken);

    /// <summary>Full outer join with <paramref name="other"/>.</summary>
    public EngineFrame FullOuterJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.FullOuter, on, cancellationToken);

    /// <summary>Left semi join (this frame's rows with a match) with <paramref name="other"/>.</summary>
    public EngineFrame SemiJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.LeftSemi, on, cancellationToken);

    /// <summary>Left anti join (this frame's rows without a match) with <paramref name="other"/>.</summary>
    public EngineFrame AntiJoin(AnyDataFrame other, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.LeftAnti, on, cancellationToken);

    /// <summary>Cross join with <paramref name="other"/> (no shared columns allowed).</summary>
    public EngineFrame CrossJoin(AnyDataFrame other, CancellationToken cancellationToken = default) =>
        Join(other, JoinType.Cross, null, cancellationToken);

    /// <summary>UNION (distinct) or UNION ALL with <paramref name="other"/> (identical schemas).</summary>
    public EngineFrame Union(AnyDataFrame other, bool distinct = true)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Next("union", e => e.Union(Frame, other.On(e), distinct));
    }

    /// <summary>EXCEPT with <paramref name="other"/> (identical schemas).</summary>
    public EngineFrame Subtract(AnyDataFrame other, bool distinct = true)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Next("subtract", e => e.Subtract(Frame, other.On(e), distinct));
    }

    /// <summary>INTERSECT with <paramref name="other"/> (identical schemas).</summary>
    public EngineFrame Intersect(AnyDataFrame other, bool distinct = true)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Next("intersect", e => e.Intersect(Frame, other.On(e), distinct));
    }

    // ---- row operations ----

    /// <summary>SELECT DISTINCT *.</summary>
    public EngineFrame Distinct() => Next("distinct", e => e.Distinct(Frame));

    /// <summary>Drops rows with nulls (see <see cref="ExecutionEngine.DropNa"/>).</summary>
    public EngineFrame DropNa(DropNaHow how = DropNaHow.Any, int? thresh = null, IReadOnlyList<string>? subset = null) =>
        Next("dropna", e => e.DropNa(Frame, how, thresh, subset));

    /// <summary>Fills nulls in <paramref name="subset"/> (all columns by default) with <paramref name="value"/>.</summary>
    public EngineFrame FillNa(object value, IReadOnlyList<string>? subset = null) => Next("fillna", e => e.FillNa(Frame, value, subset));

    /// <summary>Fills nulls per column.</summary>
    public EngineFrame FillNa(IReadOnlyDictionary<string, object?> values) => Next("fillna", e => e.FillNa(Frame, values));

    /// <summary>Samples <paramref name="n"/> rows or a fraction <paramref name="frac"/> (exactly one).</summary>
    public EngineFrame Sample(int? n = null, double? frac = null, bool replace = false, int? seed = null) =>
        Next("sample", e => e.Sample(Frame, n, frac, replace, seed));

    /// <summary>The first <paramref name="n"/> rows overall or per partition (see <see cref="ExecutionEngine.Take"/>).</summary>
    public EngineFrame Take(int n, string? presort = null, NullPosition nullPosition = NullPosition.Last, PartitionSpec? partition = null) =>
        Next("take", e => e.Take(Frame, n, presort, nullPosition, partition));

    // ---- column expressions ----

    /// <summary>Selects columns with optional row and group filters (see <see cref="ExecutionEngine.Select(DataFrame, SelectColumns, ColumnExpr?, ColumnExpr?)"/>).</summary>
    public EngineFrame Select(SelectColumns columns, ColumnExpr? where = null, ColumnExpr? having = null) =>
        Next("select", e => e.Select(Frame, columns, where, having));

    /// <summary>Selects columns given as names or <see cref="ColumnExpr"/>s.</summary>
    public EngineFrame Select(params object[] columns) => Select(SelectColumns.Of(columns));

    /// <summary>The rows where <paramref name="condition"/> is true.</summary>
    public EngineFrame Filter(ColumnExpr condition) => Next("filter", e => e.Filter(Frame, condition));

    /// <summary>Adds or replaces columns.</summary>
    public EngineFrame Assign(params ColumnExpr[] columns) => Next("assign", e => e.Assign(Frame, columns));

    /// <summary>Adds or replaces columns by name (a non-expression value becomes a literal).</summary>
    public EngineFrame Assign(IReadOnlyDictionary<string, object?> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Assign(columns.Select(kv => kv.Value is ColumnExpr c ? c.Alias(kv.Key) : Functions.Lit(kv.Value, kv.Key)).ToArray());
    }

    /// <summary>Aggregates the whole frame, or per group of <paramref name="partitionBy"/>'s keys.</summary>
    public EngineFrame Aggregate(IReadOnlyList<string>? partitionBy, params ColumnExpr[] aggregations)
    {
        var spec = partitionBy is null || partitionBy.Count == 0 ? null : new PartitionSpec(partitionBy);
        return Next("aggregate", e => e.Aggregate(Frame, spec, aggregations));
    }

    // ---- physical ----

    /// <summary>Physically repartitions (a hint; a no-op on in-process engines).</summary>
    public EngineFrame Repartition(PartitionSpec partition) => Next("repartition", e => e.Repartition(Frame, partition));

    /// <summary>Makes the frame available to every worker.</summary>
    public EngineFrame Broadcast() => Next("broadcast", e => e.Broadcast(Frame));

    /// <summary>Materializes the frame now (unless <paramref name="lazy"/>).</summary>
    public EngineFrame Persist(bool lazy = false, CancellationToken cancellationToken = default) =>
        Next("persist", e => e.Persist(Frame, lazy, cancellationToken));

    // ---- output ----

    /// <summary>Saves the frame (see <see cref="ExecutionEngine.SaveDf"/>); ends a chain.</summary>
    /// <param name="path">The target file or folder.</param>
    /// <param name="formatHint">Overrides the suffix.</param>
    /// <param name="mode">Overwrite (default), append or error.</param>
    /// <param name="partition">Part files (<c>num</c>) and Hive keys (<c>by</c>).</param>
    /// <param name="forceSingle">Write exactly one file.</param>
    /// <param name="options">Codec options.</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save leaves nothing half-written.</param>
    public void Save(
        string path,
        string? formatHint = null,
        SaveMode mode = SaveMode.Overwrite,
        PartitionSpec? partition = null,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Log("save");
        FugueApi.SaveOn(Engine, Frame, path, formatHint, mode, partition, forceSingle, options, cancellationToken);
    }

    /// <summary>All rows as arrays of canonical values.</summary>
    public List<object?[]> AsArray(IReadOnlyList<string>? columns = null, bool typeSafe = false) => Frame.AsArray(columns, typeSafe);

    /// <summary>All rows as dictionaries.</summary>
    public List<Dictionary<string, object?>> AsDicts(IReadOnlyList<string>? columns = null) => Frame.AsDicts(columns);

    /// <summary>The number of rows (reads a lazy frame).</summary>
    public long Count() => FugueApi.Count(Frame);

    /// <summary>Prints the first <paramref name="n"/> rows to the console.</summary>
    public EngineFrame Show(int n = 10, bool withCount = false, string? title = null)
    {
        Frame.Show(n, withCount, title);
        return this;
    }

    /// <summary>Prints the first <paramref name="n"/> rows to <paramref name="writer"/>.</summary>
    public EngineFrame Show(TextWriter writer, int n = 10, bool withCount = false, string? title = null)
    {
        Frame.Show(writer, n, withCount, title);
        return this;
    }

    /// <summary>The frame as a local frame, still bound to the engine.</summary>
    public EngineFrame AsLocal() => new(Engine, Frame.AsLocal());

    /// <inheritdoc />
    public override string ToString() => $"EngineFrame({Engine.GetType().Name}, {Frame})";

    private EngineFrame Next(string operation, Func<ExecutionEngine, DataFrame> step)
    {
        Log(operation);
        return new EngineFrame(Engine, step(Engine));
    }

    private void Log(string operation) => EngineLog.Operation(Engine.Logger, operation, Engine.GetType().Name);
}
