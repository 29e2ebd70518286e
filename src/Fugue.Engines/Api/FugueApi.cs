using Fugue.Configuration;
using Fugue.Execution;
using Fugue.Frames;

namespace Fugue.Api;

/// <summary>
/// Fugue's functional API (<c>fugue.api</c>, imported in Python as <c>fa</c>) for .NET: static methods that run one
/// operation on any data (<see cref="AnyDataFrame"/>) with any engine (<see cref="AnyExecutionEngine"/>). Alias it as
/// Python users alias <c>fugue.api</c>: <c>using Fa = Fugue.Api.FugueApi;</c> (C# reserves all-lowercase type names, so not <c>fa</c>).
/// <para>
/// Which engine runs a call (Fugue's <c>engine_context</c>): the <c>engine</c> argument when given (an instance, or a
/// name made for the call with <c>engineConf</c> and stopped after it), else the ambient engine
/// (<see cref="ExecutionEngine.AsContext"/>, <see cref="EngineContext"/>, else the global engine of
/// <see cref="SetGlobalEngine"/>), else the engine of an <see cref="EngineFrame"/> input, else a new engine from
/// <c>engineConf</c> (<see cref="ExecutionEngineFactory.EngineNameKey"/>, default <c>native</c>) made for the call.
/// </para>
/// <para>
/// Results are frames of that engine (Fugue's <c>as_fugue=True</c>: every .NET input already is a Fugue frame), lazy
/// where the engine is lazy; <c>asLocal: true</c> returns a local frame instead (Fugue's <c>as_local</c>). An engine made
/// for a call is stopped when the call returns, so a distributed engine's result is then brought local first.
/// </para>
/// </summary>
/// <example>
/// <code>
/// using Fa = Fugue.Api.FugueApi;
///
/// using (Fa.EngineContext("native"))
/// {
///     var sales = Fa.Load("sales.parquet");
///     var ranked = Fa.Transform(sales, Pipelines.RankWithinKey, partition: PartitionSpec.By("key").WithPresort("ts"));
///     Fa.Save(Fa.LeftOuterJoin(ranked, Fa.Load("dims.parquet")), "out.parquet");
/// }
/// </code>
/// </example>
public static partial class FugueApi
{
    // ---- engines ----

    /// <summary>
    /// Fugue's <c>make_execution_engine</c>: the given instance; else the named engine made with
    /// <paramref name="engineConf"/>; else the ambient engine; else a new engine named by the conf (default native).
    /// The caller owns an engine made here (stop or dispose it).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown engine name (the message lists the known ones).</exception>
    public static ExecutionEngine MakeExecutionEngine(AnyExecutionEngine? engine = null, IReadOnlyDictionary<string, object?>? engineConf = null) =>
        Resolve(engine, engineConf, []).Engine;

    /// <summary>
    /// Makes (or takes) an engine as <see cref="MakeExecutionEngine"/> and makes it the ambient engine until the scope is
    /// disposed; as in Fugue, the engine stops when its last scope ends (unless it is the global engine).
    /// </summary>
    /// <example>
    /// <code>
    /// using (var scope = FugueApi.EngineContext("native"))
    /// {
    ///     var df = FugueApi.Distinct(input); // runs on scope.Engine
    /// }
    /// </code>
    /// </example>
    public static EngineScope EngineContext(AnyExecutionEngine? engine = null, IReadOnlyDictionary<string, object?>? engineConf = null) =>
        new(MakeExecutionEngine(engine, engineConf));

    /// <summary>Makes (or takes) an engine and makes it the global engine (the default when no context engine is set); returns it.</summary>
    public static ExecutionEngine SetGlobalEngine(AnyExecutionEngine engine, IReadOnlyDictionary<string, object?>? engineConf = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var e = MakeExecutionEngine(engine, engineConf);
        e.SetGlobal();
        return e;
    }

    /// <summary>Clears the global engine (it is not stopped: the caller may still use it).</summary>
    public static void ClearGlobalEngine() => ExecutionEngineContext.ClearGlobal();

    /// <summary>The ambient engine: the innermost context engine, else the global engine, else null.</summary>
    public static ExecutionEngine? GetContextEngine() => ExecutionEngineContext.Current;

    /// <summary>The parallelism of the engine a call would use (a made engine is stopped afterwards).</summary>
    public static int GetCurrentParallelism(AnyExecutionEngine? engine = null, IReadOnlyDictionary<string, object?>? engineConf = null) =>
        Run("get_current_parallelism", engine, engineConf, [], e => e.GetCurrentParallelism());

