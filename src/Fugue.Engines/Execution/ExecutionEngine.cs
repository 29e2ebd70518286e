using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers.Codecs;

namespace Fugue.Execution;

/// <summary>
/// The contract every backend implements: conversion to the engine's frames, partitioning, map, joins, set
/// operations and the other relational operations, with Fugue's semantics. Every method accepts any
/// <see cref="DataFrame"/> and converts it with <see cref="ToDf(DataFrame)"/> first. Results are lazy where
/// the engine can be lazy; <see cref="Persist"/> materializes.
/// </summary>
public abstract partial class ExecutionEngine : IDisposable
{
    private readonly Lock _stopLock = new();
    private MapEngine? _mapEngine;
    private SqlEngine? _sqlEngine;
    private bool _stopped;
    private int _contextCount;

    /// <summary>Creates the engine; <paramref name="conf"/> is overlaid on Fugue's global defaults.</summary>
    protected ExecutionEngine(IReadOnlyDictionary<string, object?>? conf = null)
    {
        Conf = FugueConf.Create(conf);
    }

    /// <summary>The engine configuration: Fugue's global defaults overlaid with the user's. Transformers read it too.</summary>
    public ParamDict Conf { get; }

    /// <summary>True when the engine runs work outside this process.</summary>
    public abstract bool IsDistributed { get; }

    /// <summary>How many partitions the engine processes at the same time.</summary>
    public abstract int GetCurrentParallelism();

    /// <summary>The map facet, created on first use.</summary>
    public MapEngine MapEngine
    {
        get
        {
            lock (_stopLock)
            {
                return _mapEngine ??= CreateDefaultMapEngine();
            }
        }
    }

    /// <summary>The SQL facet, created on first use with <see cref="CreateDefaultSqlEngine"/>; settable to switch SQL engines.</summary>
    public SqlEngine SqlEngine
    {
        get
        {
            lock (_stopLock)
            {
                return _sqlEngine ??= CreateDefaultSqlEngine();
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_stopLock)
            {
                _sqlEngine = value;
            }
        }
    }

    /// <summary>Creates the default map facet.</summary>
    protected abstract MapEngine CreateDefaultMapEngine();

    /// <summary>Creates the default SQL facet.</summary>
    protected abstract SqlEngine CreateDefaultSqlEngine();

    // ---- lifecycle and context ----