    /// <summary>The conf of the ambient engine, else Fugue's global conf.</summary>
    public static ParamDict GetCurrentConf() => ExecutionEngineContext.Current?.Conf ?? FugueConf.Create();

    // ---- data conversion ----

    /// <summary>The data as a Fugue frame (Fugue's <c>as_fugue_df</c>), not bound to an engine.</summary>
    public static DataFrame AsFugueDf(AnyDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return df.Frame;
    }

    /// <summary>Rows with a schema as a Fugue frame.</summary>
    public static DataFrame AsFugueDf(IEnumerable<IReadOnlyList<object?>> rows, Schemas.Schema schema) => AnyDataFrame.From(rows, schema).Frame;

    /// <summary>The data as a frame of the engine a call would use (Fugue's <c>as_fugue_engine_df</c>).</summary>
    public static DataFrame AsFugueEngineDf(AnyDataFrame df, AnyExecutionEngine? engine = null, IReadOnlyDictionary<string, object?>? engineConf = null) =>
        RunFrame("as_fugue_engine_df", engine, engineConf, false, [df], e => df.On(e));

    // ---- plumbing ----

    /// <summary>Chooses the engine of a call; Owned means it was made for the call (and is stopped after it).</summary>
    internal static (ExecutionEngine Engine, bool Owned) Resolve(
        AnyExecutionEngine? engine,
        IReadOnlyDictionary<string, object?>? engineConf,
        ReadOnlySpan<AnyDataFrame> inputs)
    {
        if (engine?.Engine is { } instance)
        {
            return (instance, false);
        }

        if (engine?.Name is { } name)
        {
            return (ExecutionEngineFactory.Make(name, Merge(engine.Conf, engineConf)), true);
        }

        if (ExecutionEngineContext.Current is { } ambient)
        {
            return (ambient, false);
        }

        foreach (var input in inputs)
        {
            if (input?.Engine is { IsStopped: false } inferred)
            {
                return (inferred, false);
            }
        }

        return (ExecutionEngineFactory.Make((string?)null, engineConf), true);
    }

    private static IReadOnlyDictionary<string, object?>? Merge(IReadOnlyDictionary<string, object?>? first, IReadOnlyDictionary<string, object?>? second)
    {
        if (first is null || first.Count == 0)
        {
            return second;
        }

        if (second is null || second.Count == 0)
        {
            return first;
        }

        var merged = new Dictionary<string, object?>(first, StringComparer.Ordinal);
        foreach (var kv in second)
        {
            merged[kv.Key] = kv.Value;
        }

        return merged;
    }

    /// <summary>Runs a call that returns a frame: the result is local when asked, or when the engine made for the call is distributed (it stops next).</summary>
    private static DataFrame RunFrame(
        string operation,
        AnyExecutionEngine? engine,
        IReadOnlyDictionary<string, object?>? engineConf,
        bool asLocal,
        ReadOnlySpan<AnyDataFrame> inputs,
        Func<ExecutionEngine, DataFrame> body) =>
        Run(operation, engine, engineConf, inputs, e =>
        {
            var result = body(e);
            return asLocal ? result.AsLocal() : result;
        }, (e, owned, result) => owned && e.IsDistributed && !(result.IsLocal && result.IsBounded) ? result.AsLocalBounded() : result);

    private static T Run<T>(
        string operation,
        AnyExecutionEngine? engine,
        IReadOnlyDictionary<string, object?>? engineConf,
        ReadOnlySpan<AnyDataFrame> inputs,
        Func<ExecutionEngine, T> body,
        Func<ExecutionEngine, bool, T, T>? beforeStop = null)
    {
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, "df");
        }

        var (e, owned) = Resolve(engine, engineConf, inputs);
        try
        {
            EngineLog.Operation(e.Logger, operation, e.GetType().Name);
            var result = body(e);
            return beforeStop is null ? result : beforeStop(e, owned, result);
        }
        catch (Exception ex) when (LogFailure(e, operation, ex))
        {
            throw; // never reached: the filter only logs
        }
        finally
        {
            if (owned)
            {
                e.Stop();
            }
        }
    }

    private static bool LogFailure(ExecutionEngine engine, string operation, Exception exception)
    {
        if (exception is not OperationCanceledException)
        {
            EngineLog.OperationFailed(engine.Logger, operation, exception.GetType().FullName ?? exception.GetType().Name);
        }

        return false;
    }
}