    /// <summary>True once <see cref="Stop"/> has run.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Stops the engine; the engine's own <see cref="StopEngine"/> runs at most once.</summary>
    public void Stop()
    {
        lock (_stopLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        StopEngine();
    }

    /// <summary>Releases the engine's resources; called once by <see cref="Stop"/>.</summary>
    protected virtual void StopEngine()
    {
    }

    /// <summary>Stops the engine.</summary>
    public void Dispose()
    {
        Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Makes this engine the ambient engine (<see cref="ExecutionEngineContext.Current"/>) until the returned
    /// scope is disposed. Scopes nest; as in Fugue, when the last scope of this engine ends the engine stops (unless it is
    /// the global engine).
    /// </summary>
    public IDisposable AsContext()
    {
        Interlocked.Increment(ref _contextCount);
        var scope = ExecutionEngineContext.Enter(this);
        return new ContextScope(this, scope);
    }

    /// <summary>True while at least one <see cref="AsContext"/> scope of this engine is open.</summary>
    public bool InContext => Volatile.Read(ref _contextCount) > 0;

    /// <summary>Makes this engine the global engine (used when no context engine is set); the previous global engine is replaced.</summary>
    public void SetGlobal() => ExecutionEngineContext.SetGlobal(this);

    /// <summary>True when this engine is the global engine.</summary>
    public bool IsGlobal => ReferenceEquals(ExecutionEngineContext.Global, this);

    private sealed class ContextScope(ExecutionEngine engine, IDisposable inner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            inner.Dispose();

            // As Fugue: the global engine outlives its context scopes (it is still the default afterwards).
            if (Interlocked.Decrement(ref engine._contextCount) == 0 && !engine.IsGlobal)
            {
                engine.Stop();
            }
        }
    }

    // ---- conversion and physical operations ----

    /// <summary>
    /// Converts any frame (another engine's included) to this engine's frame kind; a frame that already is one
    /// is returned unchanged.
    /// </summary>
    public abstract DataFrame ToDf(DataFrame df);

    /// <summary>Builds a frame of this engine from rows and a schema, converting values to the schema's types.</summary>
    public DataFrame ToDf(IEnumerable<IReadOnlyList<object?>> rows, Schema schema) => ToDf(new ArrayDataFrame(rows, schema));

    /// <summary>
    /// Builds a frame of this engine from typed rows (records, classes or structs used by an annotated method), written
    /// by the row type's generated codec: no reflection, columns named as the row type's members (or their
    /// <c>[Column]</c> names). For another schema, convert with <see cref="RowCodecRegistry.ToFrame{T}"/> first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator made no codec for <typeparamref name="T"/>.</exception>
    public DataFrame ToDf<T>(IEnumerable<T> rows) => ToDf(RowCodecRegistry.ToFrame(rows));

    /// <summary>Physically repartitions the frame for the next operation; engines may treat it as a hint.</summary>
    public abstract DataFrame Repartition(DataFrame df, PartitionSpec partitionSpec);

    /// <summary>Makes the frame available to every worker; only the first call on a frame counts.</summary>
    public abstract DataFrame Broadcast(DataFrame df);

    /// <summary>Materializes the frame now (unless <paramref name="lazy"/>) so that later uses don't recompute it; only the first call on a frame counts.</summary>
    public abstract DataFrame Persist(DataFrame df, bool lazy = false, CancellationToken cancellationToken = default);

    // ---- map ----

    /// <summary>
    /// Runs <paramref name="mapFunc"/> per logical partition; see <see cref="Execution.MapEngine.MapDataFrame"/>. Reports
    /// to <see cref="Progress"/> and <see cref="Logger"/> where the engine runs maps in process.
    /// </summary>
    public DataFrame Map(
        DataFrame df,
        MapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec? partitionSpec = null,
        MapInitFunc? onInit = null,
        CancellationToken cancellationToken = default) =>
        MapObserved("map", df, mapFunc, outputSchema, partitionSpec ?? PartitionSpec.Empty, onInit, cancellationToken);

    // ---- relational operations ----

    /// <summary>
    /// Joins two frames. Keys are <paramref name="on"/>, or else the columns the frames share (in
    /// <paramref name="df1"/>'s order); null keys never match. Output: df1's columns then df2's non-key columns
    /// (only df1's for semi and anti).
    /// </summary>
    public abstract DataFrame Join(DataFrame df1, DataFrame df2, JoinType how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default);

    /// <summary>Joins two frames with a join type name (see <see cref="JoinTypes.Parse"/>).</summary>
    public DataFrame Join(DataFrame df1, DataFrame df2, string how, IReadOnlyList<string>? on = null, CancellationToken cancellationToken = default) =>
        Join(df1, df2, JoinTypes.Parse(how), on, cancellationToken);

    /// <summary>UNION (distinct) or UNION ALL of two frames with identical schemas; nulls compare equal.</summary>
    public abstract DataFrame Union(DataFrame df1, DataFrame df2, bool distinct = true);

    /// <summary>EXCEPT DISTINCT (or EXCEPT ALL where the engine supports it) of two frames with identical schemas.</summary>
    public abstract DataFrame Subtract(DataFrame df1, DataFrame df2, bool distinct = true);

    /// <summary>INTERSECT DISTINCT (or INTERSECT ALL where the engine supports it) of two frames with identical schemas.</summary>
    public abstract DataFrame Intersect(DataFrame df1, DataFrame df2, bool distinct = true);

    /// <summary>SELECT DISTINCT *; nulls compare equal.</summary>
    public abstract DataFrame Distinct(DataFrame df);

    /// <summary>
    /// Drops rows with nulls: with <see cref="DropNaHow.Any"/> a row with any null in <paramref name="subset"/>
    /// (all columns by default), with <see cref="DropNaHow.All"/> a row entirely null; <paramref name="thresh"/>,
    /// when given, keeps rows with at least that many non-null values and overrides <paramref name="how"/>.
    /// </summary>
    public abstract DataFrame DropNa(DataFrame df, DropNaHow how = DropNaHow.Any, int? thresh = null, IReadOnlyList<string>? subset = null);

    /// <summary>Fills nulls in <paramref name="subset"/> (all columns by default) with <paramref name="value"/>.</summary>
    public abstract DataFrame FillNa(DataFrame df, object value, IReadOnlyList<string>? subset = null);

    /// <summary>Fills nulls per column; the dictionary maps column name to its fill value.</summary>
    public abstract DataFrame FillNa(DataFrame df, IReadOnlyDictionary<string, object?> values);

    /// <summary>Samples <paramref name="n"/> rows or a fraction <paramref name="frac"/> of them (exactly one of the two).</summary>
    public abstract DataFrame Sample(DataFrame df, int? n = null, double? frac = null, bool replace = false, int? seed = null);

    /// <summary>
    /// The first <paramref name="n"/> rows overall, or per partition when <paramref name="partitionSpec"/> has
    /// keys, after sorting by <paramref name="presort"/> (which overrides the spec's presort) with nulls at
    /// <paramref name="nullPosition"/>.
    /// </summary>
    public abstract DataFrame Take(DataFrame df, int n, string? presort = null, NullPosition nullPosition = NullPosition.Last, PartitionSpec? partitionSpec = null);

    // ---- zip / comap ----

    /// <summary>
    /// Co-partitions several frames on the same keys (<paramref name="partitionSpec"/>'s keys, or the columns all
    /// frames share) for <see cref="Comap"/>. Named frames keep their names; positional ones are passed by position.
    /// </summary>
    public abstract DataFrame Zip(DataFrames dfs, JoinType how = JoinType.Inner, PartitionSpec? partitionSpec = null);

    /// <summary>
    /// Runs <paramref name="mapFunc"/> per logical partition of a zipped frame (from <see cref="Zip"/>), with one
    /// frame per zipped input; <paramref name="partitionSpec"/> contributes only num and algo.
    /// </summary>
    public abstract DataFrame Comap(
        DataFrame df,
        CoMapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec? partitionSpec = null,
        CoMapInitFunc? onInit = null,
        CancellationToken cancellationToken = default);

    // ---- SQL ----

    /// <summary>Runs a SQL statement through <see cref="SqlEngine"/>; the keys of <paramref name="dfs"/> are the table names.</summary>
    public DataFrame Select(DataFrames dfs, string sql, CancellationToken cancellationToken = default) =>
        SqlEngine.Select(dfs, sql, cancellationToken);
}
